#!/usr/bin/env bash
# Saves the review page as a PNG: the sample news, a few decisions made through the page in headless Chromium
# (Debian's chromium and chromium-driver, through Selenium; fonts-noto-cjk for the Chinese text).
#   bench/review-screenshot.sh [out.png]   (default bench/out/review-page.png)
source "$(dirname "$0")/lib.sh"

if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  echo "review-screenshot.sh needs Chromium: apt-get install chromium chromium-driver fonts-noto-cjk" >&2
  exit 1
fi
PNG="${1:-$BENCH_OUT/review-page.png}"
run_bench_main classifier-review dev.classifier.review.bench.ReviewScreenshot "$(realpath -m "$PNG")"
