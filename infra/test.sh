#!/usr/bin/env bash
# Runs every Bredvid test: backend (Maven Surefire, against a real PostgreSQL) and the PWA's browser
# tests (Debian chromium driven by playwright-core). Installs what a fresh machine lacks.
set -euo pipefail
cd "$(dirname "$0")/.."

./infra/postgres/ensure.sh

# On a machine with a Docker engine, tests may use Testcontainers instead; here they use the server above.
export BREDVID_PG_PORT="${BREDVID_PG_PORT:-55432}"

mvn -B -ntp verify

# Deployment artefacts: Kubernetes manifests against the schemas (seconds), the compose file and nginx
# configuration (seconds), and the container image built without Docker and started from its own JVM
# (about a minute; it reuses the jar built above).
./infra/k8s/test.sh
./infra/deploy/test.sh
./infra/image/test.sh

# Backup, wipe, restore, and the restored installation serves a queued envelope (bounded: 5 minutes).
./infra/backup/test.sh

if [ -f pwa/package.json ]; then
  ./infra/pwa-test.sh
fi
