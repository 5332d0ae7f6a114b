import * as assert from 'node:assert/strict';
import { lintClientCode } from '../../../src/core/clients/clientMetricLint';
import { httpPushGroupingLabels } from '../../../src/core/clients/clientSite';
import { PYTHON_CLIENT } from '../../../src/core/clients/python';
import { pythonStringBody, pythonStringValue } from '../../../src/core/clients/pythonStrings';
import { bodyText } from '../../../src/core/shell/tree/mappedBody';
import { clientCodeReader } from '../../support/clientCode';

describe('Python pushes sent with requests or httpx', () => {
  // A string literal, or adjacent literals.
  const { analyse, firstString } = clientCodeReader('python', PYTHON_CLIENT, ['concatenated_string', 'string']);

  it('finds requests and httpx posts and puts to a group URL, under their aliases, and no other call', () => {
    const { httpPushes } = analyse([
      'import requests',
      'import httpx as hx',
      'from requests import put as send',
      'GATEWAY = "http://gw:9091"',
      'requests.post(f"{GATEWAY}/metrics/job/etl", data="a 1\\n")',
      'hx.put(url=GATEWAY + "/metrics/job/etl/instance/w1", content=b"b 2\\n")',
      'send("http://gw:9091/metrics/job/etl", "c 3\\n")',
      'requests.post("https://api.example.com/v1/events", data="x")',
      'requests.get("http://gw:9091/metrics/job/etl")',
      'other.post("http://gw:9091/metrics/job/etl", data="d 4\\n")',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.call, push.method, push.url.text, push.url.value, push.body && bodyText(push.body)]),
      [
        [4, 'requests.post', 'POST', '{GATEWAY}/metrics/job/etl', undefined, 'a 1\n'],
        [5, 'httpx.put', 'PUT', 'GATEWAY + "/metrics/job/etl/instance/w1"', undefined, 'b 2\n'],
        [6, 'requests.put', 'PUT', 'http://gw:9091/metrics/job/etl', 'http://gw:9091/metrics/job/etl', 'c 3\n'],
      ],
    );
  });

  it('finds request(method, url) of requests and httpx with a PUT or POST, in any case, and no other method', () => {
    const { httpPushes } = analyse([
      'import requests, httpx',
      'requests.request("put", "http://gw:9091/metrics/job/a", data="a 1\\n")',
      'httpx.request("POST", "http://gw:9091/metrics/job/b", content="b 2\\n")',
      'requests.request("DELETE", "http://gw:9091/metrics/job/c")',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.call, push.method, push.body && bodyText(push.body)]),
      [
        [1, 'requests.request', 'PUT', 'a 1\n'],
        [2, 'httpx.request', 'POST', 'b 2\n'],
      ],
    );
  });

  it('reads the grouping labels of a URL written as an f-string when its path names them literally', () => {
    const code = analyse([
      'import requests',
      'def report(host, value):',
      '    requests.put(f"{GW}/metrics/job/etl/instance@base64/{host}", data=f"etl_rows{{instance=\\"x\\"}} {value}\\n")',
      '    requests.put(f"{GW}/metrics/job/etl/{name}/x", data="a 1\\n")',
    ]);
    assert.deepEqual(code.httpPushes.map(httpPushGroupingLabels), [{ job: 'etl', instance: '{host}' }, undefined]);
    assert.deepEqual(
      lintClientCode('python', code, { severities: { 'no-help': 'off', 'missing-type': 'off' } }).map((finding) => `${finding.span.line}:${finding.span.start} ${finding.code}`),
      ['2:82 url-label-in-body'],
    );
  });

  it('does not take a name rebound by for, with, := or unpacking for the literal it was once assigned', () => {
    const { httpPushes } = analyse([
      'import requests',
      'body = "up{ 1\\n"',
      'def each(items):',
      '    for body in items:',
      '        requests.post("http://gw:9091/metrics/job/a", data=body)',
      'def from_file():',
      '    with open("/tmp/x") as body:',
      '        requests.post("http://gw:9091/metrics/job/b", data=body)',
      'def unpacked(pair):',
      '    _, body = pair',
      '    requests.post("http://gw:9091/metrics/job/c", data=body)',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.body]),
      [
        [4, undefined],
        [7, undefined],
        [10, undefined],
      ],
    );
  });

  it('reads a session or client name in its own function: the library it holds there, and not a file of the same name', () => {
    const { httpPushes } = analyse([
      'import requests, httpx',
      'def push_httpx():',
      '    client = httpx.Client()',
      '    client.put("http://gw:9091/metrics/job/a", content="a 1\\n")',
      'def push_requests():',
      '    client = requests.Session()',
      '    client.put("http://gw:9091/metrics/job/b", "b 2\\n")',
      'def write_file():',
      '    with open("/tmp/x", "w") as client:',
      '        client.put("http://gw:9091/metrics/job/c", "c 3\\n")',
      'def given(session):',
      '    session.post("http://gw:9091/metrics/job/d", data="d 4\\n")',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.call, push.body && bodyText(push.body)]),
      [
        [3, 'httpx.put', 'a 1\n'],
        [6, 'requests.put', 'b 2\n'],
      ],
    );
  });

  it("takes urlopen(request, data)'s URL and method from the Request, and data=None for no body", () => {
    const { httpPushes } = analyse([
      'from urllib.request import Request, urlopen',
      'req = Request("http://gw:9091/metrics/job/c/instance/i", method="PUT")',
      'urlopen(req, data=b"c 1\\n")',
      'Request("http://gw:9091/metrics/job/e", data=None)',
      'urlopen("http://gw:9091/metrics/job/e", None)',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.method, push.url.value, httpPushGroupingLabels(push)]),
      [[2, 'PUT', 'http://gw:9091/metrics/job/c/instance/i', { job: 'c', instance: 'i' }]],
    );
  });

  it('reads an f-string URL as the gateway reads a path: query and fragment dropped, literal base64 decoded, the first job kept, a trailing slash refused', () => {
    const labels = (url: string) => httpPushGroupingLabels(analyse(['import requests', `requests.put(f"{GW}${url}", data="a 1\\n")`]).httpPushes[0]);
    assert.deepEqual(labels('/metrics/job/etl/instance/{host}?x=1#top'), { job: 'etl', instance: '{host}' });
    assert.deepEqual(labels('/metrics/job/etl/instance@base64/Zm9v/zone@base64/{zone}'), { job: 'etl', instance: 'foo', zone: '{zone}' });
    assert.deepEqual(labels('/metrics/job/etl/instance/{host}/job/other'), { job: 'etl', instance: '{host}' });
    assert.deepEqual(labels('/metrics/job/{{x}}'), { job: '{x}' });
    assert.equal(labels('/metrics/job/etl/instance/x/'), undefined);
  });

  it('finds the functions a wildcard import binds, and the library a submodule import binds', () => {
    assert.deepEqual(
      analyse(['from requests import *', 'put("http://gw:9091/metrics/job/a", data="a 1\\n")']).httpPushes.map((push) => push.call),
      ['requests.put'],
    );
    assert.deepEqual(
      analyse(['import requests.adapters', 'requests.post("http://gw:9091/metrics/job/a", data="a 1\\n")']).httpPushes.map((push) => push.call),
      ['requests.post'],
    );
  });

  it('finds the posts and puts of a requests session or an httpx client', () => {
    const { httpPushes } = analyse([
      'import requests, httpx',
      'session = requests.Session()',
      'session.put("http://gw:9091/metrics/job/a", data="a 1\\n")',
      'with httpx.Client(timeout=5) as client, open("f") as log:',
      '    client.post("http://gw:9091/metrics/job/b", content="b 2\\n")',
      '    log.write("http://gw:9091/metrics/job/c")',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.call, push.method]),
      [
        [2, 'requests.put', 'PUT'],
        [4, 'httpx.post', 'POST'],
      ],
    );
  });

  it('leaves a literal of more than a MiB unread: listed as not known, nothing linted', () => {
    const line = 'm{a="b"} 1\\n';
    const { httpPushes } = analyse(['import requests', `body = "${line.repeat(Math.ceil((1024 * 1024) / line.length) + 1)}"`, 'requests.put("http://gw:9091/metrics/job/x", data=body)']);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.body]),
      [[2, undefined]],
    );
  });

  it('finds urllib pushes: a Request with a body (POST unless method= says PUT), urlopen with data, and no GET or DELETE', () => {
    const { httpPushes } = analyse([
      'import urllib.request',
      'import urllib.request as ur',
      'from urllib.request import Request, urlopen',
      'URL = "http://gw:9091/metrics/job/backup"',
      'urllib.request.urlopen(urllib.request.Request(URL, data="a 1\\n".encode(), method="PUT"))',
      'ur.Request(URL, b"b 2\\n")',
      'urlopen(Request(URL, data="c 3\\n", method=verb))',
      'urlopen(URL, "d 4\\n")',
      'Request(URL, data=b"", method="DELETE")',
      'urlopen(URL)',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.call, push.method, push.body && bodyText(push.body)]),
      [
        [4, 'urllib.request.Request', 'PUT', 'a 1\n'],
        [5, 'urllib.request.Request', 'POST', 'b 2\n'],
        [6, 'urllib.request.Request', undefined, 'c 3\n'],
        [7, 'urllib.request.urlopen', 'POST', 'd 4\n'],
      ],
    );
  });

  it('reads a file that pushes by itself though it never names prometheus_client, and follows a body to its literal', () => {
    const { httpPushes } = analyse([
      'import requests',
      'def report(rows):',
      '    body = f"rows {rows}\\n"',
      '    requests.put("http://gw:9091/metrics/job/etl", data=body.encode("utf-8"))',
      '    payload = make_body()',
      '    requests.put("http://gw:9091/metrics/job/etl", data=payload)',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.body && bodyText(push.body), push.bodyLines]),
      [
        [3, 'rows 000000\n', { start: 2, end: 2 }],
        [5, undefined, { start: 5, end: 5 }],
      ],
    );
  });

  it('reads a literal as Python does: escapes, raw strings, doubled f-string braces, line continuations, adjacent literals', () => {
    const value = (source: string) => firstString(source, pythonStringValue);
    assert.equal(value('x = "a\\tb\\x41\\u00e9\\101\\q"'), 'a\tbAéA\\q');
    assert.equal(value('x = r"a\\tb"'), 'a\\tb');
    assert.equal(value('x = f"{{a}}"'), '{a}');
    assert.equal(value('x = f"{a}"'), undefined);
    assert.equal(value('x = "a\\\nb"'), 'ab');
    const joined = firstString('x = ("a 1\\n"\n     f"b {v}\\n")', pythonStringBody);
    assert.equal(joined && bodyText(joined), 'a 1\nb 000\n');
  });

  it('places each character of a body where it is written: an escape on its backslash, an expression as placeholders', () => {
    const body = firstString('x = f"""m{{k="v"}} {n}\\t2\n"""', pythonStringBody);
    assert.ok(body);
    assert.deepEqual(
      body.map(({ char, line, column, placeholder }) => `${JSON.stringify(char)}@${line}:${column}${placeholder ? '?' : ''}`),
      ['"m"@0:8', '"{"@0:9', '"k"@0:11', '"="@0:12', '"\\""@0:13', '"v"@0:14', '"\\""@0:15', '"}"@0:16', '" "@0:18', '"0"@0:19?', '"0"@0:20?', '"0"@0:21?', '"\\t"@0:22', '"2"@0:24', '"\\n"@0:25'],
    );
  });

  it('follows a name only where the code shows its value for certain: not a parameter, another function’s name, a later or a += assignment', () => {
    const { httpPushes } = analyse([
      'import requests',
      'GW = "http://gw:9091"',
      'def push_metrics(body):',
      '    url = f"{GW}/metrics/job/etl"',
      '    requests.put(url, data=body)',
      'def notify(url, message):',
      '    requests.post(url, data=message)',
      '    requests.post(GW + "/metrics/job/etl", data=message)',
      'def partial():',
      '    body = "m "',
      '    body += str(1) + "\\n"',
      '    requests.put(GW + "/metrics/job/etl", data=body)',
      'def late():',
      '    requests.put(GW + "/metrics/job/etl", data=body)',
      '    body = "late 1\\n"',
      'def grouped():',
      '    body = (',
      '        "# TYPE m gauge\\n"',
      '        "m 1\\n"',
      '    )',
      '    requests.put(GW + "/metrics/job/etl", data=body)',
      'message = "ETL failed: disk full"',
    ]);
    assert.deepEqual(
      httpPushes.map((push) => [push.line, push.body && bodyText(push.body)]),
      [
        [4, undefined],
        [7, undefined],
        [11, undefined],
        [13, undefined],
        [20, '# TYPE m gauge\nm 1\n'],
      ],
    );
  });

  it('reads a CRLF file’s literal with line feeds, as Python does, and a character it cannot name as an unknown one', () => {
    const crlf = firstString('x = """a 1\r\nb 2\\\r\nc\r\n"""', pythonStringBody);
    assert.equal(crlf && bodyText(crlf), 'a 1\nb 2c\n');
    assert.deepEqual(
      crlf?.map(({ line, column }) => `${line}:${column}`),
      ['0:7', '0:8', '0:9', '0:10', '1:0', '1:1', '1:2', '2:0', '2:1'],
    );
    const named = firstString('x = "\\N{DEGREE SIGN}C \\U0001F600!"', pythonStringBody);
    assert.deepEqual(
      named?.map(({ char, column, placeholder }) => `${char}@${column}${placeholder ? '?' : ''}`),
      ['0@5?', 'C@20', ' @21', '\ud83d@22', '\ude00@22', '!@32'],
    );
  });

  it('lints a body pushed by two calls once', () => {
    const code = analyse([
      'import requests',
      'body = "m{a=b} 1\\n"',
      'for gw in ("http://a:9091", "http://b:9091"):',
      '    requests.put(gw + "/metrics/job/batch", data=body)',
      'requests.put("http://c:9091/metrics/job/batch", data=body)',
    ]);
    assert.equal(code.httpPushes.length, 2);
    assert.deepEqual(
      lintClientCode('python', code).map((finding) => `${finding.span.line}:${finding.span.start} ${finding.code}`),
      ['1:12 expected-quote'],
    );
  });

  it('lints a body the code spells out on the code’s own lines, the URL’s labels known, what touches an expression dropped', () => {
    const code = analyse([
      'import requests',
      'requests.put("http://gw:9091/metrics/job/etl/instance/a", data="etl_ok{instance=\\"b\\"} 1\\netl_bad{x=y} 2\\n")',
      'requests.post("http://gw:9091/metrics/job/etl", data=f"# HELP n N\\n# TYPE n gauge\\nn {value} 1700000000000\\n{name} 1\\n")',
    ]);
    const findings = lintClientCode('python', code, { severities: { 'no-help': 'off', 'missing-type': 'off' } }).map(
      (finding) => `${finding.span.line}:${finding.span.start}-${finding.span.end} ${finding.severity} ${finding.code}`,
    );
    assert.deepEqual(findings, ['1:71-79 warning url-label-in-body', '1:100-101 error expected-quote', '2:93-106 error timestamp']);
  });
});
