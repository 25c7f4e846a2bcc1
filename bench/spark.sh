#!/usr/bin/env bash
# classifier-spark on Spark local[2] against the same model in one JVM thread (SparkBench, classifier-spark's tests):
#   - the local model (trained on the AG News + THUCNews train splits) over ROWS distinct rows made from the shared
#     test sets (each row joins halves of two different test texts; BenchRows says how), Parquet in and out as a
#     Backfill writes it (id, label, confidence, scores as array<double>, flags, status, error, model_version
#     partition; not the text): wall time from the action to the last row written (SparkSession start excluded),
#     against classifyAll in one thread over the same rows held in memory, and against the same job on local[1];
#     what the output's shape costs (every input column with scores as a map, as last session; scores as a map;
#     no scores); the time to the first result; the executor JVM's heap;
#   - the embedding classifier (bge-small-zh, one ONNX thread per classifier) on the 10,000 THUCNews test headlines.
# Usage: bench/spark.sh [rows]     (default 1,000,000)     Output: bench/out/spark.txt
# Run it on otherwise idle cores (nice -n 10 here, beside other jobs: the ratio is what to compare).
source "$(dirname "$0")/lib.sh"

ROWS=${1:-1000000}
FLAGS=$(sed -n "s:.*<spark.java17.flags>\(.*\)</spark.java17.flags>.*:\1:p" "$BENCH_ROOT/pom.xml")
BENCH_JAVA_OPTS="-Xmx3g $FLAGS" run_bench_main classifier-spark dev.classifier.spark.bench.SparkBench \
  "$SHARED_DIR/data" "$BENCH_OUT/spark" "$ROWS" 2>"$BENCH_OUT/spark.log" | tee "$BENCH_OUT/spark.txt"
