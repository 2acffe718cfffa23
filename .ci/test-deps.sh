#!/usr/bin/env bash
# What the tests need from Debian besides Node: zsh and fish (completion tests drive the real
# shells), man-db and groff (man-page tests render the pages with `man -l`), tmux (the setup
# wizard's tests drive its prompts through a real pseudo-terminal). Installed only when
# missing.
set -euo pipefail
missing=()
command -v zsh >/dev/null || missing+=(zsh)
command -v fish >/dev/null || missing+=(fish)
command -v man >/dev/null || missing+=(man-db)
command -v groff >/dev/null || missing+=(groff-base)
command -v tmux >/dev/null || missing+=(tmux)
[[ ${#missing[@]} -eq 0 ]] && exit 0
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
