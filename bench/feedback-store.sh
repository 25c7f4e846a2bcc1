#!/usr/bin/env bash
# JsonlFeedbackStore benchmark: writes and reads 1,000,000 feedback records and prints, each against a peer run in
# the same process, the store's read MB/s against a raw Jackson streaming read of the same file (target >= 0.8x),
# the disk's fsync latency, and durable appends/s with 1 and 8 threads, group commit against a naive
# force-per-record loop (target >= 3x at 8 threads). Needs about 1 GB free under bench/out.
#
# Usage: bench/feedback-store.sh [records (1000000)] [directory (bench/out/feedback-store)] [seconds per append run (4)]
source "$(dirname "$0")/lib.sh"
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}"
run_bench_main classifier-dataset dev.classifier.dataset.bench.JsonlFeedbackStoreBench \
  "${1:-1000000}" "${2:-$BENCH_OUT/feedback-store}" "${3:-4}"
