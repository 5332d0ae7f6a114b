import * as vscode from 'vscode';
import { Family, Sample } from '../core/exposition/model';
import { LintService } from './lintService';
import { toRange } from './spans';

const SYMBOL_KINDS: Record<string, vscode.SymbolKind> = {
  counter: vscode.SymbolKind.Number,
  gauge: vscode.SymbolKind.Variable,
  histogram: vscode.SymbolKind.Array,
  summary: vscode.SymbolKind.Object,
  untyped: vscode.SymbolKind.Field,
  gauge_histogram: vscode.SymbolKind.Array,
};

function sampleLabel(sample: Sample): string {
  const labels = sample.labels.map((label) => `${label.name.text}=${JSON.stringify(label.value)}`).join(',');
  return labels ? `${sample.name.text}{${labels}}` : sample.name.text;
}

function familyRange(document: vscode.TextDocument, family: Family): vscode.Range {
  const first = Math.min(...family.lines);
  const last = Math.max(...family.lines);
  return new vscode.Range(first, 0, last, document.lineAt(last).text.length);
}

function familySymbol(document: vscode.TextDocument, family: Family): vscode.DocumentSymbol {
  const nameToken = family.type?.name ?? family.help?.name ?? family.samples[0]?.name;
  const range = familyRange(document, family);
  const symbol = new vscode.DocumentSymbol(family.name, family.effectiveType, SYMBOL_KINDS[family.effectiveType], range, nameToken ? toRange(nameToken.span) : range);
  symbol.children = family.samples.map((sample) => {
    const line = document.lineAt(sample.line).range;
    return new vscode.DocumentSymbol(sampleLabel(sample), sample.value.text, vscode.SymbolKind.Constant, line, toRange(sample.name.span));
  });
  return symbol;
}

/** Outline: one entry per metric family, its samples below. */
export class ExpositionSymbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly lint: LintService) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const linted = this.lint.exposition(document);
    return linted ? linted.result.document.families.filter((family) => family.lines.length > 0).map((family) => familySymbol(document, family)) : [];
  }
}

/** Folding: each family's contiguous block of lines. */
export class ExpositionFolding implements vscode.FoldingRangeProvider {
  constructor(private readonly lint: LintService) {}

  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    const linted = this.lint.exposition(document);
    if (!linted) {
      return [];
    }
    return linted.result.document.families.flatMap((family) => contiguousBlocks(family.lines).filter(([start, end]) => end > start).map(([start, end]) => new vscode.FoldingRange(start, end)));
  }
}

function contiguousBlocks(lines: readonly number[]): Array<[number, number]> {
  const sorted = [...lines].sort((a, b) => a - b);
  const blocks: Array<[number, number]> = [];
  for (const line of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && line <= last[1] + 1) {
      last[1] = Math.max(last[1], line);
    } else {
      blocks.push([line, line]);
    }
  }
  return blocks;
}
