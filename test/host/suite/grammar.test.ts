import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { extension, workspaceFile } from './helpers';

// The workbench of code-server has no command that reports the scopes of a document's tokens, so
// this test tokenizes like VS Code does, with VS Code's TextMate engine, from what this host has
// installed: the grammars of the packaged extension registered as its package.json says
// (injectTo included), and the shell grammar that ships with this very VS Code.

interface GrammarContribution {
  readonly scopeName: string;
  readonly path: string;
  readonly injectTo?: string[];
}

interface Token {
  readonly text: string;
  readonly scopes: string;
}

let registry: textmate.Registry | undefined;

async function grammarRegistry(): Promise<textmate.Registry> {
  if (registry) {
    return registry;
  }
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const contributions: GrammarContribution[] = extension().packageJSON.contributes.grammars;
  const files = new Map(contributions.map((grammar) => [grammar.scopeName, path.join(extension().extensionPath, grammar.path)]));
  files.set('source.shell', path.join(vscode.env.appRoot, 'extensions', 'shellscript', 'syntaxes', 'shell-unix-bash.tmLanguage.json'));
  registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns), createOnigString: (text) => new oniguruma.OnigString(text) }),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => contributions.filter((grammar) => grammar.injectTo?.includes(scopeName)).map((grammar) => grammar.scopeName),
  });
  return registry;
}

async function tokens(scopeName: string, relativePath: string): Promise<Token[]> {
  const grammar = await (await grammarRegistry()).loadGrammar(scopeName);
  assert.ok(grammar, `no grammar for ${scopeName}`);
  const text = fs.readFileSync(workspaceFile(relativePath).fsPath, 'utf8');
  const result: Token[] = [];
  let state = textmate.INITIAL;
  for (const line of text.split('\n')) {
    const tokenized = grammar.tokenizeLine(line, state);
    for (const token of tokenized.tokens) {
      result.push({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes.join(' ') });
    }
    state = tokenized.ruleStack;
  }
  return result;
}

function scopesOf(all: readonly Token[], text: string): string[] {
  return all.filter((token) => token.text.trim() === text).map((token) => token.scopes);
}

describe("highlighting (VS Code's TextMate engine, installed grammars)", () => {
  it('scopes the parts of an exposition file', async () => {
    const all = await tokens('source.prometheus-exposition', 'sample.prom');
    const names = scopesOf(all, 'backup_db_size_bytes');
    assert.ok(names.length >= 3, `found ${names.length}`);
    for (const scopes of names) {
      assert.match(scopes, /entity\.name\.function\.metric\.prometheus-exposition/);
    }
    assert.ok(scopesOf(all, 'gauge').every((scopes) => /storage\.type\.metric-type\.prometheus-exposition/.test(scopes)));
    assert.match(scopesOf(all, 'orders')[0], /string\.quoted\.double\.label-value\.prometheus-exposition/);
  });

  it('gives the body of a pushed heredoc the exposition scopes, and keeps shell variables', async () => {
    const all = await tokens('source.shell', 'nightly_backup.sh');
    const names = scopesOf(all, 'backup_db_last_success_unixtime');
    assert.ok(names.length >= 3, `found ${names.length}`);
    for (const scopes of names) {
      assert.match(scopes, /meta\.embedded\.block\.prometheus-exposition .*entity\.name\.function\.metric\.prometheus-exposition/);
    }
    const size = all.find((token) => token.text === 'size' && /prometheus-exposition/.test(token.scopes));
    assert.ok(size, 'no $size token in the heredoc');
    assert.match(size.scopes, /variable/);
  });

  it('leaves other heredocs of the script alone', async () => {
    const all = await tokens('source.shell', 'nightly_backup.sh');
    const plain = all.filter((token) => token.text.includes('retention_days'));
    assert.ok(plain.length > 0, 'no token for retention_days');
    for (const token of plain) {
      assert.doesNotMatch(token.scopes, /prometheus-exposition/);
    }
  });
});
