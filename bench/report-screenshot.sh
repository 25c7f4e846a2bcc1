#!/usr/bin/env bash
# Builds the sample evaluation report (two fake classifiers, Chinese and English rows), writes it to
# bench/out/eval-report.{html,json}, and, where Chromium is installed, screenshots the HTML headless to
# bench/out/eval-report.png. The page loads nothing from the network; the flags keep Chromium off it too.
source "$(dirname "$0")/lib.sh"

run_bench_main classifier-eval dev.classifier.eval.bench.SampleReport "$BENCH_OUT"

HTML="$BENCH_OUT/eval-report.html"
PNG="$BENCH_OUT/eval-report.png"
CHROMIUM=/usr/bin/chromium
if [[ -x "$CHROMIUM" ]]; then
  PROFILE=$(mktemp -d)
  trap 'rm -rf "$PROFILE"' EXIT
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$PROFILE" --hide-scrollbars \
      --screenshot="$PNG" --window-size=1280,1600 "file://$HTML" 2>"$BENCH_OUT/chromium.log" || {
    echo "chromium failed; see $BENCH_OUT/chromium.log" >&2
    exit 1
  }
  echo "screenshot: $PNG"
else
  echo "skipped the screenshot: $CHROMIUM is not installed (apt-get install chromium fonts-noto-cjk)"
fi
