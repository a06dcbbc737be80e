#!/bin/sh
# Install Debian's virtuoso-opensource for the publishing tests
# (tests/test_publish.py: `skg publish` to a real Virtuoso), if it is missing.
# `make test` runs this. As root it uses apt-get, otherwise sudo without a
# password. It never fails the build: when it cannot install, it says so and
# exits 0, and the Virtuoso tests then skip with a reason.
# The package does not start a server; the tests start their own on loopback.
set -u

if command -v virtuoso-t >/dev/null 2>&1; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-virtuoso: no apt-get here; install Virtuoso 7 yourself to run the Virtuoso tests (they skip)." >&2
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo"
else
    echo "install-virtuoso: virtuoso-opensource is missing and we are neither root nor allowed sudo;" \
         "the Virtuoso tests will skip (install it with: sudo apt-get install virtuoso-opensource)." >&2
    exit 0
fi

echo "install-virtuoso: installing Debian's virtuoso-opensource package for the publishing tests ..." >&2
# Install from the package lists as they are first; update them only if that fails.
install() {
    $run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null 2>&1
}
install || { $run apt-get update -qq >/dev/null 2>&1 && install; } || {
    echo "install-virtuoso: apt-get could not install virtuoso-opensource; the Virtuoso tests will skip." >&2
    exit 0
}
