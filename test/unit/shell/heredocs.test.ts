import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  bodyPositionToScript,
  bodyWithPlaceholders,
  findDeleteCommands,
  findMetricHeredocs,
  HeredocPush,
  isMetricDelimiter,
  MetricHeredoc,
  heredocsAt,
  scanDeleteCommands,
  scanMetricHeredocs,
  ScriptLex,
} from '../../../src/core/shell/heredocs';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/shell');

/** Joins lines with "\n" and ends the script with one. */
function script(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

function only(text: string): MetricHeredoc {
  const found = findMetricHeredocs(text);
  assert.equal(found.length, 1, `expected one heredoc, found ${found.length}: ${JSON.stringify(found.map((h) => h.delimiter))}`);
  return found[0];
}

function pushOf(text: string): HeredocPush {
  const heredoc = only(text);
  assert.equal(heredoc.reason, 'push');
  assert.ok(heredoc.push);
  return heredoc.push;
}

/** The text a span covers in the script. */
function spanText(text: string, span: { line: number; start: number; end: number }): string {
  return text.split(/\r?\n/)[span.line].slice(span.start, span.end);
}

describe('shell heredoc finder', () => {
  describe('the README example', () => {
    const text = script(
      'cat <<EOF | curl --data-binary @- http://pushgateway:9091/metrics/job/backup_db/instance/$(hostname)',
      '# TYPE backup_db_size_bytes gauge',
      'backup_db_size_bytes{database="orders"} $size',
      'backup_db_duration_seconds $(( $(date +%s) - started ))',
      'EOF',
    );

    it('finds the heredoc piped into curl, with its body and lines', () => {
      const heredoc = only(text);
      assert.equal(heredoc.delimiter, 'EOF');
      assert.equal(heredoc.quoted, false);
      assert.equal(heredoc.stripsTabs, false);
      assert.deepEqual(heredoc.operatorSpan, { line: 0, start: 4, end: 9 });
      assert.equal(heredoc.bodyStartLine, 1);
      assert.equal(heredoc.terminatorLine, 4);
      assert.equal(heredoc.terminated, true);
      assert.equal(heredoc.body, '# TYPE backup_db_size_bytes gauge\nbackup_db_size_bytes{database="orders"} $size\nbackup_db_duration_seconds $(( $(date +%s) - started ))\n');
      assert.deepEqual(heredoc.bodyColumnOffsets, [0, 0, 0]);
    });

    it('describes the push: POST from --data-binary, URL with its expansion, no grouping key', () => {
      const push = pushOf(text);
      assert.equal(push.tool, 'curl');
      assert.equal(push.method, 'POST');
      assert.equal(push.url, 'http://pushgateway:9091/metrics/job/backup_db/instance/$(hostname)');
      assert.equal(spanText(text, push.urlSpan), push.url);
      assert.equal(push.urlIsLiteral, false);
      assert.deepEqual(push.urlVariables, ['$(hostname)']);
      assert.equal(push.groupingKey, undefined);
      assert.equal(push.readsStdin, true);
      assert.equal(push.stdinOption, '--data-binary');
    });

    it('lists the expansions of the body in script coordinates', () => {
      const heredoc = only(text);
      assert.deepEqual(
        heredoc.expansions.map((e) => ({ text: e.text, kind: e.kind, name: e.name, span: e.span })),
        [
          { text: '$size', kind: 'parameter', name: 'size', span: { line: 2, start: 40, end: 45 } },
          { text: '$(( $(date +%s) - started ))', kind: 'arithmetic', name: undefined, span: { line: 3, start: 27, end: 55 } },
        ],
      );
      for (const expansion of heredoc.expansions) {
        assert.equal(spanText(text, expansion.span), expansion.text);
        assert.equal(heredoc.body.slice(expansion.bodyStart, expansion.bodyEnd), expansion.text);
      }
    });

    it('replaces expansions with zeros of the same length for the linter', () => {
      const placeholder = bodyWithPlaceholders(only(text));
      assert.equal(placeholder, '# TYPE backup_db_size_bytes gauge\nbackup_db_size_bytes{database="orders"} 00000\nbackup_db_duration_seconds ' + '0'.repeat(28) + '\n');
      assert.equal(placeholder.length, only(text).body.length);
    });
  });

  describe('which commands are pushes', () => {
    it('takes a heredoc on curl itself, PUT from -X, the URL in double quotes and a grouping key despite the host variable', () => {
      const text = script('curl -X PUT --data-binary @- "$PUSHGATEWAY/metrics/job/cleanup" <<\'PROM\'', 'cleanup_files_deleted_total 42', 'PROM');
      const heredoc = only(text);
      assert.equal(heredoc.quoted, true);
      assert.equal(heredoc.body, 'cleanup_files_deleted_total 42\n');
      assert.deepEqual(heredoc.push, {
        tool: 'curl',
        method: 'PUT',
        url: '$PUSHGATEWAY/metrics/job/cleanup',
        urlSpan: { line: 0, start: 29, end: 63 },
        urlIsLiteral: false,
        urlVariables: ['PUSHGATEWAY'],
        groupingKey: { job: 'cleanup', labels: {} },
        readsStdin: true,
        stdinOption: '--data-binary',
      });
    });

    it('infers the curl method from its options', () => {
      const cases: [string, 'PUT' | 'POST', string][] = [
        ['curl -XPUT --data-binary @- http://gw/metrics/job/a', 'PUT', '--data-binary'],
        ['curl --request PUT --data-binary @- http://gw/metrics/job/a', 'PUT', '--data-binary'],
        ['curl -sSX put --data-binary @- http://gw/metrics/job/a', 'PUT', '--data-binary'],
        ['curl -T - http://gw/metrics/job/a', 'PUT', '-T'],
        ['curl --upload-file - http://gw/metrics/job/a', 'PUT', '--upload-file'],
        ['curl -X POST -T - http://gw/metrics/job/a', 'POST', '-T'],
        ['curl -d @- http://gw/metrics/job/a', 'POST', '-d'],
        ['curl -sd@- http://gw/metrics/job/a', 'POST', '-d'],
        ['curl --data @/dev/stdin --url http://gw/metrics/job/a', 'POST', '--data'],
        ['/usr/bin/curl --json @- http://gw/metrics/job/a', 'POST', '--json'],
      ];
      for (const [command, method, option] of cases) {
        const push = pushOf(script(`${command} <<EOF`, 'a 1', 'EOF'));
        assert.equal(push.method, method, command);
        assert.equal(push.stdinOption, option, command);
        assert.equal(push.url, 'http://gw/metrics/job/a', command);
      }
    });

    it('reports a PUT that does not read the heredoc, and ignores a plain GET', () => {
      const put = pushOf(script('curl -X PUT http://gw/metrics/job/a <<EOF', 'a 1', 'EOF'));
      assert.equal(put.readsStdin, false);
      assert.equal(put.stdinOption, undefined);
      assert.deepEqual(findMetricHeredocs(script('curl http://gw/metrics/job/a <<EOF', 'a 1', 'EOF')), []);
    });

    it('does not take an option argument or a redirection target for the URL', () => {
      const push = pushOf(script('curl -o /tmp/metrics/job.log --data-binary @- "http://gw/metrics/job/a" > /tmp/metrics/job.out <<EOF', 'a 1', 'EOF'));
      assert.equal(push.url, 'http://gw/metrics/job/a');
    });

    it('follows a command over lines ending in a backslash; the body starts after the last of them', () => {
      const text = script('cat <<EOF | curl -fsS --data-binary @- \\', '    http://gw:9091/metrics/job/nightly \\', '    -H "X-Run: 1"', 'a 1', 'EOF');
      const heredoc = only(text);
      assert.equal(heredoc.bodyStartLine, 3);
      assert.equal(heredoc.body, 'a 1\n');
      assert.deepEqual(heredoc.push?.urlSpan, { line: 1, start: 4, end: 38 });
    });

    it('continues a pipeline after a trailing | on the next line, past the body', () => {
      const text = script('cat <<EOF |', 'a 1', 'EOF', 'curl --data-binary @- http://gw/metrics/job/a');
      const heredoc = only(text);
      assert.equal(heredoc.body, 'a 1\n');
      assert.equal(heredoc.push?.urlSpan.line, 3);
    });

    it('follows the pipe through other commands, but not into a command with its own stdin', () => {
      const gzip = pushOf(script("cat <<EOF | gzip | curl -H 'Content-Encoding: gzip' --data-binary @- http://gw/metrics/job/a", 'a 1', 'EOF'));
      assert.equal(gzip.url, 'http://gw/metrics/job/a');
      assert.deepEqual(findMetricHeredocs(script('cat <<EOF | curl --data-binary @- http://gw/metrics/job/a < saved.prom', 'a 1', 'EOF')), []);
      assert.deepEqual(findMetricHeredocs(script('curl --data-binary @- http://gw/metrics/job/a | cat <<EOF', 'a 1', 'EOF')), []);
    });

    it('follows the output of a { ...; } or ( ... ) group into the command it is piped to', () => {
      const braces = script('{', '  cat <<EOF', 'a 1', 'EOF', '  echo "b 1"', '} | curl --data-binary @- http://gw/metrics/job/a');
      assert.equal(pushOf(braces).urlSpan.line, 5);
      assert.equal(pushOf(script('( cat <<EOF ) | curl -T - http://gw/metrics/job/a', 'a 1', 'EOF')).method, 'PUT');
      assert.equal(pushOf(script('if true; then { cat <<EOF; }; fi', 'a 1', 'EOF', '{ cat <<EOF; } | curl -T - http://gw/metrics/job/b', 'b 1', 'EOF')).url, 'http://gw/metrics/job/b');
      assert.deepEqual(findMetricHeredocs(script('{ cat <<EOF; } > saved.prom', 'a 1', 'EOF', 'curl -T - http://gw/metrics/job/a < saved.prom')), []);
      assert.deepEqual(findMetricHeredocs(script('{ cat <<EOF > saved.prom; echo "b 1"; } | curl -T - http://gw/metrics/job/a', 'a 1', 'EOF')), []);
    });

    it('finds a push inside a command substitution', () => {
      const text = script('response=$(curl -s --data-binary @- http://gw/metrics/job/a <<EOF', 'a 1', 'EOF', ')', 'echo "$response"');
      const heredoc = only(text);
      assert.equal(heredoc.body, 'a 1\n');
      assert.equal(heredoc.terminatorLine, 2);
      assert.equal(heredoc.push?.url, 'http://gw/metrics/job/a');
    });

    it('recognises wget pushes', () => {
      const post = pushOf(script('wget -qO- --post-file=- http://gw/metrics/job/a <<EOF', 'a 1', 'EOF'));
      assert.deepEqual([post.tool, post.method, post.stdinOption], ['wget', 'POST', '--post-file']);
      const put = pushOf(script('cat <<EOF | wget --method=PUT --body-file=/dev/stdin -O /dev/null http://gw/metrics/job/a', 'a 1', 'EOF'));
      assert.deepEqual([put.tool, put.method, put.stdinOption], ['wget', 'PUT', '--body-file']);
    });

    it('recognises httpie pushes: METHOD word, or POST for a body on stdin', () => {
      const put = pushOf(script('http --check-status PUT gw:9091/metrics/job/a <<EOF', 'a 1', 'EOF'));
      assert.deepEqual([put.tool, put.method, put.url, put.readsStdin], ['http', 'PUT', 'gw:9091/metrics/job/a', true]);
      const post = pushOf(script('cat <<EOF | https :9091/metrics/job/a', 'a 1', 'EOF'));
      assert.deepEqual([post.tool, post.method, post.groupingKey], ['http', 'POST', { job: 'a', labels: {} }]);
      const ignored = pushOf(script('http --ignore-stdin POST gw/metrics/job/a <<EOF', 'a 1', 'EOF'));
      assert.equal(ignored.readsStdin, false);
    });

    it('returns heredocs with a metrics-like delimiter even without a push, and nothing else', () => {
      const text = script(
        'cat <<EOF > config.yml',
        'url: http://gw/metrics/job/a',
        'EOF',
        'cat <<-PROM_EOF > /var/lib/node_exporter/backup.prom',
        '\tbackup_ok 1',
        '\tPROM_EOF',
        'grep -v x <<Metrics',
        'a 1',
        'Metrics',
      );
      const found = findMetricHeredocs(text);
      assert.deepEqual(
        found.map((h) => [h.delimiter, h.reason, h.push]),
        [
          ['PROM_EOF', 'delimiter', undefined],
          ['Metrics', 'delimiter', undefined],
        ],
      );
      assert.ok(['PROM', 'PROMETHEUS', 'METRICS', 'METRICS_EOF', 'end_metrics'].every(isMetricDelimiter));
      assert.ok(!['EOF', 'END', 'DATA'].some(isMetricDelimiter));
    });

    it('does not take a heredoc on another file descriptor for stdin', () => {
      const heredoc = only(script('curl --data-binary @- http://gw/metrics/job/a 3<<PROM', 'a 1', 'PROM'));
      assert.equal(heredoc.reason, 'delimiter');
      assert.equal(heredoc.bodyStartLine, 1);
    });
  });

  describe('several heredocs', () => {
    it('reads the bodies of `cmd <<A <<B` in order; only the last one is stdin', () => {
      const text = script('cat <<PROM_A <<PROM_B | curl --data-binary @- http://gw/metrics/job/a', 'a 1', 'PROM_A', 'b 1', 'PROM_B', 'echo done');
      const [first, second] = findMetricHeredocs(text);
      assert.deepEqual([first.body, first.bodyStartLine, first.terminatorLine, first.reason], ['a 1\n', 1, 2, 'delimiter']);
      assert.deepEqual([second.body, second.bodyStartLine, second.terminatorLine, second.reason], ['b 1\n', 3, 4, 'push']);
      assert.equal(findMetricHeredocs(text).length, 2);
    });

    it('separates two pipelines on one line', () => {
      const text = script('cat <<A | curl --data-binary @- http://gw/metrics/job/a; cat <<B | curl -T - http://gw/metrics/job/b', 'a 1', 'A', 'b 1', 'B');
      assert.deepEqual(
        findMetricHeredocs(text).map((h) => [h.body, h.push?.method, h.push?.groupingKey?.job]),
        [
          ['a 1\n', 'POST', 'a'],
          ['b 1\n', 'PUT', 'b'],
        ],
      );
    });
  });

  describe('what is not a heredoc', () => {
    it('skips here-strings', () => {
      assert.deepEqual(findMetricHeredocs(script('curl --data-binary @- http://gw/metrics/job/a <<< "$METRICS"', 'PROM')), []);
    });

    it('skips << in quotes, comments, backquotes and arithmetic, and still finds the real heredoc after them', () => {
      const text = script(
        'echo \'cat <<PROM\' "<<PROM" # <<PROM',
        'x=$((1<<2)); (( y = x << 3 ))',
        'echo "$((1 << 4))" `echo <<<x`',
        'curl --data-binary @- http://gw/metrics/job/a <<EOF',
        'a 1',
        'EOF',
      );
      const heredoc = only(text);
      assert.equal(heredoc.bodyStartLine, 4);
      assert.equal(heredoc.body, 'a 1\n');
    });

    it('does not read lines of a heredoc body as commands', () => {
      const text = script('cat <<EOF > notes.txt', "curl --data-binary @- http://gw/metrics/job/a <<PROM it's", 'EOF', 'echo done');
      assert.deepEqual(findMetricHeredocs(text), []);
    });
  });

  describe('delimiters and terminators', () => {
    it('accepts every quoting form of the delimiter and then keeps the body literal', () => {
      for (const word of ["'EOF'", '"EOF"', '\\EOF', 'E"O"F', "'E'OF", "$'EOF'"]) {
        const heredoc = only(script(`curl --data-binary @- http://gw/metrics/job/a <<${word}`, 'a{x="\\$y"} $HOME', 'EOF'));
        assert.equal(heredoc.delimiter, 'EOF', word);
        assert.equal(heredoc.quoted, true, word);
        assert.equal(heredoc.body, 'a{x="\\$y"} $HOME\n', word);
        assert.deepEqual(heredoc.expansions, [], word);
      }
    });

    it('spans the whole operator token, blanks and quotes included', () => {
      const text = script("curl -T - http://gw/metrics/job/a <<- 'PROM' # push", '\ta 1', '\tPROM');
      assert.equal(spanText(text, only(text).operatorSpan), "<<- 'PROM'");
    });

    it('strips leading tabs, not spaces, for <<- from body lines and from the delimiter line', () => {
      const text = script('curl -T - http://gw/metrics/job/a <<-EOF', '\t\ta 1', '  \tb 1', '    EOF', '\t EOF', '\tEOF', 'echo after');
      const heredoc = only(text);
      assert.equal(heredoc.body, 'a 1\n  \tb 1\n    EOF\n EOF\n');
      assert.deepEqual(heredoc.bodyColumnOffsets, [2, 0, 0, 1]);
      assert.equal(heredoc.terminatorLine, 5);
      assert.deepEqual(bodyPositionToScript(heredoc, 0, 2), { line: 1, column: 4 });
      assert.deepEqual(bodyPositionToScript(heredoc, 3, 1), { line: 4, column: 2 });
    });

    it('only matches a delimiter line exactly: trailing spaces or other text do not end the body', () => {
      const heredoc = only(script('curl -T - http://gw/metrics/job/a <<EOF', 'a 1', 'EOF ', ' EOF', 'EOFX', 'EOF'));
      assert.equal(heredoc.body, 'a 1\nEOF \n EOF\nEOFX\n');
      assert.equal(heredoc.terminatorLine, 5);
    });

    it('runs an unterminated heredoc to the end of the script, with or without a final line break', () => {
      for (const text of ['curl -T - http://gw/metrics/job/a <<EOF\na 1\nb 2\n', 'curl -T - http://gw/metrics/job/a <<EOF\na 1\nb 2']) {
        const heredoc = only(text);
        assert.equal(heredoc.terminated, false);
        assert.equal(heredoc.bodyStartLine, 1);
        assert.equal(heredoc.terminatorLine, 3);
        assert.equal(heredoc.body, 'a 1\nb 2\n');
      }
      const last = only('curl -T - http://gw/metrics/job/a <<EOF');
      assert.deepEqual([last.bodyStartLine, last.terminatorLine, last.terminated, last.body], [1, 1, false, '']);
    });

    it('treats CRLF as a line break: no "\\r" in body, URL or delimiter, and columns unchanged', () => {
      const text = 'cat <<EOF | curl --data-binary @- http://gw/metrics/job/a\r\n\ta{x="y"} $v\r\nb \\\r\n2\r\nEOF\r\necho "<<PROM"\r\n';
      const heredoc = only(text);
      assert.equal(heredoc.terminated, true);
      assert.equal(heredoc.terminatorLine, 4);
      assert.equal(heredoc.body, '\ta{x="y"} $v\nb 2\n');
      assert.equal(heredoc.push?.url, 'http://gw/metrics/job/a');
      assert.deepEqual(heredoc.push?.groupingKey, { job: 'a', labels: {} });
      assert.deepEqual(heredoc.expansions[0].span, { line: 1, start: 10, end: 12 });
      assert.deepEqual(bodyPositionToScript(heredoc, 1, 2), { line: 3, column: 0 });
    });
  });

  describe('expansions', () => {
    it('finds parameters: names, braces with nested defaults, positional and special ones', () => {
      const body = 'a{h="$HOST",d="${DB}",x="${X:-${Y:-{z}}}",n="${#LIST[@]}"} $1 $@ $? $$ $10';
      const heredoc = only(script('curl -T - http://gw/metrics/job/a <<EOF', body, 'EOF'));
      assert.deepEqual(
        heredoc.expansions.map((e) => [e.text, e.name]),
        [
          ['$HOST', 'HOST'],
          ['${DB}', 'DB'],
          ['${X:-${Y:-{z}}}', 'X'],
          ['${#LIST[@]}', 'LIST'],
          ['$1', '1'],
          ['$@', '@'],
          ['$?', '?'],
          ['$$', '$'],
          ['$1', '1'],
        ],
      );
    });

    it('finds command substitutions with nested parentheses and quotes, backquotes and arithmetic', () => {
      const body = `a $(echo "x)" | tr -d ')' | (cat)) \`date +%s\` $((1 + (2 * 3))) $(printf '%s' "$(id -u)")`;
      const heredoc = only(script('curl -T - http://gw/metrics/job/a <<EOF', body, 'EOF'));
      assert.deepEqual(
        heredoc.expansions.map((e) => [e.text, e.kind]),
        [
          [`$(echo "x)" | tr -d ')' | (cat))`, 'command'],
          ['`date +%s`', 'backtick'],
          ['$((1 + (2 * 3)))', 'arithmetic'],
          [`$(printf '%s' "$(id -u)")`, 'command'],
        ],
      );
    });

    it('leaves a $ that starts no expansion alone', () => {
      const heredoc = only(script('curl -T - http://gw/metrics/job/a <<EOF', 'price{currency="$"} 5', 'a $ 1 $"x" $/', 'EOF'));
      assert.deepEqual(heredoc.expansions, []);
      assert.equal(bodyWithPlaceholders(heredoc), heredoc.body);
    });

    it('removes the backslash of \\$, \\` and \\\\ as the shell does, keeps \\" and \\n, and maps columns past it', () => {
      const text = script('curl -T - http://gw/metrics/job/a <<EOF', 'cost{c="\\$",p="C:\\\\x",q="\\"",n="\\n"} $v', 'EOF');
      const heredoc = only(text);
      assert.equal(heredoc.body, 'cost{c="$",p="C:\\x",q="\\"",n="\\n"} $v\n');
      assert.deepEqual(
        heredoc.expansions.map((e) => [e.text, e.span, e.bodyStart]),
        [['$v', { line: 1, start: 37, end: 39 }, 35]],
      );
      assert.deepEqual(bodyPositionToScript(heredoc, 0, 8), { line: 1, column: 9 }, 'the $ after the removed backslash');
      assert.deepEqual(bodyPositionToScript(heredoc, 0, 35), { line: 1, column: 37 });
      assert.equal(bodyWithPlaceholders(heredoc), 'cost{c="$",p="C:\\x",q="\\"",n="\\n"} 00\n');
    });

    it('joins lines ending in a backslash in unquoted bodies (not in quoted ones) and maps the joined part', () => {
      const lines = ['a{x="1"} \\', '  2 \\\\', 'b $(echo \\', 'x) 3', 'EO\\', 'F', 'echo after'];
      const unquoted = only(script('curl -T - http://gw/metrics/job/a <<EOF', ...lines));
      assert.equal(unquoted.body, 'a{x="1"}   2 \\\nb $(echo x) 3\n');
      assert.equal(unquoted.terminatorLine, 5);
      assert.deepEqual(bodyPositionToScript(unquoted, 0, 11), { line: 2, column: 2 });
      assert.deepEqual(bodyPositionToScript(unquoted, 1, 13), { line: 4, column: 4 });
      assert.deepEqual(
        unquoted.expansions.map((e) => [e.text, e.span]),
        [['$(echo x)', { line: 3, start: 2, end: 10 }]],
      );
      const quoted = only(script("curl -T - http://gw/metrics/job/a <<'EOF'", 'a \\', 'EOF', 'echo after'));
      assert.equal(quoted.body, 'a \\\n');
    });

    it('cuts a multi-line expansion at the end of its first line and keeps its line breaks in placeholders', () => {
      const text = script('curl -T - http://gw/metrics/job/a <<EOF', 'a $(date', ' +%s) 1', 'EOF');
      const heredoc = only(text);
      assert.deepEqual(heredoc.expansions[0].span, { line: 1, start: 2, end: 8 });
      assert.equal(heredoc.expansions[0].text, '$(date\n +%s)');
      assert.equal(bodyWithPlaceholders(heredoc), 'a 000000\n00000 1\n');
    });
  });

  describe('URLs and grouping keys', () => {
    function keyOf(url: string): HeredocPush['groupingKey'] {
      return pushOf(script(`curl --data-binary @- ${url} <<EOF`, 'a 1', 'EOF')).groupingKey;
    }

    it('reads labels, base64 values and route prefixes; drops the query string', () => {
      assert.deepEqual(keyOf('http://gw:9091/metrics/job/backup/instance/db-1?x=1#f'), { job: 'backup', labels: { instance: 'db-1' } });
      assert.deepEqual(keyOf("'https://gw/pgw/metrics/job@base64/L3Zhci9sb2c/path@base64/=/'"), undefined);
      assert.deepEqual(keyOf("'https://gw/pgw/metrics/job@base64/L3Zhci9sb2c/path@base64/='"), { job: '/var/log', labels: { path: '' } });
    });

    it('keeps the key when only the host is an expansion, drops it when the path has one', () => {
      assert.deepEqual(keyOf('"http://$HOST:9091/metrics/job/a"'), { job: 'a', labels: {} });
      assert.deepEqual(keyOf('"${PGW:-http://gw:9091}/metrics/job/a/env/prod"'), { job: 'a', labels: { env: 'prod' } });
      assert.equal(keyOf('"$PGW/metrics/job/$JOB"'), undefined);
      assert.equal(keyOf('"http://gw/metrics/job/a/instance/${HOSTNAME}"'), undefined);
    });

    it('treats single-quoted dollars as literal text', () => {
      const push = pushOf(script("curl --data-binary @- 'http://gw/metrics/job/a/x/$y' <<EOF", 'a 1', 'EOF'));
      assert.deepEqual([push.url, push.urlIsLiteral, push.urlVariables, push.groupingKey], ['http://gw/metrics/job/a/x/$y', true, [], { job: 'a', labels: { x: '$y' } }]);
    });
  });

  describe('ScriptLex', () => {
    const text = script('read -d "" M <<EOF', 'a 1', 'EOF', 'cat <<EOF | curl --data-binary @- http://gw/metrics/job/a', 'b 1', 'EOF', 'curl -X DELETE http://gw/metrics/job/a');

    it('is lexed once, on first use, and every finder given it finds what it finds in the text', () => {
      const lex = new ScriptLex(text);
      const heredocs = findMetricHeredocs(lex);
      const first = lex.lex;
      assert.deepEqual(heredocs, findMetricHeredocs(text));
      assert.deepEqual(findDeleteCommands(lex), findDeleteCommands(text));
      assert.deepEqual(heredocsAt(lex, new Set([text.indexOf('<<')])), heredocsAt(text, new Set([text.indexOf('<<')])));
      assert.equal(heredocsAt(lex, new Set([text.indexOf('<<')])).length, 1);
      assert.equal(lex.lex, first, 'lexed again');
    });
  });

  describe('findDeleteCommands', () => {
    it('finds curl -X DELETE in its spellings, with its grouping key', () => {
      const text = script(
        'curl -X DELETE http://gw/metrics/job/a/instance/b',
        'curl -sXDELETE "$PGW/metrics/job/c"',
        'if true; then curl --request DELETE \\',
        '  http://gw/metrics/job/d; fi',
        'curl -X PUT --data-binary @- http://gw/metrics/job/e < x.prom',
        'curl -X DELETE http://gw/api/v1/admin/wipe',
      );
      assert.deepEqual(findDeleteCommands(text), [
        {
          tool: 'curl',
          url: 'http://gw/metrics/job/a/instance/b',
          urlSpan: { line: 0, start: 15, end: 49 },
          line: 0,
          urlIsLiteral: true,
          urlVariables: [],
          groupingKey: { job: 'a', labels: { instance: 'b' } },
        },
        { tool: 'curl', url: '$PGW/metrics/job/c', urlSpan: { line: 1, start: 15, end: 35 }, line: 1, urlIsLiteral: false, urlVariables: ['PGW'], groupingKey: { job: 'c', labels: {} } },
        { tool: 'curl', url: 'http://gw/metrics/job/d', urlSpan: { line: 3, start: 2, end: 25 }, line: 2, urlIsLiteral: true, urlVariables: [], groupingKey: { job: 'd', labels: {} } },
      ]);
    });

    it('finds wget and httpie deletes, and ignores DELETE text in heredoc bodies', () => {
      const text = script('wget --method=DELETE -O- http://gw/metrics/job/a', 'http DELETE :9091/metrics/job/b', 'cat <<EOF', 'curl -X DELETE http://gw/metrics/job/c', 'EOF');
      assert.deepEqual(
        findDeleteCommands(text).map((d) => [d.tool, d.url]),
        [
          ['wget', 'http://gw/metrics/job/a'],
          ['http', ':9091/metrics/job/b'],
        ],
      );
    });
  });

  describe('a realistic script', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'nightly-backup.sh'), 'utf8');

    it('finds the two pushes and the textfile heredoc, skipping the config heredoc', () => {
      const found = findMetricHeredocs(text);
      assert.deepEqual(
        found.map((h) => [h.delimiter, h.reason, h.push?.method, h.push?.groupingKey]),
        [
          ['PROM', 'push', 'PUT', undefined],
          ['EOF', 'push', 'POST', { job: 'backup_db', labels: { database: 'orders' } }],
          ['METRICS', 'delimiter', undefined, undefined],
        ],
      );
      const main = found[1];
      assert.ok(main.body.endsWith('backup_db_cost_dollars{currency="$"} 0.02\n'));
      assert.deepEqual(
        main.expansions.map((e) => e.text),
        ['$size', '$(( $(date +%s) - started ))'],
      );
      assert.deepEqual(
        findDeleteCommands(text).map((d) => d.url),
        ['$PUSHGATEWAY/metrics/job/backup_db_legacy'],
      );
    });
  });

  describe('robustness', function () {
    // These assert results on 5 MB inputs, not speed (a quadratic lexer would take hours).
    const FIVE_MB = 5 * 1024 * 1024;

    it('lexes a 5 MB line of $((((( inside a body as one unterminated expansion', () => {
      const junk = '$((((('.repeat(FIVE_MB / 6);
      const heredoc = only(`cat <<PROM | curl --data-binary @- http://gw/metrics/job/a\nx ${junk}\nPROM\n`);
      assert.equal(heredoc.terminated, true);
      assert.equal(heredoc.body.length, junk.length + 3);
      assert.equal(heredoc.expansions.length, 1);
      assert.equal(heredoc.expansions[0].bodyEnd, heredoc.body.length);
    });

    it('lexes a 5 MB line of <<<<<< or $($($( as script text', () => {
      const heredoc = only(`${'<'.repeat(FIVE_MB)}\ncurl -T - http://gw/metrics/job/a <<EOF\na 1\nEOF\n`);
      assert.equal(heredoc.body, 'a 1\n');
      assert.deepEqual(findMetricHeredocs(`echo ${'$('.repeat(FIVE_MB / 2)}\ncurl -T - http://gw/metrics/job/a <<EOF\na 1\nEOF\n`), []);
      assert.equal(findMetricHeredocs(`${'cat <<PROM '.repeat(50_000)}\n`).length, 50_000);
    });

    it('never throws and keeps its invariants on random shell-like text', () => {
      const pieces = [
        '<<',
        '<<-',
        '<<<',
        'PROM',
        'EOF',
        "'",
        '"',
        '\\',
        '$',
        '(',
        ')',
        '{',
        '}',
        '`',
        '|',
        ';',
        '#',
        '\n',
        '\r',
        '\r\n',
        '\t',
        ' ',
        'curl -T - http://gw/metrics/job/a ',
        'curl -X DELETE gw/metrics/job/b ',
        'x',
        '$((',
        '$(',
        '${',
        '<(',
        'case',
        'esac',
        '3',
      ];
      let seed = 42;
      const random = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      for (let round = 0; round < 400; round++) {
        let text = '';
        for (let k = random(60); k >= 0; k--) {
          text += pieces[random(pieces.length)];
        }
        for (const heredoc of scanMetricHeredocs(text)) {
          assert.equal(bodyWithPlaceholders(heredoc).length, heredoc.body.length, JSON.stringify(text));
          assert.ok(heredoc.body === '' || heredoc.body.endsWith('\n'), JSON.stringify(text));
          assert.ok(heredoc.bodyStartLine <= heredoc.terminatorLine, JSON.stringify(text));
          for (const expansion of heredoc.expansions) {
            assert.equal(heredoc.body.slice(expansion.bodyStart, expansion.bodyEnd), expansion.text, JSON.stringify(text));
            assert.ok(expansion.span.start <= expansion.span.end, JSON.stringify(text));
          }
        }
        scanDeleteCommands(text);
      }
    });
  });
});
