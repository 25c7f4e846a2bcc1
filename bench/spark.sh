#!/usr/bin/env bash
# classifier-spark on Spark local[2] against the same model in one JVM thread (SparkBench, classifier-spark's tests):
#   - the local model (trained on the AG News + THUCNews train splits) over ROWS distinct rows made from the shared
#     test sets (each row joins halves of two different test texts; BenchRows says how), Parquet in and out as a
#     Backfill writes it (id, label, confidence, scores as array<double>, flags, status, error, model_version
#     partition; not the text): wall time from the action to the last row written (SparkSession start excluded),
#     against classifyAll in one thread over the same rows held in memory, and against the same job on local[1];
#     what the output's shape costs (every input column with scores as a map, as in session 4; scores as a map,
#     a struct, none) and what reading the scores back costs (array against struct); the time to the first result;
#     the executor JVM's heap;
#   - the embedding classifier (bge-small-zh, one ONNX thread per classifier) on the 10,000 THUCNews test headlines;
#   - then, on the input and model the first part left: the backfill's task CPU split into classifyAll's (measured
#     around each call) and the rest (Spark's reading, row conversion, writing), against the bare thread's
#     classifyAll (ClassifyShare); and the issue's ratio again under the parallel collector, the backfill and the
#     bare thread taking turns (BackfillAgainstThread; the first part runs on G1, the JVM's default).
# Usage: bench/spark.sh [rows]     (default 1,000,000)     Output: bench/out/spark.txt
# Run it on otherwise idle cores (nice -n 10 here, beside other jobs: the ratio is what to compare).
source "$(dirname "$0")/lib.sh"

ROWS=${1:-1000000}
FLAGS=$(sed -n "s:.*<spark.java17.flags>\(.*\)</spark.java17.flags>.*:\1:p" "$BENCH_ROOT/pom.xml")
CP=$(bench_classpath classifier-spark)
bench() {   # a main class of classifier-spark's bench sources, with -Xmx3g, Spark's flags and the given JVM options
  local main=$1; shift
  java -Xmx3g $FLAGS ${JVM_OPTS:-} -Dclassifier.sharedDir="$SHARED_DIR" -cp "$CP" "dev.classifier.spark.bench.$main" \
    "$@" 2>>"$BENCH_OUT/spark.log"
}
: >"$BENCH_OUT/spark.log"
{
  echo "load average at the start: $(cat /proc/loadavg)"
  bench SparkBench "$SHARED_DIR/data" "$BENCH_OUT/spark" "$ROWS"
  echo "load average: $(cat /proc/loadavg)"
  bench ClassifyShare "$BENCH_OUT/spark" 3
  JVM_OPTS=-XX:+UseParallelGC bench BackfillAgainstThread "$BENCH_OUT/spark" 3
  echo "load average at the end: $(cat /proc/loadavg)"
} | tee "$BENCH_OUT/spark.txt"
