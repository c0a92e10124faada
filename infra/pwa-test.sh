#!/usr/bin/env bash
# Browser tests of the PWA: real backend jar, real PostgreSQL (a fresh database per run), Debian
# chromium driven by playwright-core through node's built-in test runner. Installs what a fresh machine
# lacks (chromium, the PWA's npm dev dependencies); idempotent and quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
log() { printf 'pwa-test: %s\n' "$*" >&2; }

if [ ! -x /usr/bin/chromium ]; then
  log "installing chromium (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  log "node 20 or newer is required (playwright-core needs it)"
  exit 1
fi

# npm ci only when the installed tree does not match the lock file (npm writes its copy on install).
if ! cmp -s pwa/package-lock.json pwa/node_modules/.package-lock.json 2>/dev/null \
   && ! (cd pwa && node -e '
     const a = require("./package-lock.json").packages, b = require("./node_modules/.package-lock.json").packages;
     for (const k of Object.keys(a)) if (k && (!b[k] || b[k].version !== a[k].version)) process.exit(1);' 2>/dev/null); then
  log "npm ci"
  (cd pwa && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

jar=backend/target/bredvid-backend-0.1.0-SNAPSHOT.jar
if [ ! -f "$jar" ]; then
  log "building $jar"
  mvn -B -q -o -pl backend package -DskipTests
fi

./infra/postgres/ensure.sh
pg_port="${BREDVID_PG_PORT:-55432}"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
db="bredvid_pwa_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
psql_bredvid() {
  PGPASSWORD="${BREDVID_PG_PASSWORD:-bredvid}" "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U bredvid \
    -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

workdir=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  psql_bredvid -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT INT TERM


# The server serves the PWA from the source tree rather than the copy inside the jar, so that the tests
# always see the current sources even when the jar was built earlier. An empty override directory goes
# first: the service-worker update test publishes a "new version" of sw.js there, as a deployment would.
mkdir -p "$workdir/override"
# The dev environment supplies the test-only JWT and field keys (public values that protect nothing); the
# VAPID keys are RFC 8291's worked example (public), and pushes may go only to a stand-in on loopback. The
# tests build many volunteers through the public form from one address within minutes: its minimum fill
# time is off and the rate limits are scaled (the backend suite tests both at their production values). The
# demo environment seeds the only staff a fresh database can have (an admin creates staff, and nothing
# creates an admin); the real-API tests read the coordinator's once-shown password from the server log.
start_backend() {
  psql_bredvid -c "create database $db"
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  log "starting the backend on 127.0.0.1:$port (database $db)"
  BREDVID_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/$db" BREDVID_PORT="$port" MICRONAUT_ENVIRONMENTS=dev,demo \
    BREDVID_RATE_LIMIT_FACTOR="${BREDVID_RATE_LIMIT_FACTOR:-20}" \
    java -Dmicronaut.server.host=127.0.0.1 \
         -Dbredvid.push.vapid.public-key=BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8 \
         -Dbredvid.push.vapid.private-key=yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw \
         -Dbredvid.push.vapid.subject=mailto:test@bredvid.example \
         -Dbredvid.push.allowed-endpoint-hosts=127.0.0.1 \
         -Dbredvid.recruiting.form-min-fill-time=0s \
         -Dmicronaut.router.static-resources.pwa.paths="file:$workdir/override,file:$root/pwa/src" \
         -jar "$jar" >"$workdir/server.log" 2>&1 &
  server_pid=$!
  local deadline=$((SECONDS + 90))
  until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    if ! kill -0 "$server_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      kill "$server_pid" 2>/dev/null || true
      wait "$server_pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.5
  done
}

if ! start_backend; then
  log "the backend did not become healthy; its log:"
  tail -n 60 "$workdir/server.log" >&2
  exit 1
fi

cd pwa
export BREDVID_BASE_URL="http://127.0.0.1:$port" BREDVID_PWA_OVERRIDE_DIR="$workdir/override" \
  BREDVID_SERVER_LOG="$workdir/server.log"
if [ -n "${BREDVID_PWA_RUN:-}" ]; then
  # A program instead of the tests (the desk benchmark, infra/desk-bench.sh), against the same backend.
  log "running $BREDVID_PWA_RUN"
  $BREDVID_PWA_RUN
else
  log "running node --test pwa/tests/"
  node --test --test-concurrency=1 ${BREDVID_PWA_TESTS:-tests/}
fi
