import * as vscode from 'vscode';
import { Family, Token } from '../core/exposition/model';
import { LintService } from './lintService';
import { toRange } from './spans';

function contains(token: Token | undefined, position: vscode.Position): token is Token {
  return token !== undefined && token.span.line === position.line && token.span.start <= position.character && position.character <= token.span.end;
}

/** The family whose name (in a sample, HELP or TYPE line) is under the cursor, with that name token. */
export function familyAt(families: readonly Family[], position: vscode.Position): { family: Family; token: Token } | undefined {
  for (const family of families) {
    const token = [family.help?.name, family.type?.name, ...family.samples.map((sample) => sample.name)].find((candidate) => contains(candidate, position));
    if (token) {
      return { family, token };
    }
  }
  return undefined;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** Hover on a metric name: the family's HELP, TYPE and how many samples it has. */
export class ExpositionHover implements vscode.HoverProvider {
  constructor(private readonly lint: LintService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const linted = this.lint.exposition(document);
    const found = linted && familyAt(linted.result.document.families, position);
    if (!found) {
      return undefined;
    }
    const { family, token } = found;
    const markdown = new vscode.MarkdownString();
    markdown.appendMarkdown(`**${family.name}** — ${family.type ? family.effectiveType : 'untyped (no # TYPE line)'}\n\n`);
    markdown.appendMarkdown(family.help ? escapeMarkdown(family.help.text) : '_No HELP text._');
    const samples = family.samples.length;
    markdown.appendMarkdown(`\n\n${samples} sample${samples === 1 ? '' : 's'}`);
    if (token.text !== family.name) {
      markdown.appendMarkdown(` · \`${token.text}\` is part of the ${family.effectiveType} \`${family.name}\``);
    }
    return new vscode.Hover(markdown, toRange(token.span));
  }
}
