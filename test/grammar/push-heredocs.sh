# SYNTAX TEST "source.shell" "heredocs that feed a Pushgateway push are highlighted as exposition"
#!/bin/bash
size=$(du -sb /backup | cut -f1)

cat <<EOF | curl --data-binary @- http://pushgateway:9091/metrics/job/backup_db
# <--- entity.name.command.shell
#   ^^ keyword.operator.heredoc.shell
#     ^^^ punctuation.definition.string.heredoc.delimiter.shell
#           ^^^^ entity.name.command.shell
#                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.argument.shell - meta.embedded.block.prometheus-exposition
# HELP backup_size_bytes Size of the ${DB} backup.
# ^^^^ meta.embedded.block.prometheus-exposition keyword.other.help.prometheus-exposition
#                        ^^^^^^^^^^^ meta.embedded.block.prometheus-exposition string.unquoted.docstring.prometheus-exposition
#                                      ^^ meta.embedded.block.prometheus-exposition variable.other.normal.shell
# TYPE backup_size_bytes gauge
#                        ^^^^^ meta.embedded.block.prometheus-exposition storage.type.metric-type.prometheus-exposition
backup_size_bytes{db="orders",host="$(hostname)"} $size
# <----------------- meta.embedded.block.prometheus-exposition meta.sample.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                 ^^ meta.embedded.block.prometheus-exposition variable.parameter.label-name.prometheus-exposition
#                     ^^^^^^ meta.embedded.block.prometheus-exposition string.quoted.double.label-value.prometheus-exposition
#                                   ^^ string.quoted.double.label-value.prometheus-exposition punctuation.definition.subshell.single.shell
#                                     ^^^^^^^^ string.quoted.double.label-value.prometheus-exposition entity.name.command.shell
#                                                 ^^^^^ meta.embedded.block.prometheus-exposition variable.other.normal.shell - invalid.illegal.value.prometheus-exposition
backup_last_success_timestamp_seconds `date +%s`
#                                     ^ meta.embedded.block.prometheus-exposition punctuation.definition.evaluation.backticks.shell
#                                      ^^^^ meta.embedded.block.prometheus-exposition entity.name.command.shell
backup_escaped{note="costs \$5"} 1
#                          ^^ constant.character.escape.shell
#                            ^ string.quoted.double.label-value.prometheus-exposition - variable.other.normal.shell
EOF 1
# <--- meta.embedded.block.prometheus-exposition entity.name.function.metric.prometheus-exposition
#   ^ meta.embedded.block.prometheus-exposition constant.numeric.value.prometheus-exposition
EOF
# <--- punctuation.definition.string.heredoc.delimiter.shell - meta.embedded.block.prometheus-exposition
echo "back in the shell"
# <---- support.function.builtin.shell - meta.embedded.block.prometheus-exposition

curl -s --data-binary @- "$GATEWAY/metrics/job/cleanup" <<'PROM'
#                                                       ^^ keyword.operator.heredoc.shell
#                                                         ^ punctuation.definition.string.heredoc.quote.shell
#                                                          ^^^^ punctuation.definition.string.heredoc.delimiter.shell
cleanup_deleted_files{dir="$HOME"} 42
# <--------------------- meta.embedded.block.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                          ^^^^^ string.quoted.double.label-value.prometheus-exposition - variable.other.normal.shell
#                                  ^^ meta.embedded.block.prometheus-exposition constant.numeric.value.prometheus-exposition
PROM
# <---- punctuation.definition.string.heredoc.delimiter.shell - meta.embedded.block.prometheus-exposition

if [ -d /var/spool/mail ]; then
	cat > /var/lib/node_exporter/queue.prom <<-METRICS
#                                        ^^^ keyword.operator.heredoc.shell
#                                           ^^^^^^^ punctuation.definition.string.heredoc.delimiter.shell
		queue_length{queue="mail"} $count
# ^^^^^^^^^^^^ meta.embedded.block.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                     ^^^^ string.quoted.double.label-value.prometheus-exposition
#                            ^^^^^^ meta.embedded.block.prometheus-exposition variable.other.normal.shell
	METRICS 5
#^^^^^^^ meta.embedded.block.prometheus-exposition entity.name.function.metric.prometheus-exposition
	METRICS
#^^^^^^^ punctuation.definition.string.heredoc.delimiter.shell - meta.embedded.block.prometheus-exposition
fi
# <-- keyword.control.fi.shell

cat <<"EOF" | curl -X PUT --data-binary @- "$GW/metrics/job/rotate"
#     ^ punctuation.definition.string.heredoc.quote.shell
rotated_files{dir="$LOGDIR"} 3
# <------------- entity.name.function.metric.prometheus-exposition
#                  ^^^^^^^ string.quoted.double.label-value.prometheus-exposition - variable.other.normal.shell
EOF

wget -qO- --post-file=/dev/stdin http://gw:9091/metrics/job/sync <<\EOF
#                                                                  ^ punctuation.definition.string.heredoc.quote.shell
sync_runs_total $runs
# <--------------- entity.name.function.metric.prometheus-exposition
#               ^^^^^ invalid.illegal.value.prometheus-exposition - variable.other.normal.shell
EOF

