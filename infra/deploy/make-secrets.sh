#!/usr/bin/env bash
# Makes the secrets of a compose installation (compose.yaml) once, into infra/deploy/secrets/ (or DIR):
# the JWT signing key (EC P-256), an empty list of previous public keys, the metrics token, the field key,
# the PostgreSQL password, and bredvid-secrets.yml (Micronaut config: field key, database password, VAPID
# keys when given in BREDVID_PUSH_VAPID_PUBLIC_KEY/_PRIVATE_KEY/_SUBJECT). Refuses to overwrite. Prints no
# secret. Keep a copy of the field key offline: without it the encrypted fields are lost.
set -euo pipefail
dir=${1:-"$(cd "$(dirname "$0")" && pwd)/secrets"}
if [ -e "$dir/jwt-private-key.pem" ]; then echo "make-secrets: $dir already holds secrets; not overwriting" >&2; exit 1; fi
umask 077
mkdir -p "$dir"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/jwt-private-key.pem" 2>/dev/null
: >"$dir/jwt-previous-public-keys.pem"
openssl rand -hex 32 >"$dir/metrics-token"
pg_password=$(openssl rand -hex 24)
printf '%s' "$pg_password" >"$dir/postgres-password"
{
  printf 'bredvid:\n  crypto:\n    field:\n      current-key: k1\n      keys:\n        k1: "%s"\n' "$(openssl rand -base64 32)"
  if [ -n "${BREDVID_PUSH_VAPID_PRIVATE_KEY:-}" ]; then
    printf '  push:\n    vapid:\n      public-key: "%s"\n      private-key: "%s"\n      subject: "%s"\n' \
      "${BREDVID_PUSH_VAPID_PUBLIC_KEY:?}" "$BREDVID_PUSH_VAPID_PRIVATE_KEY" "${BREDVID_PUSH_VAPID_SUBJECT:?}"
  fi
  printf 'datasources:\n  default:\n    password: "%s"\n' "$pg_password"
} >"$dir/bredvid-secrets.yml"
# Compose bind-mounts secret files as they are: readable by the container's user only.
chmod 0400 "$dir"/*
if [ "$(id -u)" = 0 ]; then
  chown 10001:10001 "$dir/jwt-private-key.pem" "$dir/jwt-previous-public-keys.pem" "$dir/metrics-token" "$dir/bredvid-secrets.yml"
  chown 999:999 "$dir/postgres-password"
fi
echo "make-secrets: wrote $(ls "$dir" | wc -l) files to $dir" >&2
