#!/usr/bin/env bash
# Installs what the tests need on a fresh machine and runs every test (the README's second command).
#   bash scripts/test.sh            # the whole suite (unit, AppTest, browser)
#   bash scripts/test.sh -m heavy   # the long load and fault runs (see docs/reliability.md)
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
# The project's bytecode, written once as pip does for the packages it installs (a machine that sets
# PYTHONDONTWRITEBYTECODE would compile every module again in each of the commands and servers tests start).
python -m compileall -q -j 0 app.py analytics ui pages tools

# Debian's Chromium (browser tests, chart images in reports) and Vietnamese-capable fonts.
# Playwright drives this browser; it never downloads one of its own.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans"; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-core fontconfig
fi

# The layering rules (pyproject.toml, [tool.importlinter]) before any test: a broken contract fails the run.
lint-imports --no-cache

exec python -m pytest "$@"
