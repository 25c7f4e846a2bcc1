#!/usr/bin/env bash
# Benchmarks of classifier-embeddings, each beside a peer run in the same script:
#   warm        embed every text of ../shared/data into bench/out/embeddings.cache (minutes the first time, then free)
#   accuracy    0 (descriptions only)/8/32/128 examples per class (mean ± sd over 5 draws) and the full split, per
#               strategy (alone, default = + local companion, + unlabelled pool, + skewed pool), beside the local
#               n-gram model; compare with the lexical peers in ../shared/data/BASELINES.md. Then retraining: cold-
#               cache training time blended vs alone, and settings/accuracy after one more item (RetrainBench);
#               and a side check of how much the 32-per-class centroid figure depends on the items tested. Each
#               few-shot training is also scored on the pool's gold labels (the rest of the training split: a dev
#               set for diagnosis, never used to choose anything in the trainer).
#   throughput  texts/s with 1 and 2 workers (and 2 ONNX threads), load time and memory, one JVM per model; short
#               texts, then long ones (same-label test items joined) read head only or in 4 windows
#   long        accuracy of reading long text head only vs in windows (LongTextBench: a narrow window on real
#               texts, and joined same-label items at the real 512-token window)
#   search      VectorIndex (float, int8, 1 or 2 threads) against a brute-force float scan at 10k and 100k vectors
#   spreading   what label spreading costs: the graph of a whole training split, one spread, the test split scored
#               through it (SpreadingCost)
# Usage: bench/embeddings.sh [all|warm|accuracy|throughput|long|search|spreading]    Output: bench/out/embeddings-<part>.txt
# EMBEDDINGS_BENCH_OPTS adds JVM options, e.g. '-Dbench.regimes=32,128' (AccuracyBench: only those regimes) or
# '-Dbench.poolDev=false' (no scoring on the pool's gold labels); EMBEDDINGS_ACCURACY_ARGS='agnews,thucnews pool'
# runs only those sets (agnews, thucnews, agnews-zh) and strategies (keys: local, alone, default, pool = the first
# example, skewed = default + skewed pool; comma-separated).
source "$(dirname "$0")/lib.sh"

MODULE=classifier-embeddings
PACKAGE=dev.classifier.embeddings.bench
CACHE="$BENCH_OUT/embeddings.cache"
PART=${1:-all}

part() {
  local name=$1 heap=$2 main=$3
  shift 3
  [[ $main == *.* ]] || main="$PACKAGE.$main"  # a bare name is in the bench package
  echo "== $name ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  BENCH_JAVA_OPTS="-Xmx$heap ${EMBEDDINGS_BENCH_OPTS:-}" run_bench_main "$MODULE" "$main" "$@" 2>"$BENCH_OUT/embeddings-$name.log" \
    | tee "$BENCH_OUT/embeddings-$name.txt"
  echo "== $name done ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
}

case "$PART" in
  all|warm) part warm 1g WarmCache "$CACHE" ;;&
  all|accuracy)
    # shellcheck disable=SC2086 # EMBEDDINGS_ACCURACY_ARGS: data sets and strategy keys, e.g. 'agnews,thucnews pool,skewed'
    part accuracy 2g AccuracyBench "$CACHE" ${EMBEDDINGS_ACCURACY_ARGS:-}
    part retrain 2g RetrainBench "$CACHE"
    part notes-check 1g NotesProtocolCheck "$CACHE" ;;&
  all|throughput)
    part throughput-zh 1g ThroughputBench zh
    part throughput-en 1g ThroughputBench en ;;&
  all|long) part long 2g LongTextBench ;;&
  all|search) part search 2g SearchBench "$CACHE" ;;&
  all|spreading) part spreading 2g dev.classifier.embeddings.SpreadingCost "$CACHE" ;;
  warm|accuracy|throughput|long|search) ;;
  *) echo "unknown part '$PART': all, warm, accuracy, throughput, long, search or spreading" >&2; exit 2 ;;
esac
