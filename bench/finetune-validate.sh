#!/usr/bin/env bash
# DatasetValidator on a generated chat fine-tuning file (500 MB by default, English and Chinese classification
# examples), against the dataset module's streaming JSONL parse of the same file in the same JVM, under a heap far
# smaller than the file. Usage: bench/finetune-validate.sh [megabytes=500] [rounds=2]
source "$(dirname "$0")/lib.sh"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx128m}" run_bench_main classifier-finetune \
    dev.classifier.finetune.FineTuneValidateBench "$BENCH_OUT" "$@" | tee "$BENCH_OUT/finetune-validate.txt"
