#!/usr/bin/env bash
# The real programs the tests drive, from Debian's packages: PostgreSQL's server (the tests
# start their own throwaway cluster on loopback, as the postgres user when run as root) and
# Chromium (the browser test of `connecttui serve`), and zsh and fish (shell completion is
# tested in the real shells), and tmux (`make bench` measures the app in a real terminal).
# Installed once; a no-op afterwards.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
command -v fish >/dev/null 2>&1 || missing+=(fish)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    apt=(apt-get)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt=(sudo apt-get)
else
    echo "make test needs Debian's ${missing[*]}: run  sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "installing ${missing[*]} (Debian packages) for the tests..."
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -q >/dev/null
"${apt[@]}" install -y -q "${missing[@]}" >/dev/null
