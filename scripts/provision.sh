#!/usr/bin/env bash
# Provision everything the extension's tests and `npm start` need on a Debian 12 machine:
#   1. apt packages (only `apt-get update` + install when something is missing)
#   2. a running Docker engine (started only when /_ping does not answer)
#   3. the offline test image dne-busybox:local (built from busybox-static; never pulled)
#   4. code-server 4.100.3 in its own prefix /opt/dne/code-server-4.100.3 (not in node_modules)
#   5. engine "docker28": Debian unstable's newest docker.io (28.x), downloaded with a private apt
#      sources list and unpacked under /opt/dne/docker-sid (never installed over the system's),
#      with its own containerd, in its own netns dne-e28 reached over a veth pair (trixie's 26.x
#      when it does not start, said loudly)
#   6. engine "rootless": the system's dockerd run rootless by the user dne-rootless
# Names, sockets and addresses of the engines are defaults in scripts/lib.sh.
# Idempotent and fast when everything is present (no root needed then). Prints one line per step
# with its time. Exports nothing. Fails loudly, naming what is missing, when it cannot install.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DNE_LOG_TAG=provision

APT_PACKAGES=(docker.io busybox-static iptables iproute2 bridge-utils procps chromium
  fonts-dejavu-core build-essential python3 pkg-config libkrb5-dev ripgrep curl
  rootlesskit slirp4netns uidmap containerd runc util-linux)
# Applets linked in the test image. The first line is the required set.
IMAGE_APPLETS=(sh ip ping wget httpd nc sleep cat ls ifconfig route nslookup hostname echo true
  env id ps kill grep mkdir rm netstat arp)

STEP_RESULT=""
step() {
  local name=$1 t0
  shift
  t0=$(now_ms)
  STEP_RESULT=""
  "$@"
  printf 'provision: %-12s %-58s %6d ms\n' "$name" "${STEP_RESULT:-ok}" $(($(now_ms) - t0))
}

# ---------------------------------------------------------------------------------------------
missing_apt_packages() {
  local installed p
  # One dpkg-query call for all of them (dpkg -s semantics: status must be "installed").
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null |
    awk '$2 == "installed" { sub(/:.*/, "", $1); print $1 }' || true)
  for p in "${APT_PACKAGES[@]}"; do
    grep -qxF "$p" <<<"$installed" || printf '%s\n' "$p"
  done | paste -sd' ' -
}

ensure_apt() {
  command -v dpkg-query >/dev/null || die "dpkg-query not found: this script supports Debian/Ubuntu only"
  local missing
  missing=$(missing_apt_packages)
  if [ -z "$missing" ]; then
    STEP_RESULT="all ${#APT_PACKAGES[@]} packages present"
    return
  fi
  is_root || die "missing apt packages: ${missing}. Not root, so cannot install them. Run as root:" \
    "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing}"
  log "installing apt packages: ${missing}"
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; } >/var/log/dne-apt.log 2>&1; then
    tail -n 20 /var/log/dne-apt.log >&2
    die "apt-get install failed for: ${missing} (full log: /var/log/dne-apt.log)"
  fi
  local still
  still=$(missing_apt_packages)
  [ -z "$still" ] || die "still missing after apt-get install: ${still}"
  STEP_RESULT="installed: ${missing}"
}

# ---------------------------------------------------------------------------------------------
ensure_dockerd() {
  if docker_ping; then
    STEP_RESULT="engine answers on $DNE_DOCKER_SOCK"
    return
  fi
  if [ -S "$DNE_DOCKER_SOCK" ] && [ ! -w "$DNE_DOCKER_SOCK" ]; then
    die "no permission to use $DNE_DOCKER_SOCK: run as root or add user $(id -un) to group" \
      "$(stat -c %G "$DNE_DOCKER_SOCK")"
  fi
  is_root || die "the Docker engine does not answer on $DNE_DOCKER_SOCK and this is not root." \
    "Start it as root: setsid dockerd --host unix://$DNE_DOCKER_SOCK >/var/log/dockerd.log 2>&1 &"
  command -v dockerd >/dev/null || die "dockerd not found (apt package docker.io)"
  setsid dockerd --host "unix://$DNE_DOCKER_SOCK" >/var/log/dockerd.log 2>&1 </dev/null &
  local i
  for ((i = 0; i < 300; i++)); do
    if docker_ping; then
      STEP_RESULT="started dockerd (pid $!)"
      return
    fi
    sleep 0.1
  done
  tail -n 20 /var/log/dockerd.log >&2 || true
  die "dockerd did not answer GET /_ping on $DNE_DOCKER_SOCK within 30 s (log: /var/log/dockerd.log)"
}

