#!/usr/bin/env bash
# Set up everything the site needs, then build it, check it or test it:
#   ./site.sh build   install, then build the site into output/
#   ./site.sh check   install the checkers (Java, the Nu Html Checker), then check output/
#   ./site.sh test    install what the tests need, then run them
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian and Ubuntu ship Python without venv; install it once if it is missing.
if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
fi

install() {  # install a requirements file into .venv, skipped when already installed
  [ -x .venv/bin/python ] || python3 -m venv .venv
  local stamp=".venv/.installed-$1"
  if [ ! -f "$stamp" ] || ! cmp -s "$1" "$stamp"; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$1"
    cp "$1" "$stamp"
  fi
}

install_checkers() {  # Java and the Nu Html Checker (npm package vnu-jar) for invoke check
  local missing=()
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v npm >/dev/null || missing+=(npm)
  command -v rsync >/dev/null || missing+=(rsync)
  command -v git >/dev/null || missing+=(git)
  if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
  if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.installed-lock; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.installed-lock
  fi
}

case "${1:-}" in
  build)
    install requirements.txt
    .venv/bin/invoke build
    ;;
  check)
    install requirements.txt
    install_checkers
    .venv/bin/invoke check
    ;;
  checkers)  # what invoke check and the publish commands need; they run this themselves when it is missing
    install_checkers
    ;;
  test)
    install requirements-test.txt
    install_checkers
    # Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
    if [ ! -x /usr/bin/chromium ]; then
      as_root apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    fi
    .venv/bin/ruff check .
    .venv/bin/python -m pytest
    ;;
  *)
    echo "Usage: ./site.sh build | ./site.sh check | ./site.sh test" >&2
    exit 2
    ;;
esac
