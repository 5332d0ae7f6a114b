import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './helpers';

async function quoteFixIn(language: string, content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document);
  const finding = () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'expected-quote');
  await waitFor(() => finding() !== undefined, 'the expected-quote diagnostic');
  const diagnostic = finding();
  assert.ok(diagnostic);
  assert.equal(document.getText(diagnostic.range), 'csv', 'the underline does not cover the whole value');

  // What Ctrl+. on the underline offers.
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((action) => action.title === 'Quote the label value: "csv"');
  assert.ok(fix?.edit, `no quote fix among ${actions.map((action) => action.title).join(', ') || 'no code actions'}`);
  assert.equal(fix.isPreferred, true);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await waitFor(() => finding() === undefined, 'the expected-quote diagnostic to go');
  return document;
}

describe('quoting an unquoted label value', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is offered on {format=csv} in an exposition file and quotes the value', async () => {
    const content = '# TYPE export_rows gauge\nexport_rows{format=csv} 3\n';
    const document = await quoteFixIn('prometheus-exposition', content);
    assert.equal(document.getText(), content.replace('format=csv', 'format="csv"'));
  });

  it("is offered inside a shell heredoc and quotes the value on the script's line", async () => {
    const script = 'rows=3\ncat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/export"\n# TYPE export_rows gauge\nexport_rows{format=csv} $rows\nEOF\n';
    const document = await quoteFixIn('shellscript', script);
    assert.equal(document.getText(), script.replace('format=csv', 'format="csv"'));
  });
});