# ---------------------------------------------------------------------------------------------
ensure_image() {
  if docker image inspect "$DNE_TEST_IMAGE" >/dev/null 2>&1; then
    STEP_RESULT="$DNE_TEST_IMAGE present"
    return
  fi
  [ -x /bin/busybox ] || die "/bin/busybox missing (apt package busybox-static)"
  if ldd /bin/busybox >/dev/null 2>&1; then
    die "/bin/busybox is dynamically linked; install busybox-static (it replaces busybox)"
  fi
  local tmp rootfs a out
  tmp=$(mktemp -d)
  rootfs="$tmp/rootfs"
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,proc,sys,dev,var/www,run}
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  for a in "${IMAGE_APPLETS[@]}"; do ln -s busybox "$rootfs/bin/$a"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
    >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -c . |
    docker import --change 'CMD ["sh"]' --change 'ENV PATH=/bin:/sbin:/usr/bin:/usr/sbin' \
      - "$DNE_TEST_IMAGE" >/dev/null
  rm -rf "$tmp"
  out=$(docker run --rm --network none "$DNE_TEST_IMAGE" sh -c 'echo ok') ||
    die "built $DNE_TEST_IMAGE but a container from it does not run"
  [ "$out" = ok ] || die "built $DNE_TEST_IMAGE but 'sh -c \"echo ok\"' printed: $out"
  STEP_RESULT="built $DNE_TEST_IMAGE (docker import, offline)"
}

# ---------------------------------------------------------------------------------------------
# Start the freshly installed code-server once and wait for /healthz (about 0.5 s).
check_code_server_starts() {
  local entry=$1 tmp port pid i ok=0
  tmp=$(mktemp -d)
  port=$(free_port)
  EXTENSIONS_GALLERY='{}' XDG_DATA_HOME="$tmp/xdg-data" XDG_CONFIG_HOME="$tmp/xdg-config" \
    setsid "$entry" --config /dev/null --bind-addr "127.0.0.1:$port" --auth none \
    --disable-telemetry --disable-update-check --disable-workspace-trust \
    --user-data-dir "$tmp/data" --extensions-dir "$tmp/ext" "$tmp" >"$tmp/log" 2>&1 </dev/null &
  pid=$!
  for ((i = 0; i < 200; i++)); do
    if curl -sf --max-time 1 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then ok=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -- "-$pid" 2>/dev/null || true
  if [ "$ok" != 1 ]; then
    cat "$tmp/log" >&2
    rm -rf "$tmp"
    die "code-server installed in $DNE_CODE_SERVER_PREFIX but did not answer /healthz within 20 s"
  fi
  rm -rf "$tmp"
}

