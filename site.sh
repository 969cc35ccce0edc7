#!/usr/bin/env bash
# Set up everything the site needs, then build it or test it:
#   ./site.sh build   install, then build the site into output/
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

case "${1:-}" in
  build)
    install requirements.txt
    .venv/bin/invoke build
    ;;
  test)
    install requirements-test.txt
    .venv/bin/ruff check .
    .venv/bin/python -m pytest
    ;;
  *)
    echo "Usage: ./site.sh build | ./site.sh test" >&2
    exit 2
    ;;
esac
