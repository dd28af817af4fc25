#!/usr/bin/env bash
# What action.yml runs between setting up Node and uploading SARIF: install go-dep-health (the npm
# package, or what `package` names), run it once with every output asked for, and hand its exit
# status and the SARIF path to the next steps through $GITHUB_OUTPUT. It always exits 0 itself, so
# the SARIF is uploaded before the last step fails the job. Inputs come as INPUT_* variables.
# Nothing here reads a credential: go finds those where it always does (~/.netrc, GOAUTH, git).
set -euo pipefail

action_dir="${GITHUB_ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
version="${INPUT_VERSION:-}"
if [ -z "$version" ]; then
  version="$(node -p 'require(process.argv[1]).version' "$action_dir/package.json")"
fi
package="${INPUT_PACKAGE:-go-dependency-health@$version}"
prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/go-dep-health-cli"

echo "::group::Install $package"
npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$prefix" "$package" >&2
echo "::endgroup::"
cli="$prefix/node_modules/go-dependency-health/dist/cli.js"

args=(diagnose)
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
args+=("${paths[@]}")
if [ "${INPUT_RECURSIVE:-false}" = true ]; then args+=(--recursive); fi
args+=(--fail-on "${INPUT_FAIL_ON:-error}")
if [ -n "${INPUT_STALL_TIMEOUT:-}" ]; then args+=(--stall-timeout "$INPUT_STALL_TIMEOUT"); fi
if [ "${INPUT_ANNOTATIONS:-true}" = true ]; then args+=(--format github); else args+=(--format text); fi
sarif_file=""
if [ "${INPUT_SARIF:-false}" = true ]; then
  sarif_file="${INPUT_SARIF_FILE:-go-dep-health.sarif}"
  case "$sarif_file" in /*) ;; *) sarif_file="$PWD/$sarif_file" ;; esac
  rm -f "$sarif_file" # a file from before must not be uploaded as this run's
  args+=(--format "sarif=$sarif_file")
fi

status=0
node "$cli" "${args[@]}" || status=$?
# Nothing to upload when go-dep-health could not write it (a usage error, exit 2).
if [ -n "$sarif_file" ] && [ ! -f "$sarif_file" ]; then sarif_file=""; fi

{
  echo "exit-code=$status"
  echo "sarif-file=$sarif_file"
} >>"${GITHUB_OUTPUT:-/dev/null}"
