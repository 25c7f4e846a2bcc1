#!/usr/bin/env bash
# The quick start with a key set and no route to the API (issue 12): times the main job (ClassifySamples, a fresh
# JVM per run) with OPENAI_API_KEY set and OPENAI_BASE_URL at each kind of unreachable endpoint -- a refused port
# and a listener that never answers, both on 127.0.0.1, and a name that does not resolve (looked up in a hosts file
# with localhost only: no DNS query leaves the machine) -- beside the same job with no key (the peer). Prints the
# median seconds and the ratio to the peer. Goal: each under 30 s.
# Usage: bench/unreachable-quickstart.sh [rounds]     (3 unless given)
source "$(dirname "$0")/lib.sh"
BENCH_JAVA_OPTS="-Djdk.net.hosts.file=$BENCH_ROOT/examples/src/test/resources/hosts" \
  run_bench_main examples dev.classifier.examples.UnreachableQuickStartBench "$@" \
  | tee "$BENCH_OUT/unreachable-quickstart.txt"
