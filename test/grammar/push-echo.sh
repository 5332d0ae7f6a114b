# SYNTAX TEST "source.shell" "echo and printf bodies piped to a push are highlighted as exposition"
#!/bin/sh
echo "backup_ok{db=\"orders\"} 1" | curl --data-binary @- http://pushgateway:9091/metrics/job/backup
# <---- support.function.builtin.shell
#    ^ punctuation.definition.string.begin.shell
#     ^^^^^^^^^ meta.embedded.line.prometheus-exposition entity.name.function.metric.prometheus-exposition
#               ^^ variable.parameter.label-name.prometheus-exposition
#                               ^ punctuation.definition.string.end.shell
#                                  ^ - meta.embedded.line.prometheus-exposition
printf '# TYPE backup_seconds gauge\nbackup_seconds %s\n' "$SECONDS" | curl --data-binary @- "$PUSHGATEWAY/metrics/job/backup"
#       ^ punctuation.definition.comment.prometheus-exposition
#         ^^^^ keyword.other.help.prometheus-exposition
#              ^^^^^^^^^^^^^^ entity.name.function.metric.prometheus-exposition
#                             ^^^^^ storage.type.metric-type.prometheus-exposition
#                                  ^^ constant.character.escape.shell
#                                    ^^^^^^^^^^^^^^ entity.name.function.metric.prometheus-exposition
#                                                   ^^ constant.other.placeholder.shell
echo -e "jobs_done $count" | curl --data-binary @- http://pushgateway:9091/metrics/job/jobs
#    ^^ constant.other.option.shell
#        ^^^^^^^^^ entity.name.function.metric.prometheus-exposition
#                  ^^^^^^ meta.embedded.line.prometheus-exposition variable.other.normal.shell
echo "not a push" | grep push
#     ^^^ - entity.name.function.metric.prometheus-exposition
echo "hello world" > /tmp/metrics/job/x
#     ^^^^^ - entity.name.function.metric.prometheus-exposition
