#!/usr/bin/env bash
# Make sure Chromium and ChromeDriver, used by the browser tests (tests/e2e/) and the static
# exports, and poppler-utils (pdffonts, pdftotext, pdftoppm: the export tests read the PDFs
# with them) are here.
#
# Installed already: nothing to do. Missing and running as root: install Debian's
# packages, non-interactively. Missing otherwise: explain how to install them and exit 0,
# so that `make test` still runs; the browser tests are then skipped with that reason.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
PDFTOTEXT=/usr/bin/pdftotext
PACKAGES=(chromium chromium-driver poppler-utils)

if [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" && -x "$PDFTOTEXT" ]]; then
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
install_browser.sh: $CHROMIUM, $CHROMEDRIVER or $PDFTOTEXT is missing, so the browser
tests (tests/e2e/) or the checks of exported PDFs will be skipped. To run them, install
Chromium, its driver and poppler-utils, e.g. on Debian or Ubuntu:

    sudo apt-get update && sudo apt-get install -y ${PACKAGES[*]}

or put a chromedriver on PATH and set DASH_TEST_CHROMEPATH to its matching Chromium.
MESSAGE
