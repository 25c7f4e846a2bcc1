#!/usr/bin/env bash
# Cost per 1,000 articles with a 30-example window for gpt-6-luna (effort none and low) beside gpt-4o-mini, from the
# same requests (checked in the test server's journal), priced by the classifier's own Usage at the catalog's prices;
# prompt cache off and on (the test server's simulation). Sample news always; AG News + THUCNews from ../shared/data
# when present. Reasoning tokens are the test server's deterministic weight x (64 + prompt_tokens / 8) (low: 2).
# Usage: bench/model-cost.sh [articles=1000]
source "$(dirname "$0")/lib.sh"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g}"
run_bench_main classifier-prompt dev.classifier.prompt.bench.ModelCostBench "$@" | tee "$BENCH_OUT/model-cost.txt"
