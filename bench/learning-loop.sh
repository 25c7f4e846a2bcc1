#!/usr/bin/env bash
# Benchmarks of the learning loop (classifier-loop) on AG News and THUCNews from ../shared/data, with a simulated
# reviewer who knows the gold label. Each part is a main class of classifier-loop's test sources that writes
# bench/out/learning-loop-<part>.txt and an HTML section; this script puts the sections into one page,
# bench/out/learning-loop.html (learning curves as inline SVG: it opens with the network unplugged).
#   review-budget  reviewed items to reach an accuracy, per queue policy against random order (local, embeddings)
#   rule-change    held-out keyword articles that follow a new rule after n corrections; accuracy elsewhere
#   new-category   a category added mid-stream: the share of its articles that land in it after n corrections
#   freshness      time until a correction changes the next classify() at 1,000 / 10,000 / 100,000 items
#   retrain        background (warm-started) retrain against a from-scratch retrain at the same sizes
#   noise          flagged feedback against 5% random and 5% systematic label flips, per out-of-fold source
#                  (local model, embedding classifier, their mean); accuracy recovered
# Usage: bench/learning-loop.sh [all|<part> ...]          The embedding parts warm bench/out/embeddings.cache first.
source "$(dirname "$0")/lib.sh"

MODULE=classifier-loop
PACKAGE=dev.classifier.loop.bench
CACHE="$BENCH_OUT/embeddings.cache"
declare -A MAINS=([review-budget]=ReviewBudgetBench [rule-change]=RuleChangeBench [new-category]=NewCategoryBench
  [freshness]=FreshnessBench [retrain]=RetrainBench [noise]=NoiseBench)
ORDER=(review-budget rule-change new-category freshness retrain noise)

if [[ ! -d "$SHARED_DIR/data" ]]; then
  echo "skipped: $SHARED_DIR/data is absent (the learning-loop bench needs the shared AG News and THUCNews sets)"
  exit 0
fi
PARTS=("$@")
if [[ ${#PARTS[@]} -eq 0 || "${PARTS[0]}" == all ]]; then PARTS=("${ORDER[@]}"); fi
for part in "${PARTS[@]}"; do
  [[ -n "${MAINS[$part]:-}" ]] || { echo "unknown part '$part': all or one of ${ORDER[*]}" >&2; exit 2; }
done

for part in "${PARTS[@]}"; do
  echo "== $part ($(date -u +%H:%M:%S) UTC)"
  # The part's progress and its own printout go to the log; its report (the .txt it wrote) is shown once.
  LOG="$BENCH_OUT/learning-loop-$part.log"
  if ! BENCH_JAVA_OPTS="-Xmx4g -Dbench.out=$BENCH_OUT -Dbench.cache=$CACHE" \
    run_bench_main "$MODULE" "$PACKAGE.${MAINS[$part]}" >"$LOG" 2>&1; then
    echo "part $part failed; the end of $LOG:" >&2
    tail -n 20 "$LOG" >&2
    exit 1
  fi
  cat "$BENCH_OUT/learning-loop-$part.txt"
done

# One page from every section that exists, in the parts' order (a part run alone refreshes its own section).
PAGE="$BENCH_OUT/learning-loop.html"
{
  echo '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Learning loop benchmarks</title>'
  echo '<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}'
  echo 'table{border-collapse:collapse}td,th{border:1px solid #d1d5db;padding:.2rem .5rem;text-align:right}</style>'
  echo "</head><body><h1>Learning loop benchmarks</h1><p>$(date -u +%Y-%m-%d) on $(nproc) cores.</p>"
  for part in "${ORDER[@]}"; do
    [[ -f "$BENCH_OUT/learning-loop-$part.html" ]] && cat "$BENCH_OUT/learning-loop-$part.html"
  done
  echo '</body></html>'
} >"$PAGE"
echo "page: $PAGE"
