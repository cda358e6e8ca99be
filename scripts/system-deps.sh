#!/usr/bin/env bash
# Installs the Debian packages that the real-browser tests (chromium), the grading sandbox (bubblewrap)
# and the offline course (npm, which fetches the widget manager once into .venv) use, when they are
# missing and we are allowed to (root with apt-get).
# Never fails the build: tests that need a missing tool skip or warn with the reason.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
command -v npm >/dev/null 2>&1 || need+=(npm)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: ${need[*]} not installed and cannot install them here (not root or no apt-get);" \
       "the browser tests will skip, grading will run unsandboxed and the course build needs npm." >&2
  exit 0
fi
echo "installing Debian packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
{ apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"; } >/tmp/asylum-teach-apt.log 2>&1 \
  || echo "note: apt-get could not install ${need[*]} (see /tmp/asylum-teach-apt.log)" >&2
exit 0
