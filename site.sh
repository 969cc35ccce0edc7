#!/usr/bin/env bash
# Set up everything the site needs, then do one step of the writing loop; nothing to activate first.
#   ./site.sh new "Title"   start a draft post in content/posts/
#   ./site.sh preview       the writing preview on http://127.0.0.1:8000/, rebuilt on every save
#   ./site.sh build         build the site into output/
#   ./site.sh ready         list what is still an example or missing before publishing
#   ./site.sh publish       check, then publish the one way [site] in content/data/practice.toml names
#                           (github: save your changes and send them to GitHub, which builds the site)
#   ./site.sh check         check output/: links and HTML
#   ./site.sh import-wordpress EXPORT --media MEDIA   bring her WordPress.com blog into content/ (once)
#   ./site.sh test          install what the tests need, then run them
# Works on Debian and Ubuntu (what is missing is installed with apt-get, through sudo when not
# root), on macOS (Python from python.org or Homebrew) and on Windows in WSL (Ubuntu). Elsewhere
# it says in one line what to install.
set -euo pipefail
cd "$(dirname "$0")"
# Ctrl+C ends this script at once, as it ends the step it runs: a step it stopped early (even a
# check of Python a few milliseconds in) is never taken for a failure to repair by installing.
trap 'trap - INT; kill -INT $$' INT

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Install system packages: named for apt; on a Mac, the Homebrew names; else say what is needed.
system_install() {  # system_install "apt packages" "brew packages" "what it is, in words"
  if command -v apt-get >/dev/null; then
    as_root apt-get update -qq
    # shellcheck disable=SC2086  # the package lists are words
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $1
  elif command -v brew >/dev/null; then
    # shellcheck disable=SC2086
    brew install $2
  else
    echo "This needs $3: install it (on a Mac, Homebrew from https://brew.sh and then 'brew install $2'), then run this again." >&2
    exit 1
  fi
}

python_ok() { python3 -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }
if ! command -v python3 >/dev/null; then
  system_install "python3 python3-venv" "python@3.11" "Python 3.11 or newer (from python.org)"
elif ! python_ok; then
  if python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    system_install python3-venv python@3.11 "Python's venv module"  # Debian and Ubuntu ship it apart
  else
    echo "This needs Python 3.11 or newer; python3 is $(python3 -V 2>&1). Install a newer one from python.org." >&2
    exit 1
  fi
fi

install() {  # install a requirements file into .venv, skipped when already installed
  [ -x .venv/bin/python ] || python3 -m venv .venv
  local stamp=".venv/.installed-$1"
  if [ ! -f "$stamp" ] || ! cmp -s "$1" "$stamp"; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$1"
    cp "$1" "$stamp"
  fi
}

install_checkers() {  # Java and the Nu Html Checker (npm package vnu-jar) for the checks; rsync and git to publish
  local apt=() brew=()
  command -v java >/dev/null || { apt+=(default-jre-headless); brew+=(openjdk); }
  command -v npm >/dev/null || { apt+=(npm); brew+=(node); }
  command -v rsync >/dev/null || { apt+=(rsync); brew+=(rsync); }
  command -v git >/dev/null || { apt+=(git); brew+=(git); }
  if [ ${#apt[@]} -gt 0 ]; then
    system_install "${apt[*]}" "${brew[*]}" "${apt[*]}"
  fi
  if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.installed-lock; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.installed-lock
  fi
}

case "${1:-}" in
  new)
    install requirements.txt
    .venv/bin/invoke new-post "${2:?Give the title in quotes: ./site.sh new \"Tight calves after a long run\"}"
    ;;
  preview)
    install requirements.txt
    .venv/bin/invoke livereload
    ;;
  build)
    install requirements.txt
    shift
    .venv/bin/invoke build "$@"  # --debug: the technical details of a problem, for whoever maintains the site
    ;;
  ready)
    install requirements.txt
    .venv/bin/invoke ready
    ;;
  publish)
    install requirements.txt
    install_checkers
    shift
    .venv/bin/invoke publish "$@"
    ;;
  check)
    install requirements.txt
    install_checkers
    .venv/bin/invoke check
    ;;
  import-wordpress)  # once: ./site.sh import-wordpress export.zip --media media.tar
    install requirements.txt
    shift
    .venv/bin/invoke import-wordpress "$@"
    ;;
  release)  # what the hosts run: checklist, publish build into .publish/, checks
    install requirements.txt
    install_checkers
    .venv/bin/invoke release
    ;;
  checkers)  # what invoke check and the publish commands need; they run this themselves when it is missing
    install_checkers
    ;;
  test)
    install requirements-test.txt
    install_checkers
    # Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
    if [ ! -x /usr/bin/chromium ]; then
      system_install chromium chromium "the Chromium browser"
    fi
    .venv/bin/ruff check .
    .venv/bin/python -m pytest
    ;;
  *)
    echo "Usage: ./site.sh new \"Title\" | preview | build | ready | publish | check | import-wordpress EXPORT --media MEDIA | test" >&2
    exit 2
    ;;
esac
