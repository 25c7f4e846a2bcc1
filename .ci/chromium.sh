# Sourced by .ci/run (bash): makes sure Debian's chromium and chromium-driver are installed, for the review page's
# browser tests (classifier-review, which fail rather than skip when CI=true) and bench/review-*.sh.
#
#   source .ci/chromium.sh   # installs the two packages if either is missing; says nothing when both are there
#
# As root with apt-get it installs them (apt-get update first, output kept quiet); otherwise it says what to install
# and fails. CHROMIUM_BIN and CHROMEDRIVER_BIN override where the tests look (default /usr/bin/chromium and
# /usr/bin/chromedriver).

classifier_chromium_bin="${CHROMIUM_BIN:-/usr/bin/chromium}"
classifier_chromedriver_bin="${CHROMEDRIVER_BIN:-/usr/bin/chromedriver}"

classifier_chromium_ensure() {
  if [ -x "$classifier_chromium_bin" ] && [ -x "$classifier_chromedriver_bin" ]; then
    return 0
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "chromium.sh: no $classifier_chromium_bin with $classifier_chromedriver_bin, and no root apt-get to install" \
         "them (apt-get install chromium chromium-driver)" >&2
    return 1
  fi
  echo "chromium.sh: installing Debian's chromium and chromium-driver" >&2
  apt-get update -qq >/dev/null \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
    || { echo "chromium.sh: apt-get install chromium chromium-driver failed" >&2; return 1; }
  echo "chromium.sh: $("$classifier_chromium_bin" --version 2>/dev/null)" >&2
}

classifier_chromium_ensure
