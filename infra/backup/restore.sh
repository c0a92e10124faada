#!/usr/bin/env bash
# Restores a backup of backup.sh into a new database: decrypts with the age identity and feeds pg_restore in
# one transaction (all or nothing). The target database must not exist yet; it is created here and dropped
# again if the restore fails. Point BREDVID_DB_URL at it and start Bredvid (same field keys as before).
#
#   BREDVID_BACKUP_IDENTITY_FILE=/secure/backup-identity.txt infra/backup/restore.sh BACKUP.dump.age NEW_DATABASE
#
# Environment: BREDVID_BACKUP_IDENTITY_FILE (required) — the age identity (secret key) matching the recipients;
# PGHOST, PGPORT, PGUSER, PGPASSWORD or PGPASSFILE (default: the local cluster; the role needs CREATEDB).
set -euo pipefail
source "$(dirname "$0")/common.sh"

[ $# -eq 2 ] || die "usage: BREDVID_BACKUP_IDENTITY_FILE=FILE $0 BACKUP.dump.age NEW_DATABASE"
in=$1
database=$2
identity="${BREDVID_BACKUP_IDENTITY_FILE:-}"
[ -n "$identity" ] || die "BREDVID_BACKUP_IDENTITY_FILE is not set (the age identity that matches the backup's recipients)"
[ -r "$identity" ] || die "BREDVID_BACKUP_IDENTITY_FILE names a file that cannot be read"
[ -r "$in" ] || die "$in cannot be read"
check_name "$database"

need age age
psql=$(pg_tool psql)
pg_restore=$(pg_tool pg_restore)

exists=$("$psql" -d postgres -qtAX -v ON_ERROR_STOP=1 -c "select 1 from pg_database where datname = '$database'")
[ -z "$exists" ] || die "database $database exists: restore into a new database"
"$psql" -d postgres -qX -v ON_ERROR_STOP=1 -c "create database $database" >/dev/null
started=$SECONDS
if ! age --decrypt -i "$identity" "$in" \
    | "$pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$database"; then
  "$psql" -d postgres -qX -c "drop database if exists $database" >/dev/null 2>&1 || true
  die "restore failed; database $database removed again"
fi
log "restored $in into database $database ($((SECONDS - started)) s)"
