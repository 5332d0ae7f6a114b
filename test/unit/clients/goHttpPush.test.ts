import * as assert from 'node:assert/strict';
import { lintClientCode } from '../../../src/core/clients/clientMetricLint';
import { httpPushGroupingLabels } from '../../../src/core/clients/clientSite';
import { GO_CLIENT } from '../../../src/core/clients/go';
import { goString, goStringBody } from '../../../src/core/clients/goStrings';
import { bodyText, MappedBody } from '../../../src/core/shell/tree/mappedBody';
import { clientCodeReader } from '../../support/clientCode';

describe('Go pushes sent with net/http', () => {
  const { analyse, firstString } = clientCodeReader('go', GO_CLIENT, ['interpreted_string_literal', 'raw_string_literal']);
  const positions = (body: MappedBody | undefined) => (body ?? []).map(({ char, line, column }) => [char, line, column]);

  it('finds http.Post and http.NewRequest(WithContext) to a group URL, under an alias, and no other call', () => {
    const { httpPushes } = analyse([
      'package main',
      'import (',
      '  "bytes"',
      '  web "net/http"',
      '  "strings"',
      ')',
      'const gateway = "http://gw:9091/metrics/job/backup"',
      'func main() {',
      '  web.Post(gateway, "text/plain", strings.NewReader("a 1\\n"))',
      '  req, _ := web.NewRequest(web.MethodPut, "http://gw:9091/metrics/job/etl/instance/w1", bytes.NewBuffer([]byte(`b 2',
      '`)))',
      '  web.NewRequestWithContext(ctx, "POST", fmt.Sprintf("%s/metrics/job/%s", gw, job), body)',
      '  web.Post("https://api.example.com/v1/events", "text/plain", strings.NewReader("x"))',
      '  web.NewRequest(web.MethodDelete, "http://gw:9091/metrics/job/etl", nil)',
      '  web.NewRequest("put", "http://gw:9091/metrics/job/etl", nil)',
      '  other.Post("http://gw:9091/metrics/job/etl", "text/plain", strings.NewReader("d 4\\n"))',
      '  _ = req',
      '}',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.call, push.method, push.url.text, push.url.value, push.body && bodyText(push.body), push.bodyLines]),
      [
        [8, 'http.Post', 'POST', 'gateway', 'http://gw:9091/metrics/job/backup', 'a 1\n', { start: 8, end: 8 }],
        [9, 'http.NewRequest', 'PUT', 'http://gw:9091/metrics/job/etl/instance/w1', 'http://gw:9091/metrics/job/etl/instance/w1', 'b 2\n', { start: 9, end: 10 }],
        [11, 'http.NewRequestWithContext', 'POST', 'fmt.Sprintf("%s/metrics/job/%s", gw, job)', undefined, undefined, { start: 11, end: 11 }],
      ],
    );
  });

  it('reads a body given to a name, through bytes.NewBufferString and bytes.NewReader([]byte(...)), and a method given to a name', () => {
    const { httpPushes } = analyse([
      'package main',
      'import ("bytes"; "net/http")',
      'func main() {',
      '  body := "a 1\\n"',
      '  method := http.MethodPut',
      '  http.NewRequest(method, "http://gw:9091/metrics/job/a", bytes.NewBufferString(body))',
      '  payload := []byte("b 2\\n")',
      '  http.Post("http://gw:9091/metrics/job/b", "text/plain", bytes.NewReader(payload))',
      '  http.NewRequest(verb, "http://gw:9091/metrics/job/c", nil)',
      '}',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.method, push.body && bodyText(push.body)]),
      [
        [5, 'PUT', 'a 1\n'],
        [7, 'POST', 'b 2\n'],
        [8, undefined, undefined],
      ],
    );
  });

  it('lints a body where the code writes it, with the grouping labels of its URL', () => {
    const code = analyse([
      'package main',
      'import ("net/http"; "strings")',
      'func main() {',
      '  http.Post("http://gw:9091/metrics/job/etl/instance/w1", "text/plain", strings.NewReader("# TYPE rows gauge\\nrows{instance=\\"x\\"} 1\\n"))',
      '}',
    ]);
    assert.deepEqual(code.httpPushes.map(httpPushGroupingLabels), [{ job: 'etl', instance: 'w1' }]);
    const findings = lintClientCode('go', code, { severities: { 'no-help': 'off' } }).map((finding) => `${finding.span.line}:${finding.span.start}-${finding.span.end} ${finding.code}`);
    // The body's text starts at column 91; `rows{instance=` after the escaped new-line at 110.
    assert.deepEqual(findings, ['3:115-123 url-label-in-body']);
  });

  it('reads a URL concatenated of literals and names: its value when all are spelled out, else a template that still gives the labels', () => {
    const { httpPushes } = analyse([
      'package main',
      'import ("net/http"; "strings")',
      'const gw = "http://gw:9091"',
      'func push(host string) {',
      '  http.Post(gw+"/metrics/job/etl/instance/"+host, "text/plain", strings.NewReader("a 1\\n"))',
      '  http.Post((gw + "/metrics/job/etl"), "text/plain", strings.NewReader("a 1\\n"))',
      '  http.Post(base()+"/metrics/job/{x}", "text/plain", nil)',
      '}',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.url.text, push.url.value, httpPushGroupingLabels(push)]),
      [
        ['http://gw:9091/metrics/job/etl/instance/{host}', undefined, { job: 'etl', instance: '{host}' }],
        ['(gw + "/metrics/job/etl")', 'http://gw:9091/metrics/job/etl', { job: 'etl' }],
        ['{base()}/metrics/job/{{x}}', undefined, { job: '{x}' }],
      ],
    );
  });

  it("follows a name only to what the reading function (or the package) gives it: not a parameter, another function's variable, nor a value changed by +=", () => {
    const { httpPushes } = analyse([
      'package main',
      'import ("net/http"; "strings")',
      'func a() {',
      '  body := `{"k": 1}`',
      '  url := "http://gw:9091/metrics/job/a"',
      '  _, _ = body, url',
      '}',
      'func b(body string) {',
      '  http.Post("http://gw:9091/metrics/job/b", "text/plain", strings.NewReader(body))',
      '}',
      'func c(url string) {',
      '  http.Post(url, "text/plain", nil)',
      '}',
      'func d() {',
      '  body := "# TYPE x gauge\\n"',
      '  body += "x 1\\n"',
      '  url := "http://gw:9091"',
      '  url += "/metrics/job/d"',
      '  http.Post("http://gw:9091/metrics/job/d", "text/plain", strings.NewReader(body))',
      '  http.Post(url, "text/plain", nil)',
      '}',
      'func e() {',
      '  url := gateway + "/metrics/job/e/instance/" + host',
      '  http.Post(url, "text/plain", strings.NewReader(payload))',
      '  http.Post(("http://gw:9091/metrics/job/e"), "text/plain", nil)',
      '  http.Post(gateway+groupPath, "text/plain", nil)',
      '}',
      'func g(payload string) {',
      '  http.Post("http://gw:9091/metrics/job/g", "text/plain", strings.NewReader(payload))',
      '}',
      'const gateway = "http://gw:9091"',
      'const groupPath = "/metrics/job/f"',
      'const payload = "e 1\\n"',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.url.value ?? push.url.text, push.body && bodyText(push.body), httpPushGroupingLabels(push)]),
      [
        [8, 'http://gw:9091/metrics/job/b', undefined, { job: 'b' }],
        [18, 'http://gw:9091/metrics/job/d', undefined, { job: 'd' }],
        [23, 'http://gw:9091/metrics/job/e/instance/{host}', 'e 1\n', { job: 'e', instance: '{host}' }],
        [24, 'http://gw:9091/metrics/job/e', undefined, { job: 'e' }],
        [25, 'http://gw:9091/metrics/job/f', undefined, { job: 'f' }],
        [28, 'http://gw:9091/metrics/job/g', undefined, { job: 'g' }],
      ],
    );
  });

  it('reads interpreted and raw literals as Go does, each character where it is written', () => {
    assert.equal(
      firstString('package main\nvar s = "a\\tb\\x41\\u00e9\\101\\\\\\"\\q"\n', (node) => goString(node)),
      'a\tbAé' + 'A\\"\\q',
    );
    assert.equal(
      firstString('package main\nvar s = `a\\n\r\nb`\n', (node) => goString(node)),
      'a\\n\nb',
    );
    assert.deepEqual(positions(firstString('package main\nvar s = "x\\ny"\n', goStringBody)), [
      ['x', 1, 9],
      ['\n', 1, 10],
      ['y', 1, 12],
    ]);
    assert.deepEqual(positions(firstString('package main\nvar s = `x\ny`\n', goStringBody)), [
      ['x', 1, 9],
      ['\n', 1, 10],
      ['y', 2, 0],
    ]);
  });
});
