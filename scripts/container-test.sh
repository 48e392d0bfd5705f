#!/usr/bin/env bash
# CI's container check (docs/decisions/0044): builds the Chorus image with podman, runs it on
# a named volume, checks /api/v1/health from the host, signs up, stops it with SIGTERM (it
# must exit by itself, not be killed), starts a new container on the same volume and signs in.
# No registry is reachable here, so the image is built FROM a local base (Debian bookworm from
# debootstrap plus this machine's Node and CA certificates), cached in podman's image store under a hash of its inputs.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "container-test: $*" >&2; exit 1; }
started=$SECONDS

missing=()
for tool in podman debootstrap curl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
[ -x /usr/sbin/runc ] || missing+=(runc)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

run_id="chorus-ci-$$"
work=$(mktemp -d /var/tmp/chorus-container.XXXXXX)
dangling() { podman images -q --no-trunc -f dangling=true | sort; }
cleanup() {
  podman rm -f -t 0 "$run_id-1" "$run_id-2" >/dev/null 2>&1 || true
  podman volume rm -f "$run_id" >/dev/null 2>&1 || true
  # Each build leaves the previous image and its build stage untagged: remove what this run left
  # (a removed image's parents are untagged leaves next), keeping the tagged dependency layer cached.
  if [ -f "$work/dangling-before" ]; then
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
      left=$(dangling | comm -13 "$work/dangling-before" -)
      [ -n "$left" ] || break
      echo "$left" | xargs podman rmi -f >/dev/null 2>&1 || break
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# These machines' kernel refuses podman's default ulimits and has no systemd cgroup manager;
# a file of our own keeps the machine's global containers.conf untouched.
export CONTAINERS_CONF="$work/containers.conf"
printf '[containers]\ndefault_ulimits = []\n\n[engine]\ncgroup_manager = "cgroupfs"\n' >"$CONTAINERS_CONF"
podman() { command podman --runtime /usr/sbin/runc "$@"; }

step "local base image (Debian bookworm + Node $(node --version))"
node_bin=$(readlink -f "$(command -v node)")
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
# Bump the recipe number when the recipe below changes.
ca_bundle=/etc/ssl/certs/ca-certificates.crt
base_key=$( (echo "recipe 1 bookworm minbase"; sha256sum "$node_bin" "$ca_bundle"; cat "$npm_dir/package.json") | sha256sum | cut -c1-16)
base="localhost/chorus-ci-base:$base_key"
if podman image exists "$base"; then
  echo "cached: $base"
else
  rootfs="$work/rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log"; fail "debootstrap failed"; }
  # Where the official node images keep Node and npm, so the Dockerfile works on either base.
  install -D -m 755 "$node_bin" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules"
  cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  # The build stage reaches the npm registry through whatever TLS proxy this machine trusts.
  install -D -m 644 "$ca_bundle" "$rootfs/etc/ssl/certs/ca-certificates.crt"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
  tar -C "$rootfs" -c . | podman import --change 'CMD ["node"]' \
    --change "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt" - "$base" >"$work/import.log" 2>&1 ||
    { cat "$work/import.log"; fail "podman import failed"; }
  rm -rf "$rootfs"
  # Older bases (another Node) are of no further use.
  podman images --format '{{.Repository}}:{{.Tag}}' | grep '^localhost/chorus-ci-base:' | grep -vx "$base" |
    xargs -r podman rmi -f >/dev/null 2>&1 || true
  echo "built: $base ($((SECONDS - started)) s so far)"
fi

step "build the Chorus image"
build_started=$SECONDS
dangling >"$work/dangling-before"
# Docker format: OCI images cannot carry a HEALTHCHECK. The build stage fetches packages from the npm registry.
build=(podman build --format docker --network host --build-arg "NODE_IMAGE=$base")
# The installed dependencies, tagged so that the cleanup below keeps them for the next run.
"${build[@]}" --target deps -t localhost/chorus-ci:deps . >"$work/build.log" 2>&1 &&
  "${build[@]}" -t localhost/chorus:ci . >>"$work/build.log" 2>&1 ||
  { tail -40 "$work/build.log"; fail "image build failed"; }
echo "built localhost/chorus:ci in $((SECONDS - build_started)) s"

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base_url="http://127.0.0.1:$port/api/v1"
podman volume create "$run_id" >/dev/null

start_container() {
  # Its stderr only complains that there is no systemd to schedule the HEALTHCHECK (run by hand below).
  podman run -d --name "$1" -p "127.0.0.1:$port:3000" -v "$run_id:/data" localhost/chorus:ci >/dev/null 2>"$work/run.log" ||
    { cat "$work/run.log"; fail "podman run $1 failed"; }
  for _ in $(seq 1 300); do
    curl -fsS "$base_url/health" >"$work/health.json" 2>/dev/null && return 0
    [ "$(podman inspect -f '{{.State.Running}}' "$1")" = true ] || { podman logs "$1"; fail "$1 exited while starting"; }
    sleep 0.2
  done
  podman logs "$1"
  fail "$1 did not answer /health within 60 s"
}

stop_container() {
  local from code
  from=$(date +%s%N)
  podman stop -t 10 "$1" >/dev/null 2>"$work/run.log"
  code=$(podman inspect -f '{{.State.ExitCode}}' "$1")
  echo "$1 stopped in $((($(date +%s%N) - from) / 1000000)) ms with exit code $code"
  # 137 would be the SIGKILL that follows the 10 s stop timeout.
  [ "$code" = 0 ] || { podman logs "$1" | tail -20; fail "$1 did not exit cleanly on SIGTERM"; }
}

step "first start on an empty volume"
start_container "$run_id-1"
cat "$work/health.json"; echo
grep -q '"status":"ok"' "$work/health.json" || fail "unexpected health answer"
[ "$(podman exec "$run_id-1" id -u)" != 0 ] || fail "the server runs as root"
podman healthcheck run "$run_id-1" || fail "the image's HEALTHCHECK fails"
user="ci$$"
password="container-check-$$-password"
curl -fsS -o /dev/null -H 'content-type: application/json' \
  -d "{\"username\":\"$user\",\"email\":\"$user@example.org\",\"password\":\"$password\"}" "$base_url/auth/signup" ||
  fail "signup failed"
stop_container "$run_id-1"

step "second container on the same volume"
start_container "$run_id-2"
curl -fsS -o /dev/null -H 'content-type: application/json' -d "{\"login\":\"$user\",\"password\":\"$password\"}" "$base_url/auth/login" ||
  fail "the account made before the restart cannot sign in"
echo "signed in as $user after the restart"
stop_container "$run_id-2"

step "container check passed in $((SECONDS - started)) s"