https POST gw:9091/metrics/job/report <<EOF
report_rows 12
# <----------- meta.embedded.block.prometheus-exposition entity.name.function.metric.prometheus-exposition
EOF

push() {
  cat <<EOF | curl --data-binary=@- "$1"
  inner_metric 1
# ^^^^^^^^^^^^ meta.embedded.block.prometheus-exposition entity.name.function.metric.prometheus-exposition
EOF
}
# <- punctuation.definition.group.shell - meta.embedded.block.prometheus-exposition

cat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/expanded_names"
# TYPE ${PREFIX}_jobs_total counter
# <- meta.embedded.block.prometheus-exposition meta.type.prometheus-exposition punctuation.definition.comment.prometheus-exposition
# ^^^^ meta.type.prometheus-exposition keyword.other.type.prometheus-exposition
#      ^^ meta.type.prometheus-exposition punctuation.definition.variable.shell - invalid
#        ^^^^^^ meta.type.prometheus-exposition variable.other.normal.shell - invalid
#              ^ meta.type.prometheus-exposition punctuation.section.bracket.curly.variable.end.shell
#               ^^^^^^^^^^^ meta.type.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                           ^^^^^^^ meta.type.prometheus-exposition storage.type.metric-type.prometheus-exposition
# TYPE queue_depth $KIND
#      ^^^^^^^^^^^ meta.type.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                  ^^^^^ meta.type.prometheus-exposition variable.other.normal.shell - invalid
# HELP backup_size_bytes Size of $DB.
#      ^^^^^^^^^^^^^^^^^ meta.help.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                        ^^^^^^^^ meta.help.prometheus-exposition string.unquoted.docstring.prometheus-exposition
#                                ^^^ meta.help.prometheus-exposition string.unquoted.docstring.prometheus-exposition variable.other.normal.shell
#                                   ^ string.unquoted.docstring.prometheus-exposition - variable.other.normal.shell
# HELP ${PREFIX}_jobs_total Jobs run by `hostname`.
# ^^^^ meta.help.prometheus-exposition keyword.other.help.prometheus-exposition
#      ^^ meta.help.prometheus-exposition punctuation.definition.variable.shell - invalid
#        ^^^^^^ meta.help.prometheus-exposition variable.other.normal.shell - invalid
#               ^^^^^^^^^^^ meta.help.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                           ^^^^^^^^^^^^ meta.help.prometheus-exposition string.unquoted.docstring.prometheus-exposition - entity.name.function.metric.prometheus-exposition
#                                       ^ string.unquoted.docstring.prometheus-exposition punctuation.definition.evaluation.backticks.shell
#                                        ^^^^^^^^ string.unquoted.docstring.prometheus-exposition entity.name.command.shell
${PREFIX}_jobs_total 3
# <-- meta.embedded.block.prometheus-exposition meta.sample.prometheus-exposition punctuation.definition.variable.shell
# ^^^^^^ meta.sample.prometheus-exposition variable.other.normal.shell
#       ^ meta.sample.prometheus-exposition punctuation.section.bracket.curly.variable.end.shell
#        ^^^^^^^^^^^ meta.sample.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                    ^ meta.sample.prometheus-exposition constant.numeric.value.prometheus-exposition
$NAME{a="b"} 1
# <- meta.embedded.block.prometheus-exposition meta.sample.prometheus-exposition punctuation.definition.variable.shell
#^^^^ meta.sample.prometheus-exposition variable.other.normal.shell
#    ^ meta.sample.prometheus-exposition meta.label-set.prometheus-exposition punctuation.section.braces.begin.prometheus-exposition
#     ^ meta.label-set.prometheus-exposition variable.parameter.label-name.prometheus-exposition
#       ^^^ meta.label-set.prometheus-exposition string.quoted.double.label-value.prometheus-exposition
#            ^ meta.sample.prometheus-exposition constant.numeric.value.prometheus-exposition
backup_${DB}_bytes{db="$DB"} $(stat -c %s /backup) `date +%s`000
# <------- meta.sample.prometheus-exposition entity.name.function.metric.prometheus-exposition
#      ^^ meta.sample.prometheus-exposition punctuation.definition.variable.shell
#        ^^ meta.sample.prometheus-exposition variable.other.normal.shell
#           ^^^^^^ meta.sample.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                 ^ meta.label-set.prometheus-exposition punctuation.section.braces.begin.prometheus-exposition
#                      ^^^ string.quoted.double.label-value.prometheus-exposition variable.other.normal.shell
#                            ^^ meta.sample.prometheus-exposition punctuation.definition.subshell.single.shell
#                              ^^^^ meta.sample.prometheus-exposition entity.name.command.shell
`metric_name` 1
# <- meta.sample.prometheus-exposition punctuation.definition.evaluation.backticks.shell
#^^^^^^^^^^^ meta.sample.prometheus-exposition entity.name.command.shell
#             ^ meta.sample.prometheus-exposition constant.numeric.value.prometheus-exposition
EOF
# <--- punctuation.definition.string.heredoc.delimiter.shell - meta.embedded.block.prometheus-exposition
