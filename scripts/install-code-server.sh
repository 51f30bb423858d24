#!/usr/bin/env bash
# Installs code-server (the VS Code workbench served to a browser) from the npm registry alone, into a cache
# folder outside the repository so that later runs and fresh clones reuse it. Desktop VS Code cannot be
# downloaded on these machines; see ../shared/vscode-in-the-browser.md for why each step below is needed.
#
# Usage: bash scripts/install-code-server.sh
#   CAPILLARY_VSCODE_CACHE  cache root (default: $HOME/.cache/capillary-target-events)
# Prints the install folder on its last line. A marker file is written only after every step succeeded,
# so an interrupted install is removed and redone on the next run.
#
# Two Debian packages are optional: ripgrep (the workbench's text search) and libkrb5-dev (the Kerberos module,
# used only for proxy authentication). Without them code-server still serves the workbench and runs extensions.
# The marker records which of the two the install has, so installing them later upgrades the cache.
set -euo pipefail

readonly CODE_SERVER_VERSION=4.100.3
readonly CACHE_ROOT="${CAPILLARY_VSCODE_CACHE:-$HOME/.cache/capillary-target-events}"
readonly INSTALL_DIR="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION"
readonly MARKER="$INSTALL_DIR/.install-complete"
readonly ENTRY="$INSTALL_DIR/node_modules/code-server/out/node/entry.js"

fail() {
  echo "install-code-server: $*" >&2
  exit 1
}

have_ripgrep=no
command -v rg >/dev/null && have_ripgrep=yes
have_kerberos=no
[[ -f "${CAPILLARY_GSSAPI_HEADER:-/usr/include/gssapi/gssapi.h}" ]] && have_kerberos=yes
readonly CACHE_KEY="$CODE_SERVER_VERSION ripgrep=$have_ripgrep kerberos=$have_kerberos"

# The cached install serves when it has at least what this machine could give it now.
cache_is_current() {
  [[ -f "$MARKER" && -f "$ENTRY" ]] || return 1
  local cached
  cached="$(cat "$MARKER")"
  [[ "$cached" == "$CACHE_KEY" ]] && return 0
  [[ "$cached" == "$CODE_SERVER_VERSION "* ]] || return 1
  [[ "$have_ripgrep" == no || "$cached" == *"ripgrep=yes"* ]] && [[ "$have_kerberos" == no || "$cached" == *"kerberos=yes"* ]]
}

if cache_is_current; then
  echo "code-server $CODE_SERVER_VERSION is already installed (cached: $(cat "$MARKER"))."
  echo "$INSTALL_DIR"
  exit 0
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$node_major" == 20 ]] ||
  fail "code-server $CODE_SERVER_VERSION needs Node 20, found $(node -v). Install Node 20 and retry."

mkdir -p "$CACHE_ROOT"
# Two concurrent installs into one folder would corrupt each other; the second waits for the first.
exec 9>"$CACHE_ROOT/.code-server-$CODE_SERVER_VERSION.lock"
flock 9
if cache_is_current; then
  echo "code-server $CODE_SERVER_VERSION was installed by a concurrent run."
  echo "$INSTALL_DIR"
  exit 0
fi

started=$SECONDS
echo "Installing code-server $CODE_SERVER_VERSION ($CACHE_KEY) into $INSTALL_DIR (takes a few minutes, once)..."
rm -rf "$INSTALL_DIR"
mkdir -p "$INSTALL_DIR"
cd "$INSTALL_DIR"
printf '{ "name": "capillary-code-server-cache", "private": true }\n' >package.json

# code-server's postinstall refuses to run as root without this; npm passes it on to every nested install.
export npm_config_unsafe_perm=true
readonly NPM_QUIET=(--no-audit --no-fund --loglevel=error)

echo "[1/6] code-server package (scripts skipped: its postinstall would download ripgrep from GitHub)"
npm install "${NPM_QUIET[@]}" --ignore-scripts --save-exact "code-server@$CODE_SERVER_VERSION"

cd "$INSTALL_DIR/node_modules/code-server/lib/vscode"
echo "[2/6] VS Code's server dependencies"
npm install "${NPM_QUIET[@]}" --omit=dev --ignore-scripts

# @vscode/ripgrep's postinstall downloads from GitHub unless its bin/ folder exists, so bin/ is made either way.
mkdir -p node_modules/@vscode/ripgrep/bin
if [[ "$have_ripgrep" == yes ]]; then
  echo "[3/6] Debian's ripgrep in place of @vscode/ripgrep's download"
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
else
  echo "[3/6] no ripgrep on this machine: the workbench's text search will be unavailable ('apt-get install -y ripgrep' adds it; the next run upgrades this install)"
fi
if [[ "$have_kerberos" == no ]]; then
  echo "      no Kerberos headers: building without the optional kerberos module (proxy authentication; 'apt-get install -y libkrb5-dev' adds it)"
  rm -rf node_modules/kerberos
fi

echo "[4/6] native modules of VS Code's server (node-pty's install runs npx node-gyp)"
npm_config_yes=true npm rebuild --loglevel=error

echo "[5/6] the rest of code-server's postinstall: node_modules.asar link and built-in extensions"
ln -sfn node_modules node_modules.asar
(cd extensions && npm install "${NPM_QUIET[@]}" --omit=dev)

echo "[6/6] argon2 (code-server's password hashing) native module"
cd "$INSTALL_DIR"
npm rebuild argon2 --loglevel=error

# A first start of code-server may log other lines (such as writing its config file) before the version.
installed_version="$(node "$ENTRY" --version | grep -F ' with Code ' || true)"
[[ "$installed_version" == "$CODE_SERVER_VERSION "* ]] ||
  fail "the installed code-server reports version '$installed_version', expected $CODE_SERVER_VERSION."

echo "$CACHE_KEY" >"$MARKER"
echo "code-server $CODE_SERVER_VERSION installed in $((SECONDS - started)) s."
echo "$INSTALL_DIR"