install_code_server() {
  local prefix=$DNE_CODE_SERVER_PREFIX v=$DNE_CODE_SERVER_VERSION node_major cache log m
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) ||
    die "node not found; code-server $v needs node 20 (the system node)"
  [ "$node_major" = 20 ] || die "code-server $v needs node 20, found node $(node -v)"
  command -v npm >/dev/null || die "npm not found"
  [ -x /usr/bin/rg ] || die "/usr/bin/rg missing (apt package ripgrep)"

  # @vscode/ripgrep 1.15.11's postinstall would download rg from GitHub (unreachable). It first
  # looks in this cache, so put Debian's rg there as the musl tarball it expects.
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  if [ ! -s "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ]; then
    local stage
    stage=$(mktemp -d)
    cp /usr/bin/rg "$stage/rg"
    mkdir -p "$cache"
    tar -C "$stage" -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
    rm -rf "$stage"
  fi

  # A clean prefix each time (a half-finished install would skip code-server's postinstall).
  rm -rf "$prefix/node_modules" "$prefix/package-lock.json" "$prefix/bin"
  # npm 11 here warns "install-scripts ... not yet covered by allowScripts" for dependency
  # scripts and refuses --allow-scripts / npm_config_allow_scripts in project installs
  # (EALLOWSCRIPTS). So list the two top-level packages with install scripts in allowScripts.
  # code-server's postinstall then runs `npm install` in lib/vscode and lib/vscode/extensions
  # (node-pty, kerberos, spdlog, ... are built there by node-gyp); those nested installs run
  # their scripts too unless a user config sets strict-allow-scripts, which we override below.
  cat >"$prefix/package.json" <<EOF
{
  "name": "dne-code-server",
  "private": true,
  "description": "code-server for Docker Network Explorer tests; installed by scripts/provision.sh",
  "dependencies": { "code-server": "$v" },
  "allowScripts": { "code-server@$v": true, "argon2": true }
}
EOF
  log="$prefix/install.log"
  log "installing code-server $v into $prefix (about 35 s; log: $log)"
  if ! (cd "$prefix" && env npm_config_unsafe_perm=true npm_config_yes=true \
    npm_config_strict_allow_scripts=false npm_config_ignore_scripts=false \
    npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false \
    npm install --no-save --loglevel=warn >"$log" 2>&1); then
    grep -v 'TAR_ENTRY_ERROR\|Unknown .* config' "$log" | tail -n 30 >&2
    die "npm install code-server@$v failed (full log: $log). Build deps: build-essential python3 pkg-config libkrb5-dev"
  fi
  if grep -q 'not yet covered by allowScripts' "$log"; then
    grep 'install-scripts' "$log" >&2
  fi

  # Check that the install scripts really ran: postinstall output and native modules.
  local vs="$prefix/node_modules/code-server/lib/vscode"
  for m in node_modules/node-pty/build/Release/pty.node node_modules/kerberos/build/Release/kerberos.node \
    node_modules/@vscode/spdlog/build/Release/spdlog.node node_modules/native-watchdog/build/Release/watchdog.node \
    node_modules/@vscode/ripgrep/bin/rg node_modules.asar extensions/node_modules/typescript/package.json; do
    [ -e "$vs/$m" ] || die "code-server install incomplete: $vs/$m missing (install scripts did not run?" \
      "see $log)"
  done
  [ -n "$(find "$prefix/node_modules/argon2/lib/binding" -name '*.node' 2>/dev/null)" ] ||
    die "code-server install incomplete: argon2 native binding missing (see $log)"

  local entry="$prefix/node_modules/code-server/out/node/entry.js"
  [ -x "$entry" ] || chmod +x "$entry"
  "$entry" --version 2>/dev/null | grep -q "^$v " || die "$entry --version does not print $v"
  check_code_server_starts "$entry"
  mkdir -p "$prefix/bin"
  ln -sfn ../node_modules/code-server/out/node/entry.js "$prefix/bin/code-server"
}

ensure_code_server() {
  local bin
  bin=$(code_server_bin)
  if [ -x "$bin" ]; then
    STEP_RESULT="$DNE_CODE_SERVER_VERSION present"
    return
  fi
  mkdir -p "$DNE_CODE_SERVER_PREFIX" 2>/dev/null && [ -w "$DNE_CODE_SERVER_PREFIX" ] ||
    die "code-server $DNE_CODE_SERVER_VERSION is not installed ($bin missing) and" \
      "$DNE_CODE_SERVER_PREFIX is not writable: run this script as root" \
      "(or set DNE_CODE_SERVER_PREFIX to a writable folder)"
  # Two provisions at once must not install into the same prefix together.
  exec 9>"$DNE_CODE_SERVER_PREFIX/.install.lock"
  flock 9
  if [ -x "$bin" ]; then
    STEP_RESULT="$DNE_CODE_SERVER_VERSION installed by a concurrent run"
  else
    install_code_server
    STEP_RESULT="installed $DNE_CODE_SERVER_VERSION and checked /healthz"
  fi
  exec 9>&-
}

