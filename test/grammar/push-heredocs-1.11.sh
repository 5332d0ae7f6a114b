# SYNTAX TEST "source.shell" "push heredocs in the text format of Pushgateway 1.11: quoted metric and label names"

cat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/backup"
# HELP "backup.size\"full\"" Size of the \"full\" backup.
#      ^^^^^^^^^^^^ meta.embedded.block.prometheus-exposition meta.help.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                  ^^ entity.name.function.metric.prometheus-exposition constant.character.escape.prometheus-exposition
#                                        ^^ string.unquoted.docstring.prometheus-exposition constant.character.escape.prometheus-exposition
# TYPE "backup.size\"full\"" gauge
#      ^^^^^^^^^^^^ meta.embedded.block.prometheus-exposition meta.type.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                  ^^ entity.name.function.metric.prometheus-exposition constant.character.escape.prometheus-exposition
#                            ^^^^^ storage.type.metric-type.prometheus-exposition
# TYPE "backup.size gauge
#      ^^^^^^^^^^^^^^^^^^ meta.embedded.block.prometheus-exposition invalid.illegal.metric-name.prometheus-exposition
"backup.${DB}.bytes"{"host.name"="$(hostname)", "db"="$DB"} $size
# <-------- meta.embedded.block.prometheus-exposition meta.sample.prometheus-exposition entity.name.function.metric.prometheus-exposition
#       ^^ entity.name.function.metric.prometheus-exposition punctuation.definition.variable.shell
#         ^^ entity.name.function.metric.prometheus-exposition variable.other.normal.shell
#            ^^^^^^^ entity.name.function.metric.prometheus-exposition
#                    ^^^^^^^^^^^ meta.label-set.prometheus-exposition variable.parameter.label-name.prometheus-exposition
#                                   ^^^^^^^^ string.quoted.double.label-value.prometheus-exposition entity.name.command.shell
#                                               ^^^^ variable.parameter.label-name.prometheus-exposition
#                                                     ^^^ string.quoted.double.label-value.prometheus-exposition variable.other.normal.shell
#                                                           ^^^^^ meta.sample.prometheus-exposition variable.other.normal.shell
"backup_$DB 1
# <------------- meta.embedded.block.prometheus-exposition invalid.illegal.metric-name.prometheus-exposition
"costs \$5" 1
#      ^^ entity.name.function.metric.prometheus-exposition constant.character.escape.shell
{"backup.${DB}.bytes", host="$(hostname)", "db"="$DB"} $size
# ^^^^^^^ meta.embedded.block.prometheus-exposition meta.sample.prometheus-exposition meta.label-set.prometheus-exposition entity.name.function.metric.prometheus-exposition
#          ^^ entity.name.function.metric.prometheus-exposition variable.other.normal.shell
#                      ^^^^ variable.parameter.label-name.prometheus-exposition
#                              ^^^^^^^^ string.quoted.double.label-value.prometheus-exposition entity.name.command.shell
#                                          ^^^^ variable.parameter.label-name.prometheus-exposition
#                                                ^^^ string.quoted.double.label-value.prometheus-exposition variable.other.normal.shell
#                                                      ^^^^^ meta.sample.prometheus-exposition variable.other.normal.shell
{backup_files_total, job="$JOB"} 3
# ^^^^^^^^^^^^^^^^^ meta.embedded.block.prometheus-exposition meta.label-set.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                         ^^^^ string.quoted.double.label-value.prometheus-exposition variable.other.normal.shell
#                                ^ constant.numeric.value.prometheus-exposition
# HELP "backup.${DB}.bytes" Size of the $DB backup.
#      ^^^^^^^^ meta.help.prometheus-exposition entity.name.function.metric.prometheus-exposition
#              ^^ meta.help.prometheus-exposition entity.name.function.metric.prometheus-exposition punctuation.definition.variable.shell
#                ^^ entity.name.function.metric.prometheus-exposition variable.other.normal.shell
#                   ^^^^^^^ meta.help.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                           ^^^^^^^^^^^^ string.unquoted.docstring.prometheus-exposition - entity.name.function.metric.prometheus-exposition
#                                       ^^^ string.unquoted.docstring.prometheus-exposition variable.other.normal.shell
# TYPE "backup ${DB} bytes" $KIND
#      ^^^^^^^^ meta.type.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                ^^ entity.name.function.metric.prometheus-exposition variable.other.normal.shell
#                   ^^^^^^^ meta.type.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                           ^^^^^ meta.type.prometheus-exposition variable.other.normal.shell - invalid
# HELP "backup $DB bytes" Spaces and an expansion in the name.
#      ^^^^^^^^ meta.help.prometheus-exposition entity.name.function.metric.prometheus-exposition
#              ^^^ entity.name.function.metric.prometheus-exposition variable.other.normal.shell
#                 ^^^^^^^ entity.name.function.metric.prometheus-exposition
#                         ^^^^^^ string.unquoted.docstring.prometheus-exposition
# HELP "backup.size" Size of $DB.
#      ^^^^^^^^^^^^^ meta.help.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                            ^^^ string.unquoted.docstring.prometheus-exposition variable.other.normal.shell
# TYPE "backup_$DB gauge
#      ^^^^^^^^^^^^^^^^^ meta.type.prometheus-exposition invalid.illegal.metric-name.prometheus-exposition
backup_files_total{""="$JOB"} 3
#                  ^^ meta.embedded.block.prometheus-exposition meta.label-set.prometheus-exposition invalid.illegal.label-name.prometheus-exposition
#                      ^^^^ string.quoted.double.label-value.prometheus-exposition variable.other.normal.shell
EOF
# <--- punctuation.definition.string.heredoc.delimiter.shell

cat <<'PROM' | curl --data-binary @- "$PUSHGATEWAY/metrics/job/backup"
# HELP "backup.size" Size of the \"full\" backup, $HOME is no variable here.
#      ^^^^^^^^^^^^^ meta.embedded.block.prometheus-exposition meta.help.prometheus-exposition entity.name.function.metric.prometheus-exposition
#                                ^^ string.unquoted.docstring.prometheus-exposition constant.character.escape.prometheus-exposition
#                                                 ^^^^^ string.unquoted.docstring.prometheus-exposition - variable.other.normal.shell
# TYPE "backup.size" gauge
#      ^^^^^^^^^^^^^ meta.embedded.block.prometheus-exposition meta.type.prometheus-exposition entity.name.function.metric.prometheus-exposition
"backup.$DB.bytes"{"host.name"="$HOST"} 1
# <------------------ meta.embedded.block.prometheus-exposition meta.sample.prometheus-exposition entity.name.function.metric.prometheus-exposition
#       ^^^ entity.name.function.metric.prometheus-exposition - variable.other.normal.shell
#                  ^^^^^^^^^^^ variable.parameter.label-name.prometheus-exposition
#                                       ^ constant.numeric.value.prometheus-exposition
{"backup.$DB.bytes", "host.name"="$HOST"} 1
# ^^^^^^^^^^^^^^^^^ meta.embedded.block.prometheus-exposition meta.label-set.prometheus-exposition entity.name.function.metric.prometheus-exposition
#        ^^^ entity.name.function.metric.prometheus-exposition - variable.other.normal.shell
#                    ^^^^^^^^^^^ variable.parameter.label-name.prometheus-exposition
#                                ^^^^^^^ string.quoted.double.label-value.prometheus-exposition - variable.other.normal.shell
#                                         ^ constant.numeric.value.prometheus-exposition
PROM
# <---- punctuation.definition.string.heredoc.delimiter.shell
