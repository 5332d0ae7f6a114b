import * as vscode from 'vscode';
import { familyAt } from '../core/exposition/familyAt';
import { LintService } from './lintService';
import { toRange } from './spans';

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** Hover on a metric name: the family's HELP, TYPE and how many samples it has. */
export class ExpositionHover implements vscode.HoverProvider {
  constructor(private readonly lint: LintService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const linted = this.lint.exposition(document);
    const found = linted && familyAt(linted.result.document.families, position.line, position.character);
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
