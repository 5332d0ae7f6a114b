#!/usr/bin/env bash
# Nightly database backup; reports to the Pushgateway when done.
set -euo pipefail

PUSHGATEWAY=${PUSHGATEWAY:-http://127.0.0.1:9091}
started=$(date +%s)
pg_dump orders > /var/backups/orders.sql
size=$(stat -c %s /var/backups/orders.sql)

cat <<EOF | curl --silent --show-error --fail --data-binary @- "$PUSHGATEWAY/metrics/job/backup_db/instance/$(hostname)"
# HELP backup_db_size_bytes Size of the last database backup.
# TYPE backup_db_size_bytes gauge
backup_db_size_bytes{database="orders"} $size
# HELP backup_db_duration_seconds How long the backup took.
# TYPE backup_db_duration_seconds gauge
backup_db_duration_seconds $(( $(date +%s) - started ))
# HELP backup_db_last_success_unixtime When the last backup succeeded, in Unix seconds.
# TYPE backup_db_last_success_unixtime gauge
backup_db_last_success_unixtime $(date +%s)
EOF