# ---------------------------------------------------------------------------------------------
# Engine "docker28": a newer docker.io, unpacked (never installed), in its own network namespace.

# Prints the docker.io version a cached unpack holds, or nothing.
e28_cached_version() { [ -x "$1/usr/sbin/dockerd" ] && cat "$1/VERSION" 2>/dev/null || true; }

# Downloads docker.io from Debian suite $1 with a private sources list and unpacks it into $2.
# The system's apt lists, caches and packages are not touched.
e28_fetch() {
  local suite=$1 dir=$2 uri tmp deb
  [ -n "$(e28_cached_version "$dir")" ] && return 0
  uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$uri" ] || die "no Debian mirror URI in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  tmp=$(mktemp -d /opt/dne/.docker-$suite.XXXXXX)
  mkdir -p "$tmp/apt/lists/partial" "$tmp/apt/cache/archives/partial" "$tmp/dl" "$tmp/root"
  printf 'deb %s %s main\n' "$uri" "$suite" >"$tmp/apt/sources.list"
  local apt=(apt-get -q -o "Dir::Etc::SourceList=$tmp/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$tmp/apt/lists" -o "Dir::Cache=$tmp/apt/cache" -o APT::Sandbox::User=root)
  log "docker28: downloading docker.io from Debian $suite ($uri) into $dir"
  if ! "${apt[@]}" update >"$tmp/apt.log" 2>&1 ||
    ! (cd "$tmp/dl" && "${apt[@]}" download docker.io >>"$tmp/apt.log" 2>&1); then
    tail -n 15 "$tmp/apt.log" >&2
    rm -rf "$tmp"
    return 1
  fi
  deb=$(find "$tmp/dl" -name 'docker.io_*.deb' | head -n 1)
  [ -n "$deb" ] || { rm -rf "$tmp"; return 1; }
  dpkg-deb -x "$deb" "$tmp/root" || { rm -rf "$tmp"; return 1; }
  dpkg-deb -f "$deb" Version >"$tmp/root/VERSION"
  [ -x "$tmp/root/usr/sbin/dockerd" ] && [ -x "$tmp/root/usr/sbin/docker-proxy" ] ||
    { rm -rf "$tmp"; return 1; }
  rm -rf "$dir"
  mv "$tmp/root" "$dir"
  rm -rf "$tmp"
}

# The netns, lo, and the veth pair to the host with a default route back through it.
e28_netns() {
  local ns=$DNE_E28_NETNS
  [ -e "/run/netns/$ns" ] || ip netns add "$ns"
  ip -n "$ns" link set lo up
  if ! ip -n "$ns" link show "$DNE_E28_NS_IF" >/dev/null 2>&1; then
    ip link del "$DNE_E28_HOST_IF" >/dev/null 2>&1 || true
    ip link add "$DNE_E28_HOST_IF" type veth peer name "$DNE_E28_NS_IF" netns "$ns"
  fi
  ip addr replace "$DNE_E28_HOST_ADDR/$DNE_E28_PREFIXLEN" dev "$DNE_E28_HOST_IF"
  ip link set "$DNE_E28_HOST_IF" up
  ip -n "$ns" addr replace "$DNE_E28_NS_ADDR/$DNE_E28_PREFIXLEN" dev "$DNE_E28_NS_IF"
  ip -n "$ns" link set "$DNE_E28_NS_IF" up
  ip -n "$ns" route replace default via "$DNE_E28_HOST_ADDR" dev "$DNE_E28_NS_IF"
}

