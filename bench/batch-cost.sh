#!/usr/bin/env bash
# Cost per 1,000 articles through the Batch API (BatchClassifier) against the synchronous PromptClassifier, at the
# same window, on the OpenAI test server (batch time on a manual clock: no waiting).
# Usage: bench/batch-cost.sh [articles=1000]
# Expected: ratio 0.5 where the synchronous path gets no prompt-cache discount; nearer 1 as its cached share grows.
source "$(dirname "$0")/lib.sh"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g}"
run_bench_main classifier-prompt dev.classifier.prompt.bench.BatchCostBench "$@" | tee "$BENCH_OUT/batch-cost.txt"
