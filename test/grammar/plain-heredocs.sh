# SYNTAX TEST "source.shell" "heredocs that do not feed a push keep the plain shell scopes"

cat <<EOF > config.yml
#     ^^^ punctuation.definition.string.heredoc.delimiter.shell
metric_x 3
# <---------- string.unquoted.heredoc.no-indent.EOF - meta.embedded.block.prometheus-exposition entity.name.function.metric.prometheus-exposition
EOF
# <--- punctuation.definition.string.heredoc.delimiter.shell

curl -o page.html https://example.com/ <<EOF
# <---- entity.name.command.shell
not_a_push 1
# <------------ string.unquoted.heredoc.no-indent.EOF - meta.embedded.block.prometheus-exposition
EOF

grep -c /metrics/job <<'END'
http://gw:9091/metrics/job/x
# <---------------------------- string.quoted.heredoc.no-indent.END - meta.embedded.block.prometheus-exposition
END

# cat <<EOF | curl --data-binary @- http://gw:9091/metrics/job/commented
# ^^^ comment.line.number-sign.shell
echo "not a heredoc body"
# <---- support.function.builtin.shell - meta.embedded.block.prometheus-exposition

curl --data-binary @- http://gw:9091/metrics/job/x <<< "herestring 1"
#                                                  ^^^ keyword.operator.herestring.shell
next_line=1
# <--------- variable.other.assignment.shell - meta.embedded.block.prometheus-exposition
