#!/usr/bin/env bash
# The feedback stores side by side (JSONL, SQLite, and PostgreSQL where CLASSIFIER_PG_URL is set): durable adds/s with 1
# and 8 threads, filling to a million rows, then recent(20) and change-feed latency at that size.
# Usage: bench/stores.sh [rows=1000000] [seconds-per-add-run=5]
# With no CLASSIFIER_PG_URL, set BENCH_START_POSTGRES=1 to start a throw-away server with .ci/postgres.sh.
source "$(dirname "$0")/lib.sh"
if [ -z "${CLASSIFIER_PG_URL:-}" ] && [ "${BENCH_START_POSTGRES:-0}" = 1 ]; then
  source "$BENCH_ROOT/.ci/postgres.sh"
fi
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx512m}" run_bench_main classifier-store-jdbc \
  dev.classifier.store.jdbc.bench.StoresBench "$@"
