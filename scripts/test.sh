#!/usr/bin/env bash
# The one test command (npm test, and .ci/run): provisions what it needs on a fresh Debian machine
# (as root), builds, then runs every layer: typecheck, lint, unit, engine (real dockerd),
# webview, vscode (a real VS Code extension host in code-server, driven from Chromium), package
# (the .vsix installed as users get it) and e2e.
# A missing engine or browser fails the run; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
started=$(date +%s)
step() { printf '\n=== %s\n' "$*"; }

step "provision"
bash scripts/provision.sh

step "npm dependencies"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

step "build"
npm run --silent build

step "typecheck (tsc --noEmit)"
npx tsc --noEmit -p .

step "lint (typescript-eslint: the house rules) and format (prettier, 140 columns)"
npx eslint .
npm run --silent format:check

passed=0
failed=0
# Node's test runner: spec to the console, TAP to a file we count from. The closing line names
# the layer as $LAYER_LABEL when set (the TAP file keeps the plain name).
node_layer() {
  local name=$1
  shift
  local tap="test-results/$name.tap" rc=0 label=${LAYER_LABEL:-$name}
  node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$@" || rc=$?
  local p f
  p=$(grep -E '^# pass ' "$tap" | awk '{print $3}' | tail -1)
  f=$(grep -E '^# fail ' "$tap" | awk '{print $3}' | tail -1)
  c=$(grep -E '^# cancelled ' "$tap" | awk '{print $3}' | tail -1)
  p=${p:-0}
  f=$((${f:-0} + ${c:-0}))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    echo "$label: ran no test" >&2
    f=1
  fi
  echo "$label: $p passed, $f failed"
  passed=$((passed + p))
  failed=$((failed + f))
}

step "unit"
node_layer unit dist-test/test/unit/

# The engine layer once per engine (scripts/lib.sh: system, docker28, rootless), each with its own
# TAP file and closing line `engine[<name> <version>]: N passed, N failed`. An engine that does not
# answer fails its run, with why; it is never skipped.
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
for engine in $DNE_ENGINES; do
  sock=$(engine_sock "$engine")
  step "engine on $engine (real dockerd at unix://$sock)"
  version=$(DOCKER_HOST="unix://$sock" docker version --format '{{.Server.Version}}' 2>&1) || {
    echo "engine[$engine]: the engine does not answer on unix://$sock: $version (scripts/provision.sh starts it)" >&2
    echo "engine[$engine]: 0 passed, 1 failed"
    failed=$((failed + 1))
    continue
  }
  case "$engine:$version" in
    docker28:28.*) ;;
    docker28:*) echo "!!!!!!!! engine docker28 runs docker $version, NOT 28.x (the trixie fallback) !!!!!!!!" ;;
  esac
  # Root reaches the rootless user's socket too (root passes its 0700 runtime dir).
  DOCKER_HOST="unix://$sock" DNE_TEST_ENGINE=$engine LAYER_LABEL="engine[$engine ${version%%+*}]" \
    node_layer "engine-$engine" --test-concurrency=1 dist-test/test/engine/
done

# A layer that prints "<name>: N passed, N failed" and exits non-zero on failure.
line_layer() {
  local name=$1
  shift
  local log="test-results/$name.log" rc=0
  "$@" 2>&1 | tee "$log" || rc=$?
  local line lp lf
  line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$log" | tail -1 || true)
  lp=$(echo "$line" | awk '{print $2}')
  lf=$(echo "$line" | awk '{print $4}')
  lp=${lp:-0}
  lf=${lf:-0}
  if [ "$rc" -ne 0 ] && [ "$lf" -eq 0 ]; then lf=1; fi
  if [ "$lp" -eq 0 ] && [ "$lf" -eq 0 ]; then lf=1; fi
  passed=$((passed + lp))
  failed=$((failed + lf))
}

step "webview (the graph bundle in Chromium with a harness)"
line_layer webview node dist-test/test/webview/run.js

step "vscode (code-server extension host + Chromium)"
line_layer vscode node dist-test/test/vscode/runInCodeServer.js

step "package (npm run package; the .vsix installed into a fresh code-server, not development mode)"
line_layer package node dist-test/test/package/run.js

step "e2e (real workbench in Chromium: create, connect, disconnect as a user)"
line_layer e2e node dist-test/test/e2e/run.js

printf '\n=== done in %ss\n' "$(($(date +%s) - started))"
echo "all: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
