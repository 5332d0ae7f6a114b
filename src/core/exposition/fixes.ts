import { Diagnostic } from './diagnostic';
import { familyAt } from './familyAt';
import { Family, ParsedDocument } from './model';
import { guessedType } from './rules/structureRules';
import { quotableLabelValue } from './unquotedLabelValue';

/** A replacement of the text between two positions (0-based lines, UTF-16 columns). */
export interface TextChange {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly newText: string;
}

export interface QuickFix {
  readonly title: string;
  /** Text changes, or `lineEndings: 'LF'` for the editor to convert the whole document. */
  readonly changes: readonly TextChange[];
  readonly lineEndings?: 'LF';
  readonly preferred?: boolean;
}

function insertAt(line: number, column: number, newText: string): TextChange {
  return { startLine: line, startColumn: column, endLine: line, endColumn: column, newText };
}

const TEXT_FORMAT_TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
/** OpenMetrics names the text format spells otherwise. */
const OPENMETRICS_TYPES: Readonly<Record<string, string>> = { unknown: 'untyped' };

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The type a misspelt TYPE value most likely meant: an OpenMetrics name, or at most two typos away from one type only (case does not matter to the parser). */
function likelyType(written: string): string | undefined {
  const lower = written.toLowerCase();
  if (OPENMETRICS_TYPES[lower]) {
    return OPENMETRICS_TYPES[lower];
  }
  const near = TEXT_FORMAT_TYPES.filter((type) => editDistance(lower, type) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

/** A family's lines are in document order: the first is the smallest. */
function firstLineOf(family: Family): number {
  return family.lines[0] ?? 0;
}

/**
 * The fixes whose outcome is certain for a diagnostic of `lintExposition` on `text`/`document`.
 * Diagnostics without a certain fix get none.
 */
export function quickFixesFor(diagnostic: Diagnostic, document: ParsedDocument, text: string): QuickFix[] {
  const { span } = diagnostic;
  switch (diagnostic.code) {
    case 'timestamp': {
      const sample = document.samples.find((s) => s.timestamp && s.line === span.line && s.timestamp.span.start === span.start);
      if (!sample) {
        return [];
      }
      return [{ title: 'Remove the timestamp', preferred: true, changes: [{ startLine: span.line, startColumn: sample.value.span.end, endLine: span.line, endColumn: span.end, newText: '' }] }];
    }
    case 'unknown-type': {
      const written = (text.split('\n')[span.line] ?? '').slice(span.start, span.end);
      const meant = likelyType(written);
      return meant ? [{ title: `Change to ${meant}`, preferred: true, changes: [{ startLine: span.line, startColumn: span.start, endLine: span.line, endColumn: span.end, newText: meant }] }] : [];
    }
    case 'expected-quote': {
      const written = (text.split('\n')[span.line] ?? '').slice(span.start, span.end);
      const value = quotableLabelValue(written);
      return value === undefined
        ? []
        : [
            {
              title: `Quote the label value: "${value}"`,
              preferred: true,
              changes: [{ startLine: span.line, startColumn: span.start, endLine: span.line, endColumn: span.end, newText: `"${value}"` }],
            },
          ];
    }
    case 'crlf-line-endings':
      return [{ title: 'Convert to LF line endings', preferred: true, changes: [], lineEndings: 'LF' }];
    case 'missing-final-newline': {
      const lines = text.split('\n');
      const last = lines.length - 1;
      return [{ title: 'Add the final new-line', preferred: true, changes: [insertAt(last, lines[last].length, '\n')] }];
    }
    case 'counter-total-suffix': {
      const family = familyAt(document.families, span.line, span.start)?.family;
      if (!family || family.effectiveType !== 'counter' || family.name.endsWith('_total')) {
        return [];
      }
      const newName = `${family.name}_total`;
      const names = [family.help?.name, family.type?.name, ...family.samples.map((sample) => sample.name)].filter((name) => name !== undefined);
      return [
        {
          title: `Rename ${family.name} to ${newName}`,
          preferred: true,
          changes: names.map((name) => ({ startLine: name.span.line, startColumn: name.span.start, endLine: name.span.line, endColumn: name.span.end, newText: newName })),
        },
      ];
    }
    case 'missing-type':
    case 'no-help': {
      const family = familyAt(document.families, span.line, span.start)?.family;
      if (!family) {
        return [];
      }
      const line = firstLineOf(family);
      const help = family.help ? '' : `# HELP ${family.name} TODO: what this measures.\n`;
      const type = family.type ? '' : `# TYPE ${family.name} ${guessedType(family)}\n`;
      const title = help && type ? `Add # HELP and # TYPE lines for ${family.name}` : help ? `Add a # HELP line for ${family.name}` : `Add "# TYPE ${family.name} ${guessedType(family)}"`;
      // A HELP line goes before the family's first line; a TYPE line after an existing HELP line, else before it.
      if (!help && family.help && family.help.line === line) {
        return [{ title, changes: [insertAt(line + 1, 0, type)] }];
      }
      return [{ title, changes: [insertAt(line, 0, help + type)] }];
    }
    default:
      return [];
  }
}
