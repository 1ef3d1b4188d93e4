#!/usr/bin/env bash
# Drives the official Customer.io Python client (customerio-cdp-analytics, from PyPI) against a
# running `segsync serve` and checks through `segsync inspect --json` that the store holds exactly
# what the client sent, merged, once. Exits non-zero on any mismatch.
#
#   scripts/test-customerio-client.sh
#
# SEGSYNC_TEST_VENV: a virtual environment to use (created, and the client installed, when needed;
# default .venv). SEGSYNC_BIN: the segsync binary (default: the debug build, built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${SEGSYNC_TEST_VENV:-.venv}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import customerio.analytics" 2>/dev/null; then
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -r scripts/requirements-client.txt
fi

bin=${SEGSYNC_BIN:-}
if [ -z "$bin" ]; then
    bin="$(swift build --show-bin-path)/segsync"
    [ -x "$bin" ] || swift build --product segsync >&2
fi

"$venv/bin/python" scripts/test_customerio_client.py --segsync "$bin"
