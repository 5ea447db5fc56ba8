#!/usr/bin/env bash
# `npm start`: provision, install deps if needed, build, then serve the repo in code-server with
# this extension loaded (Extension Development Host) and print the URL. Stays up until Ctrl-C,
# then kills code-server's process group. PORT=<n> picks the port (default: a free one).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/provision.sh
if [ ! -d node_modules ]; then
  echo "start: node_modules missing: npm ci"
  npm ci
fi
t0=$(date +%s%3N)
npm run --silent build
echo "start: build $(($(date +%s%3N) - t0)) ms"
# exec: Ctrl-C reaches node directly, which stops code-server's process group and exits.
exec node dist-test/test/vscode/serve.js
