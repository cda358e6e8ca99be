#!/usr/bin/env bash
# What the hub (make hub, the hub tests, the load benchmark) needs besides Python packages:
# Debian's nodejs and npm, and configurable-http-proxy from the npm registry, installed into a
# project-local folder (default .venv/node, or $1), never globally.
# Prints the proxy's path on success; exits non-zero with one line saying what is missing otherwise.
set -u
prefix="${1:-.venv/node}"
chp="$prefix/node_modules/.bin/configurable-http-proxy"
if [ -x "$chp" ]; then echo "$chp"; exit 0; fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian packages: nodejs npm" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm; } >/tmp/asylum-teach-apt-node.log 2>&1 \
      || { echo "cannot install nodejs and npm with apt-get (see /tmp/asylum-teach-apt-node.log)" >&2; exit 1; }
  else
    echo "node and npm are missing and cannot be installed here (not root or no apt-get): install Debian's nodejs and npm" >&2
    exit 1
  fi
fi
mkdir -p "$prefix"
echo "installing configurable-http-proxy from npm into $prefix" >&2
if ! npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "configurable-http-proxy@^5" >"$prefix/npm-install.log" 2>&1; then
  echo "npm could not install configurable-http-proxy (see $prefix/npm-install.log)" >&2
  exit 1
fi
[ -x "$chp" ] || { echo "configurable-http-proxy installed but $chp is missing" >&2; exit 1; }
echo "$chp"
