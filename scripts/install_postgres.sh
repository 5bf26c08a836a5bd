#!/usr/bin/env bash
# Make sure PostgreSQL's server binaries (initdb, pg_ctl) are here for the store tests
# (tests/geodata/store/), which start a throw-away server of their own.
#
# Installed already: nothing to do. Missing and running as root: install Debian's
# package, non-interactively (about 20 s; the package's own cluster is not used). Missing
# otherwise: explain and exit 0, so that `make test` still runs; the PostgreSQL tests are
# then skipped with that reason.
set -euo pipefail

if command -v initdb >/dev/null || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    exit 0
fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "install_postgres.sh: installing postgresql from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -q -o Acquire::Retries=3 update
    apt-get -q -o Acquire::Retries=3 install -y --no-install-recommends postgresql
    exit 0
fi

cat >&2 <<MESSAGE
install_postgres.sh: PostgreSQL's initdb is missing, so the PostgreSQL store tests will
be skipped. To run them, install it (Debian or Ubuntu: sudo apt-get install -y postgresql)
or set CARTOCOORD_TEST_DATABASE_URL to an empty database.
MESSAGE