# A pid from pidfile $1 when that process is alive.
live_pid() {
  local pid
  pid=$(cat "$1" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && printf '%s\n' "$pid"
}

# Stops the process in pidfile $1 (one we started), waiting up to 10 s.
stop_pidfile() {
  local pid i
  pid=$(live_pid "$1") || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  rm -f "$1"
}

# The engine's own containerd (root, state and sockets of its own) in the engine's netns.
e28_containerd() {
  local run=$DNE_E28_RUN sock="$DNE_E28_RUN/containerd/containerd.sock" i
  if live_pid "$run/containerd.pid" >/dev/null && ctr --address "$sock" version >/dev/null 2>&1; then
    return 0
  fi
  stop_pidfile "$run/containerd.pid"
  mkdir -p "$run/containerd" "$DNE_E28_DATA/containerd"
  cat >"$run/containerd.toml" <<EOF
version = 2
root = "$DNE_E28_DATA/containerd"
state = "$run/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$sock"
[ttrpc]
  address = "$sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$DNE_E28_DATA/containerd/opt"
EOF
  rm -f "$sock" "$sock.ttrpc"
  setsid nsenter "--net=/run/netns/$DNE_E28_NETNS" containerd --config "$run/containerd.toml" \
    >"/var/log/$DNE_E28_NETNS-containerd.log" 2>&1 </dev/null &
  echo $! >"$run/containerd.pid"
  for ((i = 0; i < 100; i++)); do
    ctr --address "$sock" version >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$run/containerd.pid")" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 20 "/var/log/$DNE_E28_NETNS-containerd.log" >&2 || true
  die "docker28: its containerd did not answer on $sock within 10 s (log: /var/log/$DNE_E28_NETNS-containerd.log)"
}

# Starts dockerd from the unpack in $1; returns non-zero (log tail on stderr) when it does not
# answer /_ping within 30 s.
e28_dockerd() {
  local dir=$1 log="/var/log/$DNE_E28_NETNS-dockerd.log" pid i
  stop_pidfile "$DNE_E28_PIDFILE"
  rm -f "$DNE_E28_SOCK"
  # A stopped dockerd leaves its netns bind mounts (exec/netns/*): they pin old namespaces.
  local m
  for m in $(awk -v p="$DNE_E28_RUN/exec/netns/" 'index($5, p) == 1 { print $5 }' /proc/self/mountinfo); do
    umount "$m" 2>/dev/null || true
  done
  mkdir -p "$DNE_E28_RUN/exec" "$DNE_E28_DATA"
  # nsenter --net, not `ip netns exec`: that remounts /sys and hides the cgroup v1 mounts
  # ("Devices cgroup isn't mounted"). unshare --uts gives the engine its own hostname.
  setsid nsenter "--net=/run/netns/$DNE_E28_NETNS" unshare --uts -- \
    sh -c 'hostname "$0" && exec "$@"' "$DNE_E28_NETNS" "$dir/usr/sbin/dockerd" \
    --host "unix://$DNE_E28_SOCK" --containerd "$DNE_E28_RUN/containerd/containerd.sock" \
    --data-root "$DNE_E28_DATA" --exec-root "$DNE_E28_RUN/exec" --pidfile "$DNE_E28_PIDFILE" \
    --cgroup-parent "/$DNE_E28_NETNS-docker" --userland-proxy-path "$dir/usr/sbin/docker-proxy" \
    >"$log" 2>&1 </dev/null &
  pid=$!
  for ((i = 0; i < 300; i++)); do
    sock_ping "$DNE_E28_SOCK" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null || true
  tail -n 15 "$log" >&2 || true
  return 1
}

ensure_e28() {
  local ver
  if sock_ping "$DNE_E28_SOCK"; then
    ver=$(docker -H "unix://$DNE_E28_SOCK" version --format '{{.Server.Version}}' 2>/dev/null || echo '?')
    STEP_RESULT="docker $ver answers on $DNE_E28_SOCK"
    e28_loud "$ver"
    return
  fi
  is_root || die "engine docker28 does not answer on $DNE_E28_SOCK and this is not root: run scripts/provision.sh as root"
  command -v containerd >/dev/null && command -v ctr >/dev/null || die "containerd not found (apt package containerd)"
  mkdir -p /opt/dne "$DNE_E28_RUN"
  e28_netns
  e28_containerd
  local why=""
  if ! e28_fetch sid "$DNE_E28_SID_DIR"; then
    why="downloading docker.io from Debian sid failed"
  elif e28_dockerd "$DNE_E28_SID_DIR"; then
    ver=$(e28_cached_version "$DNE_E28_SID_DIR")
    STEP_RESULT="started docker.io $ver (sid) in netns $DNE_E28_NETNS"
    return
  else
    why="sid's docker.io $(e28_cached_version "$DNE_E28_SID_DIR") did not start (log above)"
  fi
  log "!!!!!!!! docker28: $why; falling back to Debian trixie's docker.io !!!!!!!!"
  e28_fetch trixie "$DNE_E28_TRIXIE_DIR" || die "docker28: $why, and downloading trixie's docker.io failed too"
  e28_dockerd "$DNE_E28_TRIXIE_DIR" ||
    die "docker28: $why, and trixie's docker.io $(e28_cached_version "$DNE_E28_TRIXIE_DIR") did not start either (log: /var/log/$DNE_E28_NETNS-dockerd.log)"
  ver=$(e28_cached_version "$DNE_E28_TRIXIE_DIR")
  STEP_RESULT="FALLBACK: started trixie's docker.io $ver (NOT 28) in netns $DNE_E28_NETNS"
  e28_loud "$ver"
}

# Says loudly when the "docker28" engine is not a 28.x.
e28_loud() {
  case "$1" in
    28.*) ;;
    *) log "!!!!!!!! engine docker28 runs docker $1, NOT 28.x (sid's did not start here; trixie's fallback) !!!!!!!!" ;;
  esac
}

