import * as vscode from 'vscode';
import { Family } from '../core/exposition/model';
import { contiguousBlocks, familyLineSpan, sampleOutlineName } from '../core/exposition/outlineBlocks';
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

function familyRange(document: vscode.TextDocument, family: Family): vscode.Range {
  const { first, last } = familyLineSpan(family);
  return new vscode.Range(first, 0, last, document.lineAt(last).text.length);
}

function familySymbol(document: vscode.TextDocument, family: Family): vscode.DocumentSymbol {
  const nameToken = family.type?.name ?? family.help?.name ?? family.samples[0]?.name;
  const range = familyRange(document, family);
  const symbol = new vscode.DocumentSymbol(family.name, family.effectiveType, SYMBOL_KINDS[family.effectiveType], range, nameToken ? toRange(nameToken.span) : range);
  symbol.children = family.samples.map((sample) => {
    const line = document.lineAt(sample.line).range;
    return new vscode.DocumentSymbol(sampleOutlineName(sample), sample.value.text, vscode.SymbolKind.Constant, line, toRange(sample.name.span));
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
    return linted.result.document.families.flatMap((family) =>
      contiguousBlocks(family.lines)
        .filter(({ first, last }) => last > first)
        .map(({ first, last }) => new vscode.FoldingRange(first, last)),
    );
  }
}
