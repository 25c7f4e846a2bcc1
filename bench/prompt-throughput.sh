#!/usr/bin/env bash
# Throughput of PromptClassifier.classifyAll against the OpenAI test server with a fixed latency, as a ratio to the
# ideal (concurrency / latency, which nothing can exceed) and to a peer (the bare SDK from as many threads) in the
# same JVM; each level runs both sides `repeats` times in alternating order and prints the medians, after a warm-up
# at the highest level that lasts until the JIT is quiet.
# Usage: bench/prompt-throughput.sh [latencyMs=100] [rounds=10] [concurrencies=8,32,64] [repeats=3]
# Targets (issue #12): ratio to ideal >= 0.92 at concurrency 32 and >= 0.90 at 64 (and >= 0.90 at 8).
source "$(dirname "$0")/lib.sh"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}"
run_bench_main classifier-prompt dev.classifier.prompt.bench.PromptThroughputBench "$@" | tee "$BENCH_OUT/prompt-throughput.txt"
