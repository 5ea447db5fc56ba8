#!/usr/bin/env bash
# Provision everything the extension's tests and `npm start` need on a Debian 12 machine:
#   1. apt packages (only `apt-get update` + install when something is missing)
#   2. a running Docker engine (started only when /_ping does not answer)
#   3. the offline test image dne-busybox:local (built from busybox-static; never pulled)
#   4. code-server 4.100.3 in its own prefix /opt/dne/code-server-4.100.3 (not in node_modules)
# Idempotent and fast when everything is present (no root needed then). Prints one line per step
# with its time. Exports nothing. Fails loudly, naming what is missing, when it cannot install.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DNE_LOG_TAG=provision

APT_PACKAGES=(docker.io busybox-static iptables iproute2 bridge-utils procps chromium
  fonts-dejavu-core build-essential python3 pkg-config libkrb5-dev ripgrep curl)
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
T0=$(now_ms)
step apt ensure_apt
step dockerd ensure_dockerd
step image ensure_image
step code-server ensure_code_server
printf 'provision: %-12s %-58s %6d ms\n' total "ready" $(($(now_ms) - T0))
