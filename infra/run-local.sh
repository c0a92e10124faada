#!/usr/bin/env bash
# Starts Bredvid locally: a local PostgreSQL (infra/postgres/ensure.sh), the backend jar with the PWA,
# and demo data (an organisation, a municipality, staff accounts whose passwords are printed once).
# Environment: BREDVID_PORT (default 8080), BREDVID_DB_URL / _USER / _PASSWORD (default: the local server).
set -euo pipefail
cd "$(dirname "$0")/.."

./infra/postgres/ensure.sh

jar=backend/target/bredvid-backend-0.1.0-SNAPSHOT.jar
if [ ! -f "$jar" ] || [ -n "$(find backend/src pwa/src pom.xml backend/pom.xml -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
  echo "building Bredvid..." >&2
  mvn -B -q -ntp package -DskipTests
fi

port="${BREDVID_PORT:-8080}"
export BREDVID_PORT="$port"
export MICRONAUT_ENVIRONMENTS="${MICRONAUT_ENVIRONMENTS:-dev,demo}"

if curl -fsS -o /dev/null "http://localhost:$port/" 2>/dev/null; then
  echo "Port $port is already in use: stop what runs there or set BREDVID_PORT." >&2
  exit 1
fi

java -XX:+UseSerialGC -Xss512k -jar "$jar" &
pid=$!
trap 'kill $pid 2>/dev/null || true' INT TERM
for _ in $(seq 1 120); do
  if curl -fsS "http://localhost:$port/health" >/dev/null 2>&1; then
    echo
    echo "Bredvid is running: http://localhost:$port/   (API docs: http://localhost:$port/redoc/index.html)"
    echo "Stop it with Ctrl-C."
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "Bredvid did not start; see the log above." >&2
    exit 1
  fi
  sleep 0.5
done
wait "$pid"
