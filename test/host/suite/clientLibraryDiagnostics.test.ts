import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, showNewFile, waitFor, workspaceFile } from './helpers';

// The names and labels Python and Go code declares for its metrics are linted in the editor, each
// finding on the declaration's own line and column, and so is a body Python code pushes itself
// with requests; the code is never linted as exposition.

const PYTHON = [
  'from prometheus_client import CollectorRegistry, Counter, Gauge, push_to_gateway',
  '',
  'registry = CollectorRegistry()',
  "jobs = Counter('jobs_total_total', 'Jobs run', registry=registry)",
  "queue = Gauge('queue-depth', 'Items waiting', registry=registry)",
  "push_to_gateway('127.0.0.1:9091', job='batch', registry=registry)",
  '',
].join('\n');

const CLEAN_GO = [
  'package main',
  '',
  'import (',
  '\t"github.com/prometheus/client_golang/prometheus"',
  '\t"github.com/prometheus/client_golang/prometheus/push"',
  ')',
  '',
  'var done = prometheus.NewCounter(prometheus.CounterOpts{Name: "jobs_done_total", Help: "Jobs done."})',
  '',
  'func main() {',
  '\tif err := push.New("http://127.0.0.1:9091", "batch").Collector(done).Push(); err != nil {',
  '\t\tpanic(err)',
  '\t}',
  '}',
  '',
].join('\n');

const BROKEN_GO = CLEAN_GO.replace('"jobs_done_total"', '"jobs-done"');

/** A script that pushes its own text with requests, never naming prometheus_client. */
const REQUESTS_PUSH = [
  'import requests',
  '',
  'def report(rows):',
  '    body = f"""# HELP export_rows Rows exported.',
  '# TYPE export_rows gauge',
  'export_rows{{stage=load}} {rows}',
  '"""',
  '    requests.put("http://127.0.0.1:9091/metrics/job/export", data=body)',
  '',
].join('\n');

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'pushgateway');
}

function where(diagnostic: vscode.Diagnostic): unknown[] {
  return [diagnostic.code, diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character];
}

function open(name: string, text: string): Promise<vscode.TextDocument> {
  return showNewFile(workspaceFile(`client-diagnostics/${name}`), text);
}

describe('client library diagnostics', () => {
  before(async () => {
    await extension().activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile('client-diagnostics'), { recursive: true, useTrash: false });
  });

  it("puts a Python metric's name findings on its own line and column, and drops each once fixed", async () => {
    const document = await open('batch.py', PYTHON);
    const uri = document.uri;
    await waitFor(() => ours(uri).length === 2, 'the two name findings of the Python metrics');
    const [doubled, invalid] = ours(uri).sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(where(doubled), ['counter-total-suffix', 3, "jobs = Counter('".length, 3, "jobs = Counter('jobs_total_total".length]);
    assert.equal(doubled.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(where(invalid), ['invalid-metric-name', 4, "queue = Gauge('".length, 4, "queue = Gauge('queue-depth".length]);
    assert.equal(invalid.severity, vscode.DiagnosticSeverity.Error);

    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, doubled.range, 'jobs_total');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => ours(uri).length === 1 && ours(uri)[0].code === 'invalid-metric-name', 'the doubled _total warning to go, the invalid name still there');

    const fix = new vscode.WorkspaceEdit();
    fix.replace(uri, invalid.range, 'queue_depth');
    assert.ok(await vscode.workspace.applyEdit(fix));
    await waitFor(() => ours(uri).length === 0, 'no finding once both names are fixed');
  });

  it('lints the body a Python script pushes with requests where the f-string writes it, and drops the finding once fixed', async () => {
    const document = await open('export.py', REQUESTS_PUSH);
    const uri = document.uri;
    await waitFor(() => ours(uri).length === 1, 'the unquoted label value of the pushed body');
    const at = 'export_rows{{stage='.length;
    assert.deepEqual(where(ours(uri)[0]), ['expected-quote', 5, at, 5, at + 'load'.length]);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(5, at, 5, at + 'load'.length), '"load"');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => ours(uri).length === 0, 'no finding once the value is quoted');
  });

  it('gives a clean Go file no finding, and a broken one its own', async () => {
    const clean = await open('clean.go', CLEAN_GO);
    const broken = await open('broken.go', BROKEN_GO);
    // Both wait for the same Go grammar, the clean file first: once the broken one has its finding,
    // the clean one has been checked too.
    await waitFor(() => ours(broken.uri).length > 0, 'the invalid name of the broken Go file');
    assert.deepEqual(ours(broken.uri).map(where), [
      ['invalid-metric-name', 7, 'var done = prometheus.NewCounter(prometheus.CounterOpts{Name: "'.length, 7, 'var done = prometheus.NewCounter(prometheus.CounterOpts{Name: "jobs-done'.length],
    ]);
    assert.deepEqual(ours(clean.uri), []);
  });
});
