#!/usr/bin/env bash
# Shared by the bench scripts: build a module with its test classes and run a main class from its test sources.
# Usage (from a bench script):  source "$(dirname "$0")/lib.sh"; run_bench_main <module> <main-class> [args...]
set -euo pipefail
# Fail inside $(...) too, so a failed build never leaves a stale classpath in use.
shopt -s inherit_errexit

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_OUT="$BENCH_ROOT/bench/out"
SHARED_DIR="$(cd "$BENCH_ROOT/.." && pwd)/shared"
mkdir -p "$BENCH_OUT"

# Compiles the module (and what it needs) with its tests, and prints its test classpath.
bench_classpath() {
  local module=$1
  local cpfile="$BENCH_OUT/$module.classpath"
  # One invocation, so reactor siblings resolve to their freshly built target/classes.
  # -am writes the file once per module in turn; the module's own is written last.
  (cd "$BENCH_ROOT" && mvn -B -q -pl "$module" -am test-compile dependency:build-classpath -DskipTests \
      -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >&2)
  local cp
  cp=$(cat "$cpfile")
  echo "$BENCH_ROOT/$module/target/test-classes:$BENCH_ROOT/$module/target/classes:$cp"
}

# Runs a main class from a module's test sources with the given JVM options in BENCH_JAVA_OPTS.
run_bench_main() {
  local module=$1 main=$2
  shift 2
  local cp
  cp=$(bench_classpath "$module")
  java ${BENCH_JAVA_OPTS:-} -Dclassifier.sharedDir="$SHARED_DIR" -cp "$cp" "$main" "$@"
}
