import * as vscode from 'vscode';

const TYPES: Array<[string, string]> = [
  ['counter', 'A value that only goes up (name it ..._total).'],
  ['gauge', 'A value that can go up and down.'],
  ['histogram', 'Buckets of observations: ..._bucket{le="..."}, ..._sum, ..._count.'],
  ['summary', 'Quantiles of observations: ...{quantile="..."}, ..._sum, ..._count.'],
  ['untyped', 'A value of unknown type.'],
];

/** Completes metric types after `# TYPE <name> ` and offers HELP/TYPE skeletons on a new comment line. */
export class ExpositionCompletion implements vscode.CompletionItemProvider {
  static readonly triggerCharacters = [' ', '#'];

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    if (/^\s*#\s*TYPE\s+[a-zA-Z_:][a-zA-Z0-9_:]*\s+[a-z_]*$/.test(before)) {
      return TYPES.map(([type, documentation]) => {
        const item = new vscode.CompletionItem(type, vscode.CompletionItemKind.EnumMember);
        item.documentation = documentation;
        return item;
      });
    }
    if (/^\s*#?\s*$/.test(before)) {
      const range = new vscode.Range(position.line, before.length - before.trimStart().length, position.line, position.character);
      return [familySkeleton('gauge', range), familySkeleton('counter', range)];
    }
    return [];
  }
}

function familySkeleton(type: 'gauge' | 'counter', range: vscode.Range): vscode.CompletionItem {
  const item = new vscode.CompletionItem(`# HELP / # TYPE ${type}`, vscode.CompletionItemKind.Snippet);
  const suffix = type === 'counter' ? '_total' : '';
  item.insertText = new vscode.SnippetString(`# HELP \${1:metric_name}${suffix} \${2:What it measures.}\n# TYPE \${1:metric_name}${suffix} ${type}\n\${1:metric_name}${suffix} \${3:0}\n`);
  item.range = range;
  item.filterText = `# HELP TYPE ${type}`;
  item.documentation = `A ${type} family: HELP, TYPE and one sample.`;
  return item;
}
