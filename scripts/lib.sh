# shellcheck shell=bash
# Small helpers shared by scripts/*.sh. Source it; it defines functions and a few read-only
# defaults and exports nothing.

DNE_CODE_SERVER_VERSION="${DNE_CODE_SERVER_VERSION:-4.100.3}"
# code-server lives in its own prefix, never in the project's node_modules.
DNE_CODE_SERVER_PREFIX="${DNE_CODE_SERVER_PREFIX:-/opt/dne/code-server-$DNE_CODE_SERVER_VERSION}"
# The offline test image (built by provision.sh from busybox-static; never pulled).
DNE_TEST_IMAGE="${DNE_TEST_IMAGE:-dne-busybox:local}"
DNE_DOCKER_SOCK="${DNE_DOCKER_SOCK:-/var/run/docker.sock}"

# Absolute path of the repository (the folder above scripts/).
repo_root() { (cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); }

# The code-server launcher. provision.sh creates this link only after a verified install,
# so its presence means "installed and working".
code_server_bin() { printf '%s\n' "$DNE_CODE_SERVER_PREFIX/bin/code-server"; }

# A free TCP port on 127.0.0.1 (listen on 0, read the port, close).
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close();});'
}

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# True when the Docker engine answers GET /_ping on the unix socket.
docker_ping() {
  if command -v curl >/dev/null 2>&1; then
    [ "$(curl -s --max-time 2 --unix-socket "$DNE_DOCKER_SOCK" http://x/_ping 2>/dev/null)" = "OK" ]
  else
    docker version >/dev/null 2>&1
  fi
}

# Print an error naming what is missing and exit non-zero.
die() {
  printf '%s: ERROR: %s\n' "${DNE_LOG_TAG:-dne}" "$*" >&2
  exit 1
}

log() { printf '%s: %s\n' "${DNE_LOG_TAG:-dne}" "$*"; }

is_root() { [ "$(id -u)" = 0 ]; }
