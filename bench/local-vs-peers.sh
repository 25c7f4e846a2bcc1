#!/usr/bin/env bash
# The local classifier against its peers, side by side on ../shared/data (AG News and THUCNews): fastText and
# scikit-learn from Debian's packages, OpenNLP's document categorizer from Maven Central. For each: accuracy,
# macro-F1, training time, prediction docs/s on the full splits, and accuracy mean ± sd over the five few-shot
# draws (8, 32, 128 per class). Peers run with the configurations of ../shared/data/BASELINES.md; the local
# classifier with its defaults, which the --tune stage (on by default) shows were chosen by cross-validation on
# the training splits only. Each test file is scored once per reported figure.
#
# Usage: bench/local-vs-peers.sh [--no-tune]      (about 10 minutes on 2 cores)
# Output: the tables and target checks on stdout; raw JSON lines in bench/out/local-vs-peers/results.jsonl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

TUNE=--tune
if [[ "${1:-}" == "--no-tune" ]]; then
  TUNE=
fi
DATA="$SHARED_DIR/data"
if [[ ! -d "$DATA/agnews" || ! -d "$DATA/thucnews" ]]; then
  echo "no benchmark data in $DATA" >&2
  exit 1
fi
PY=/usr/bin/python3
if ! command -v fasttext >/dev/null || ! "$PY" -c 'import sklearn' 2>/dev/null; then
  echo "installing the peers: fasttext, python3-sklearn" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fasttext python3-sklearn >&2
fi

# Training logs only at WARN: the figures are the output.
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"

OUT="$BENCH_OUT/local-vs-peers"
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
echo "started $(date -Is); load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores" | tee "$OUT/run.log"
echo "fasttext $(dpkg-query -W -f='${Version}' fasttext), scikit-learn $("$PY" -c 'import sklearn; print(sklearn.__version__)'), $(java -version 2>&1 | head -1)" | tee -a "$OUT/run.log"

# Prediction volumes as in BASELINES.md for the C++ and Java peers: the test texts repeated (AG News 1,600 x 40,
# THUCNews 10,000 x 20); scikit-learn predicts one batch of AG News x 3 and THUCNews x 2 (it is slower per text).
AGNEWS_DOCS=64000
THUCNEWS_DOCS=200000

echo "== Java: local classifier and OpenNLP" >&2
run_bench_main classifier-local dev.classifier.local.bench.JavaBenches $TUNE $AGNEWS_DOCS $THUCNEWS_DOCS \
  | tee -a "$OUT/run.log" | grep '^{' >> "$RESULTS"

echo "== scikit-learn" >&2
export SHARED_DIR
PEERS="$BENCH_ROOT/bench/peers"
"$PY" "$PEERS/sklearn_bench.py" agnews charwb25_svc 3 >> "$RESULTS"
"$PY" "$PEERS/sklearn_bench.py" thucnews char13_svc 2 >> "$RESULTS"

echo "== fastText" >&2
"$PY" "$PEERS/fasttext_bench.py" agnews raw 40 "$OUT/fasttext" >> "$RESULTS"
"$PY" "$PEERS/fasttext_bench.py" thucnews raw 20 "$OUT/fasttext" >> "$RESULTS"
"$PY" "$PEERS/fasttext_bench.py" thucnews char 20 "$OUT/fasttext" >> "$RESULTS"

echo "finished $(date -Is); load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/run.log"
grep -v '^{' "$OUT/run.log" | grep -E '^(agnews|thucnews|[A-Za-z0-9=.-]+ +[0-9])' || true
"$PY" "$PEERS/report.py" "$RESULTS" | tee "$OUT/report.md"