# Loads the offline test image into the engine on socket $1 (docker save | docker load).
load_image_into() {
  local sock=$1
  if docker -H "unix://$sock" image inspect "$DNE_TEST_IMAGE" >/dev/null 2>&1; then
    STEP_RESULT="$DNE_TEST_IMAGE present"
    return
  fi
  docker image inspect "$DNE_TEST_IMAGE" >/dev/null 2>&1 || die "$DNE_TEST_IMAGE is missing on the system engine"
  docker save "$DNE_TEST_IMAGE" | docker -H "unix://$sock" load >/dev/null ||
    die "docker save $DNE_TEST_IMAGE | docker -H unix://$sock load failed"
  docker -H "unix://$sock" run --rm --network none "$DNE_TEST_IMAGE" true ||
    die "loaded $DNE_TEST_IMAGE into unix://$sock but a container from it does not run"
  STEP_RESULT="loaded $DNE_TEST_IMAGE and ran a container"
}

# ---------------------------------------------------------------------------------------------
# Engine "rootless": the system's dockerd under rootlesskit + slirp4netns, run by an unprivileged user.

ensure_rootless_user() {
  local u=$DNE_ROOTLESS_USER uid gid start f
  if ! id -u "$u" >/dev/null 2>&1; then
    is_root || die "user $u (for the rootless engine) does not exist and this is not root"
    useradd --create-home --home-dir "/home/$u" --shell /usr/sbin/nologin --user-group \
      --comment 'Docker Network Explorer rootless test engine' "$u" ||
      die "useradd $u failed"
  fi
  uid=$(id -u "$u")
  gid=$(id -g "$u")
  for f in /etc/subuid /etc/subgid; do
    if ! grep -q "^$u:" "$f" 2>/dev/null; then
      is_root || die "$f has no range for $u and this is not root"
      # After the highest range in use, at 100000 at the earliest.
      start=$(awk -F: 'BEGIN { m = 100000 } { e = $2 + $3; if (e > m) m = e } END { print m }' "$f" 2>/dev/null || echo 100000)
      printf '%s:%s:65536\n' "$u" "$start" >>"$f"
    fi
  done
  local home
  home=$(getent passwd "$u" | cut -d: -f6)
  [ -d "$home" ] || { mkdir -p "$home" && chown "$uid:$gid" "$home"; }
  local rt="/run/user/$uid"
  if [ ! -d "$rt" ] || [ "$(stat -c '%u %a' "$rt")" != "$uid 700" ]; then
    mkdir -p "$rt"
    chown "$uid:$gid" "$rt"
    chmod 0700 "$rt"
  fi
  STEP_RESULT="user $u (uid $uid), $rt, subuid $(grep "^$u:" /etc/subuid | cut -d: -f2-)"
}

