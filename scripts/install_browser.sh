#!/usr/bin/env bash
# Make sure Chromium and ChromeDriver, used by the browser tests (tests/e2e/), are here.
#
# Installed already: nothing to do. Missing and running as root: install Debian's
# packages, non-interactively. Missing otherwise: explain how to install them and exit 0,
# so that `make test` still runs; the browser tests are then skipped with that reason.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
PACKAGES=(chromium chromium-driver)

if [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; then
    exit 0
fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "install_browser.sh: installing ${PACKAGES[*]} from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -q -o Acquire::Retries=3 update
    apt-get -q -o Acquire::Retries=3 install -y "${PACKAGES[@]}"
    exit 0
fi

cat >&2 <<MESSAGE
install_browser.sh: $CHROMIUM or $CHROMEDRIVER is missing, so the browser tests
(tests/e2e/) will be skipped. To run them, install Chromium and its driver, e.g. on
Debian or Ubuntu:

    sudo apt-get update && sudo apt-get install -y ${PACKAGES[*]}

or put a chromedriver on PATH and set DASH_TEST_CHROMEPATH to its matching Chromium.
MESSAGE
