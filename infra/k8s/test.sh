#!/usr/bin/env bash
# Validates the Kubernetes manifests offline (infra/k8s/validate.mjs): renders the production overlay,
# checks every core object against the Kubernetes JSON schemas (npm kubernetes-models 5.1.0), the
# CloudNativePG objects structurally, and Bredvid's own rules. When kubectl is installed, its Kustomize
# must render the same objects. Installs the npm packages from the lock file when they are missing.
set -euo pipefail
cd "$(dirname "$0")"
log() { printf 'k8s-test: %s\n' "$*" >&2; }
if ! command -v node >/dev/null; then log "node is required"; exit 1; fi
if ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null \
   && ! node -e '
     const a = require("./package-lock.json").packages, b = require("./node_modules/.package-lock.json").packages;
     for (const k of Object.keys(a)) if (k && (!b[k] || b[k].version !== a[k].version)) process.exit(1);' 2>/dev/null; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
exec node validate.mjs overlays/production
