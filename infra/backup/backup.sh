#!/usr/bin/env bash
# Takes an encrypted backup of Bredvid's database: pg_dump (custom format, consistent while the application
# runs) streamed straight into age, so that no unencrypted copy touches the disk. Only the public recipient
# key is needed here: the machine that takes backups cannot read them.
#
#   BREDVID_BACKUP_RECIPIENTS_FILE=/etc/bredvid/backup-recipients.txt infra/backup/backup.sh OUTPUT.dump.age
#
# Environment: BREDVID_BACKUP_RECIPIENTS_FILE (required) — age recipients, one public key a line (age-keygen -y
# identity.txt); BREDVID_BACKUP_DATABASE (default bredvid); PGHOST, PGPORT, PGUSER, PGPASSWORD or PGPASSFILE
# (default: the local cluster). Writes OUTPUT only when the whole dump succeeded (a temporary file, then a rename).
set -euo pipefail
source "$(dirname "$0")/common.sh"

[ $# -eq 1 ] || die "usage: BREDVID_BACKUP_RECIPIENTS_FILE=FILE $0 OUTPUT.dump.age"
out=$1
recipients="${BREDVID_BACKUP_RECIPIENTS_FILE:-}"
database="${BREDVID_BACKUP_DATABASE:-bredvid}"
[ -n "$recipients" ] || die "BREDVID_BACKUP_RECIPIENTS_FILE is not set (age recipients file: age-keygen -y identity.txt)"
[ -r "$recipients" ] || die "BREDVID_BACKUP_RECIPIENTS_FILE names a file that cannot be read"
grep -q '^AGE-SECRET-KEY-' "$recipients" && die "BREDVID_BACKUP_RECIPIENTS_FILE holds a secret key: give the public recipients only"
check_name "$database"

need age age
pg_dump=$(pg_tool pg_dump)

umask 077
tmp="$out.partial.$$"
trap 'rm -f "$tmp"' EXIT
started=$SECONDS
"$pg_dump" --format=custom --no-owner --no-privileges --dbname="$database" | age --encrypt -R "$recipients" -o "$tmp"
mv "$tmp" "$out"
trap - EXIT
log "backed up database $database to $out ($(stat -c %s "$out") bytes, $((SECONDS - started)) s)"
