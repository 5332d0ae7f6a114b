#!/usr/bin/env bash
# Daily log cleanup. NOTE: the metrics below hold two deliberate mistakes for the demo
# (a TYPE typo and a sample with a timestamp); the editor underlines them.
set -euo pipefail

PUSHGATEWAY=${PUSHGATEWAY:-http://127.0.0.1:9091}
LOG_DIR=/var/log/myapp

deleted=$(find "$LOG_DIR" -name '*.log.*' -mtime +14 -print -delete | wc -l)
dir_size=$(du -sb "$LOG_DIR" | cut -f1)

cat <<EOF | curl --silent --show-error --fail --data-binary @- "$PUSHGATEWAY/metrics/job/clean_logs"
# HELP clean_logs_deleted_files_total Log files deleted by the last run.
# TYPE clean_logs_deleted_files_total countr
clean_logs_deleted_files_total $deleted
# HELP clean_logs_dir_size_bytes Size of the log directory after the cleanup.
# TYPE clean_logs_dir_size_bytes gauge
clean_logs_dir_size_bytes $dir_size 1764000000000
# HELP clean_logs_last_success_unixtime When the last cleanup succeeded, in Unix seconds.
# TYPE clean_logs_last_success_unixtime gauge
clean_logs_last_success_unixtime $(date +%s)
EOF
