#!/usr/bin/env bash
# Throughput of PromptClassifier.classifyAll against the OpenAI test server with a fixed latency, as a ratio to the
# ideal (concurrency / latency) and to a peer (the bare SDK from as many threads) in the same JVM.
# Usage: bench/prompt-throughput.sh [latencyMs=100] [rounds=10] [concurrencies=8,32,64]
# Targets: ratio to ideal >= 0.9 at concurrency 8 and 32; 64 is reported.
source "$(dirname "$0")/lib.sh"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}"
run_bench_main classifier-prompt dev.classifier.prompt.bench.PromptThroughputBench "$@" | tee "$BENCH_OUT/prompt-throughput.txt"
