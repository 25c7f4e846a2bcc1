#!/usr/bin/env bash
# The review page in a real headless Chromium (Debian's chromium and chromium-driver, through Selenium): the time
# from a key press to the next item on screen, median and p95 over 200 accepts (after 10 not counted), with 10,000
# feedback in a JSONL store and 10,000 articles to review; beside it, the time to "Saved" (the durable add).
# A benchmark, not a test: run it on a quiet machine (or under nice) and compare runs of the same machine.
#   bench/review-page.sh [feedback=10000] [presses=200]
source "$(dirname "$0")/lib.sh"

if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  echo "review-page.sh needs Chromium: apt-get install chromium chromium-driver" >&2
  exit 1
fi
run_bench_main classifier-review dev.classifier.review.bench.ReviewPageBench "${1:-10000}" "${2:-200}"
