#!/bin/sh
# Install a Debian package a group of tests needs, if it is missing. `make test` runs this.
#
#   sh scripts/apt-install.sh required|optional PACKAGE "what it is for" COMMAND...
#
# The package counts as present when any COMMAND is on the PATH. As root it uses
# apt-get, otherwise sudo without a password; without either (or without apt-get)
# it says so and exits 0, and those tests skip with a reason. When apt-get itself
# fails: `required` fails the build (root on Debian, as on CI: the failure is real),
# `optional` says so and exits 0.
set -u
mode=$1 package=$2 purpose=$3
shift 3

for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then
        exit 0
    fi
done

if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-install: no apt-get here; install $package yourself to run $purpose (they skip)." >&2
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo"
else
    echo "apt-install: $package is missing and we are neither root nor allowed sudo;" \
         "$purpose will skip (install it with: sudo apt-get install $package)." >&2
    exit 0
fi

echo "apt-install: installing Debian's $package package for $purpose ..." >&2
# Install from the package lists as they are first; update them only if that fails.
install() {
    $run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null 2>&1
}
install || { $run apt-get update -qq >/dev/null 2>&1 && install; } || {
    echo "apt-install: apt-get could not install $package." >&2
    [ "$mode" = optional ] && exit 0
    exit 1
}