ensure_rootless() {
  local u=$DNE_ROOTLESS_USER uid gid home rt sock log=/var/log/dne-rootless-dockerd.log i pid
  uid=$(id -u "$u") || die "user $u missing"
  gid=$(id -g "$u")
  home=$(getent passwd "$u" | cut -d: -f6)
  rt="/run/user/$uid"
  sock="$rt/docker.sock"
  if sock_ping "$sock"; then
    STEP_RESULT="docker $(docker -H "unix://$sock" version --format '{{.Server.Version}}' 2>/dev/null) answers on $sock"
    return
  fi
  is_root || die "the rootless engine does not answer on $sock and this is not root"
  [ -x "$DNE_ROOTLESSKIT_SCRIPT" ] || die "$DNE_ROOTLESSKIT_SCRIPT missing (apt package docker.io)"
  command -v rootlesskit >/dev/null || die "rootlesskit not found (apt package rootlesskit)"
  command -v slirp4netns >/dev/null || die "slirp4netns not found (apt package slirp4netns)"
  command -v newuidmap >/dev/null || die "newuidmap not found (apt package uidmap)"
  # A leftover dockerd/rootlesskit of this user (its pid file) is stopped first.
  stop_pidfile "$rt/docker.pid"
  rm -f "$sock"
  setsid setpriv "--reuid=$uid" "--regid=$gid" --init-groups -- env -i HOME="$home" USER="$u" \
    LOGNAME="$u" XDG_RUNTIME_DIR="$rt" PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    "$DNE_ROOTLESSKIT_SCRIPT" >"$log" 2>&1 </dev/null &
  pid=$!
  for ((i = 0; i < 600; i++)); do
    if sock_ping "$sock"; then
      STEP_RESULT="started rootless dockerd as $u (rootlesskit pid $pid) on $sock"
      return
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null || true
  tail -n 25 "$log" >&2 || true
  die "the rootless engine (dockerd-rootless.sh as $u) did not answer GET /_ping on $sock within 60 s (log: $log)"
}

# One step per engine: the engine, then the offline image in it. Measured on a 2-core Debian 12 VM
# (2026-12-02): docker28 fresh (download 19 MB + unpack + containerd + dockerd + image) 9.7 s, up to
# 28 s under load; restart with the unpack cached 4.6 s; already up 0.2-0.4 s. rootless fresh (user,
# rootlesskit + slirp4netns + dockerd, image load, one container) 2.4-4.7 s; restart 3.9 s;
# already up 0.9 s.
ensure_engine_docker28() {
  local r
  ensure_e28
  r=$STEP_RESULT
  load_image_into "$DNE_E28_SOCK"
  STEP_RESULT="$r; $STEP_RESULT"
}

ensure_engine_rootless() {
  local r
  ensure_rootless_user
  ensure_rootless
  r=$STEP_RESULT
  load_image_into "$(engine_sock rootless)"
  STEP_RESULT="$r; $STEP_RESULT"
}

# ---------------------------------------------------------------------------------------------
T0=$(now_ms)
step apt ensure_apt
step dockerd ensure_dockerd
step image ensure_image
step code-server ensure_code_server
step docker28 ensure_engine_docker28
step rootless ensure_engine_rootless
printf 'provision: %-12s %-58s %6d ms\n' total "ready" $(($(now_ms) - T0))
