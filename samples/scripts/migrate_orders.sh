#!/usr/bin/env bash
# One-off migration of the orders table, run in batches. While it runs it pushes its progress;
# on success it deletes its group, so a group left on the Pushgateway means it failed or hangs.
set -euo pipefail

PUSHGATEWAY=${PUSHGATEWAY:-http://127.0.0.1:9091}
started=$(date +%s)
total=$(psql -qtAc "SELECT count(*) FROM orders WHERE migrated = false" shop)
done_rows=0

while [ "$done_rows" -lt "$total" ]; do
  cat <<EOF | curl --silent --show-error --fail --data-binary @- "$PUSHGATEWAY/metrics/job/orders_migration"
# HELP orders_migration_rows_done Rows migrated so far.
# TYPE orders_migration_rows_done gauge
orders_migration_rows_done $done_rows
# HELP orders_migration_rows_planned Rows left to migrate when the migration started.
# TYPE orders_migration_rows_planned gauge
orders_migration_rows_planned $total
# HELP orders_migration_started_unixtime When the migration started, in Unix seconds.
# TYPE orders_migration_started_unixtime gauge
orders_migration_started_unixtime $started
EOF
  psql -qc "UPDATE orders SET migrated = true WHERE id IN
    (SELECT id FROM orders WHERE migrated = false LIMIT 10000)" shop
  done_rows=$(( done_rows + 10000 ))
done

# Done: nothing left to watch.
curl --silent --show-error --fail -X DELETE "$PUSHGATEWAY/metrics/job/orders_migration"
