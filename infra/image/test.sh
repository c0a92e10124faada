#!/usr/bin/env bash
# Builds the container image tarball without a Docker daemon (mvn -Pimage: jlink runtime + Jib buildTar on
# `scratch`, infra/image/README.md) and checks it: the config (non-root user, entrypoint, no shell), the
# layers (nothing world-writable but /tmp, no setuid, the runtime and the app present), and then starts
# Bredvid with the image's own JVM from the unpacked layers (chroot, user 10001, production mode, secrets
# from files) against a throw-away database until the image's health check answers.
# Bounded: about 40 s with the jar already built (infra/test.sh builds it first), 1.5 minutes from scratch.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
log() { printf 'image-test: %s\n' "$*" >&2; }
passed=0 failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); log "FAIL $1"; fi; }

started=$SECONDS
offline=-o
ls ~/.m2/repository/com/google/cloud/tools/jib-maven-plugin/3.5.2/*.jar >/dev/null 2>&1 || offline=
mvn -B -q $offline -pl backend package -DskipTests -Pimage
tar=backend/target/jib-image.tar
log "built $tar ($(du -h "$tar" | cut -f1)) in $((SECONDS - started)) s"

work=$(mktemp -d)
mounted=()
cleanup() {
  for m in "${mounted[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  # Never delete through a bind mount of the host's /proc or /dev.
  if grep -q " $work/" /proc/mounts; then log "still mounted under $work: left in place"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM
tar -xf "$tar" -C "$work"
cfg="$work/config.json"
jq_() { python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$cfg" "$1"; }

check "user is 10001:10001" '[ "$(jq_ "c[\"config\"][\"User\"]")" = "10001:10001" ]'
check "entrypoint is the image's java" '[ "$(jq_ "c[\"config\"][\"Entrypoint\"][0]")" = "/opt/java/bin/java" ]'
check "entrypoint runs se.bredvid.Application" '[ "$(jq_ "c[\"config\"][\"Entrypoint\"][-1]")" = "se.bredvid.Application" ]'
check "BREDVID_ENVIRONMENT=production in the image" 'jq_ "c[\"config\"][\"Env\"]" | grep -q "BREDVID_ENVIRONMENT=production"'
check "created at the epoch (reproducible)" '[ "$(jq_ "c[\"created\"]")" = "1970-01-01T00:00:00Z" ]'

rootfs="$work/rootfs"
mkdir -p "$rootfs"
listing="$work/listing"
for layer in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/manifest.json"); do
  tar --warning=no-unknown-keyword -tvzf "$work/$layer" >>"$listing"
  tar --warning=no-unknown-keyword -xzf "$work/$layer" -C "$rootfs"
done
check "no shell in the image" '[ ! -e "$rootfs/bin/sh" ] && [ ! -e "$rootfs/usr/bin/sh" ]'
check "the runtime and the app are there" '[ -x "$rootfs/opt/java/bin/java" ] && [ -f "$rootfs/app/jib-classpath-file" ] && [ -d "$rootfs/app/classes/se/bredvid" ]'
check "no setuid or setgid file" '! awk "{print \$1}" "$listing" | grep -q "^-..[sS]\|^-.....[sS]"'
check "nothing world-writable but /tmp" '! awk "\$1 ~ /^.{8}w/ && \$6 != \"./tmp/\" && \$6 != \"tmp/\" && \$6 != \"/tmp/\" {print}" "$listing" | grep -v "^l" | grep -q .'
check "every file owned by root (read-only for user 10001)" '! awk "\$2 != \"0/0\" {print}" "$listing" | grep -q .'

# Run the image's JVM from its own layers, as the container would (chroot as user 10001; needs root for
# chroot and /proc): in production mode against a throw-away database on the local PostgreSQL, with the JWT
# key in a file (BREDVID_JWT_PRIVATE_KEY_FILE) and the field key and database password in a config file
# (MICRONAUT_CONFIG_FILES), as compose.yaml gives them; the image's health-check program must then answer 0.
if [ "$(id -u)" = 0 ] && command -v openssl >/dev/null && mkdir -p "$rootfs/proc" && mount --bind /proc "$rootfs/proc" 2>/dev/null; then
  mounted+=("$rootfs/proc")
  # What a container runtime provides: /dev (the JVM's SecureRandom reads /dev/urandom).
  mkdir -p "$rootfs/dev"
  if mount --bind /dev "$rootfs/dev" 2>/dev/null; then
    mounted+=("$rootfs/dev")
  else
    mknod -m 666 "$rootfs/dev/null" c 1 3; mknod -m 666 "$rootfs/dev/zero" c 1 5
    mknod -m 666 "$rootfs/dev/random" c 1 8; mknod -m 666 "$rootfs/dev/urandom" c 1 9
  fi
  ./infra/postgres/ensure.sh
  pg_port="${BREDVID_PG_PORT:-55432}" pg_password="${BREDVID_PG_PASSWORD:-bredvid}"
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  db="bredvid_image_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  psql_() { PGPASSWORD="$pg_password" "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U bredvid -d postgres -qtA -v ON_ERROR_STOP=1 "$@"; }
  psql_ -c "create database $db"
  trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; psql_ -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true; cleanup' EXIT INT TERM
  server=""
  mkdir -p "$rootfs/run/secrets"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$rootfs/run/secrets/jwt-private-key.pem" 2>/dev/null
  printf 'bredvid:\n  crypto:\n    field:\n      current-key: k1\n      keys:\n        k1: %s\ndatasources:\n  default:\n    password: %s\n' \
    "$(head -c 32 /dev/urandom | base64)" "$pg_password" >"$rootfs/run/secrets/bredvid.yml"
  chmod 0444 "$rootfs"/run/secrets/*
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  entry=$(python3 -c 'import json,sys,shlex; print(shlex.join(json.load(open(sys.argv[1]))["config"]["Entrypoint"]))' "$cfg")
  env -i PATH=/opt/java/bin BREDVID_ENVIRONMENT=production BREDVID_HOST=127.0.0.1 BREDVID_PORT="$port" \
    BREDVID_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/$db" BREDVID_JWT_PRIVATE_KEY_FILE=/run/secrets/jwt-private-key.pem \
    MICRONAUT_CONFIG_FILES=/run/secrets/bredvid.yml \
    "$(command -v chroot)" --userspec=10001:10001 "$rootfs" $entry >"$work/server.log" 2>&1 &
  server=$!
  healthy=no deadline=$((SECONDS + 90))
  while [ "$SECONDS" -lt "$deadline" ] && kill -0 "$server" 2>/dev/null; do
    if env -i BREDVID_PORT="$port" "$(command -v chroot)" --userspec=10001:10001 "$rootfs" \
         /opt/java/bin/java -XX:TieredStopAtLevel=1 -Xshare:off -cp /opt/bredvid/healthcheck HealthCheck; then healthy=yes; break; fi
    sleep 1
  done
  check "the image's JVM starts Bredvid in production mode and the image's health check answers 0" '[ "$healthy" = yes ]'
  check "/health/readiness is UP" 'curl -fsS --max-time 5 "http://127.0.0.1:$port/health/readiness" | grep -q UP'
  check "the start log names no key or password" '! grep -q -e "$pg_password\b" -e "BEGIN PRIVATE" "$work/server.log" || [ "$pg_password" = bredvid ]'
  kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true
  env -i "$(command -v chroot)" --userspec=10001:10001 "$rootfs" /opt/java/bin/java -cp /opt/bredvid/healthcheck HealthCheck \
    "http://127.0.0.1:$port/health/readiness" && rc=0 || rc=$?
  check "the health check answers 1 when nothing listens" '[ "$rc" -eq 1 ]'
  [ "$healthy" = yes ] || { log "server log:"; grep -v '^\s*at ' "$work/server.log" | tail -n 30 >&2; }
else
  log "not root or /proc cannot be mounted: the image's JVM was not started (contents checked only)"
fi
log "done in $((SECONDS - started)) s"
echo "image: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
