#!/usr/bin/env bash
# JsonlReader against Jackson's MappingIterator (the peer) on one generated labelled set, alternately in one JVM,
# under a heap smaller than the file (both stream). Usage: bench/dataset-jsonl-read.sh [megabytes=100] [rounds=3]
source "$(dirname "$0")/lib.sh"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx64m}" run_bench_main classifier-dataset dev.classifier.dataset.bench.JsonlReadBench "$@"
