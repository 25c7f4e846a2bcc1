#!/usr/bin/env bash
# CPU per classification outside the network (window selection + prompt rendering vs Lucene BM25 in the same JVM),
# and prompt tokens / cost per 1,000 articles per window policy with a simulated prompt cache.
# Usage: bench/prompt-window.sh [cpu|cost]      (both when no argument; skips when ../shared/data is absent)
source "$(dirname "$0")/lib.sh"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx2g -XX:+UseParallelGC}"
run_bench_main classifier-prompt dev.classifier.prompt.bench.PromptWindowBench "$@" | tee "$BENCH_OUT/prompt-window.txt"
