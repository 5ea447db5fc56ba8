# shellcheck shell=bash
# Small helpers shared by scripts/*.sh. Source it; it defines functions and a few read-only
# defaults and exports nothing.

DNE_CODE_SERVER_VERSION="${DNE_CODE_SERVER_VERSION:-4.100.3}"
# code-server lives in its own prefix, never in the project's node_modules.
DNE_CODE_SERVER_PREFIX="${DNE_CODE_SERVER_PREFIX:-/opt/dne/code-server-$DNE_CODE_SERVER_VERSION}"
# The offline test image (built by provision.sh from busybox-static; never pulled).
DNE_TEST_IMAGE="${DNE_TEST_IMAGE:-dne-busybox:local}"
DNE_DOCKER_SOCK="${DNE_DOCKER_SOCK:-/var/run/docker.sock}"

# The engine layer runs once per engine (scripts/test.sh); test/helpers/engines.ts mirrors these.
#   system   - the system's docker.io (20.10) in the host's netns, DNE_DOCKER_SOCK
#   docker28 - Debian unstable's newest docker.io (28.x), unpacked under /opt/dne, in its own
#              netns with its own containerd; reached from the host over a veth pair
#   rootless - the system's dockerd run rootless (rootlesskit + slirp4netns) by DNE_ROOTLESS_USER
DNE_ENGINES="${DNE_ENGINES:-system docker28 rootless}"
DNE_E28_NETNS="${DNE_E28_NETNS:-dne-e28}"
DNE_E28_RUN="${DNE_E28_RUN:-/run/dne-e28}"
DNE_E28_DATA="${DNE_E28_DATA:-/var/lib/dne-e28}"
DNE_E28_SOCK="${DNE_E28_SOCK:-$DNE_E28_RUN/docker.sock}"
DNE_E28_PIDFILE="${DNE_E28_PIDFILE:-$DNE_E28_RUN/docker.pid}"
# The unpacked docker.io: unstable's newest, else trixie's (a fallback that says so loudly).
DNE_E28_SID_DIR="${DNE_E28_SID_DIR:-/opt/dne/docker-sid}"
DNE_E28_TRIXIE_DIR="${DNE_E28_TRIXIE_DIR:-/opt/dne/docker-trixie}"
# The veth pair between the host netns and the engine's netns (198.18.0.0/15: benchmarking range).
DNE_E28_HOST_IF="${DNE_E28_HOST_IF:-dne-e28-h}"
DNE_E28_NS_IF="${DNE_E28_NS_IF:-dne-e28-n}"
DNE_E28_HOST_ADDR="${DNE_E28_HOST_ADDR:-198.18.28.1}"
DNE_E28_NS_ADDR="${DNE_E28_NS_ADDR:-198.18.28.2}"
DNE_E28_PREFIXLEN="${DNE_E28_PREFIXLEN:-30}"
# The unprivileged user that runs the rootless engine; its socket is /run/user/<uid>/docker.sock.
DNE_ROOTLESS_USER="${DNE_ROOTLESS_USER:-dne-rootless}"
DNE_ROOTLESSKIT_SCRIPT="${DNE_ROOTLESSKIT_SCRIPT:-/usr/share/docker.io/contrib/dockerd-rootless.sh}"

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

# True when GET /_ping answers OK on the unix socket $1.
sock_ping() {
  [ "$(curl -s --max-time 2 --unix-socket "$1" http://x/_ping 2>/dev/null)" = "OK" ]
}

# The rootless user's uid, or nothing when the user does not exist.
rootless_uid() { id -u "$DNE_ROOTLESS_USER" 2>/dev/null || true; }

# The docker socket of engine $1 (system, docker28, rootless).
engine_sock() {
  case "$1" in
    system) printf '%s\n' "$DNE_DOCKER_SOCK" ;;
    docker28) printf '%s\n' "$DNE_E28_SOCK" ;;
    rootless) printf '/run/user/%s/docker.sock\n' "$(rootless_uid)" ;;
    *) die "unknown engine: $1 (known: $DNE_ENGINES)" ;;
  esac
}

# Print an error naming what is missing and exit non-zero.
die() {
  printf '%s: ERROR: %s\n' "${DNE_LOG_TAG:-dne}" "$*" >&2
  exit 1
}

log() { printf '%s: %s\n' "${DNE_LOG_TAG:-dne}" "$*"; }

is_root() { [ "$(id -u)" = 0 ]; }
