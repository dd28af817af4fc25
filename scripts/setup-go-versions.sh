#!/usr/bin/env bash
# Installs the second Go the class suite runs with (test/integration/classes): Go 1.21, taken from
# the Go module proxy as the module golang.org/toolchain (the same zip `GOTOOLCHAIN=auto`
# downloads), into a cache folder outside the repo. Idempotent: a Go that is already there and
# answers `go version` is kept. Prints what it did, and the path the tests look for.
#
#   GDH_GO_CACHE   where Go versions are kept (default: $HOME/.cache/go-dep-health)
#   GDH_GO121      the toolchain module version (default: v0.0.1-go1.21.13.linux-amd64)
set -euo pipefail

cache="${GDH_GO_CACHE:-$HOME/.cache/go-dep-health}"
version="${GDH_GO121:-v0.0.1-go1.21.13.linux-amd64}"
target="$cache/go1.21"
host_go="${GO:-/usr/local/go/bin/go}"

case "$(uname -m)" in
  x86_64) ;;
  *) echo "setup-go-versions: the toolchain module named is for linux-amd64; set GDH_GO121 for $(uname -m)" >&2; exit 1 ;;
esac

if [ -x "$target/bin/go" ] && "$target/bin/go" version >/dev/null 2>&1; then
  echo "setup-go-versions: already there: $target/bin/go ($("$target/bin/go" version))"
  exit 0
fi

[ -x "$host_go" ] || { echo "setup-go-versions: need a go to download with ($host_go not found)" >&2; exit 1; }

# A module cache of our own, so nothing lands in the user's; -modcacherw so it can be removed.
modcache="$cache/modcache"
work="$(mktemp -d "${TMPDIR:-/tmp}/gdh-setup-go-XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache" "$modcache"
# Telemetry off: its child process would outlive go and write into $work after it is removed.
mkdir -p "$work/config/go/telemetry" && echo off > "$work/config/go/telemetry/mode"

echo "setup-go-versions: downloading golang.org/toolchain@$version from the Go module proxy"
json="$(cd "$work" && env -i PATH="/usr/bin:/bin" HOME="$work" GOPATH="$work/gopath" GOCACHE="$work/gocache" \
  XDG_CONFIG_HOME="$work/config" GOMODCACHE="$modcache" GOENV=off GOTOOLCHAIN=local GOFLAGS=-modcacherw \
  GOPROXY=https://proxy.golang.org GOSUMDB=sum.golang.org GONOSUMDB= GOPRIVATE= \
  SSL_CERT_FILE="${SSL_CERT_FILE:-}" SSL_CERT_DIR="${SSL_CERT_DIR:-}" \
  HTTPS_PROXY="${HTTPS_PROXY:-${https_proxy:-}}" NO_PROXY="${NO_PROXY:-${no_proxy:-}}" \
  "$host_go" mod download -json "golang.org/toolchain@$version")"
dir="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' | head -n 1)"
if [ -z "$dir" ] || [ ! -f "$dir/bin/go" ]; then
  echo "setup-go-versions: the download did not give a go binary:" >&2
  printf '%s\n' "$json" >&2
  exit 1
fi

# A copy outside the module cache: the cache may be cleaned, and go in the module cache is read-only.
rm -rf "$target.tmp"
cp -a "$dir" "$target.tmp"
chmod -R u+w "$target.tmp"
# Zips carry no file modes: make the programs executable, as Go does after a toolchain switch.
chmod +x "$target.tmp"/bin/* "$target.tmp"/pkg/tool/*/*
rm -rf "$target"
mv "$target.tmp" "$target"
# The unpacked module is not needed any more: the copy is the Go we run.
chmod -R u+w "$modcache" && rm -rf "$modcache"

echo "setup-go-versions: installed $target/bin/go ($("$target/bin/go" version))"
