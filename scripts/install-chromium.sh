#!/bin/sh
# Install Debian's chromium for the browser test of the HTML page
# (tests/test_html_page.py), if it is missing. `make test` runs this.
# As root it uses apt-get, otherwise sudo without a password; when neither
# works it says so and exits 0, and the browser tests then skip with a reason.
set -u

for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
        exit 0
    fi
done

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: no apt-get here; install Chromium yourself to run the browser tests (they skip)." >&2
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo"
else
    echo "install-chromium: chromium is missing and we are neither root nor allowed sudo;" \
         "the browser tests will skip (install it with: sudo apt-get install chromium)." >&2
    exit 0
fi

echo "install-chromium: installing Debian's chromium package for the browser tests ..." >&2
# Root (or sudo) on Debian, as on CI: a failure here is real, so it fails the build.
$run apt-get update -qq &&
    $run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || {
    echo "install-chromium: apt-get could not install chromium." >&2
    exit 1
}
