import { DiagnosticCode, DOCUMENT_CODES, PARSE_PROBLEM_CODES, RULE_CODES, SHELL_CODES, TRAP_CODES } from './codes';
import { compareDiagnostics, Diagnostic, Severity } from './diagnostic';
import { DetachedTexts } from './detachedText';
import { ParsedDocument, ParseProblem } from './model';
import { DEFAULT_GATEWAY_TARGET, GatewayTarget } from '../protocol/gatewayTarget';
import { parseExposition } from './parser';
import { PROMLINT_RULES } from './rules/promlintRules';
import { PUSHGATEWAY_RULES } from './rules/pushgatewayRules';
import { LineTexts } from './lineTexts';
import { LintRule, RuleContext } from './rules/rule';
import { STRUCTURE_RULES } from './rules/structureRules';
import { unquotedLabelValueSpan } from './unquotedLabelValue';

export const ALL_RULES: readonly LintRule[] = [...PUSHGATEWAY_RULES, ...STRUCTURE_RULES, ...PROMLINT_RULES];

/** Every code a diagnostic can carry: parse problems, the CRLF/BOM checks, a shell script's push URL and the lint rules. */
export const ALL_RULE_CODES: readonly DiagnosticCode[] = [...PARSE_PROBLEM_CODES, ...DOCUMENT_CODES, ...SHELL_CODES, ...RULE_CODES, ...TRAP_CODES];

export type SeveritySetting = Severity | 'off';
/** Severities set by the user, by code. */
export type SeverityOverrides = Readonly<Partial<Record<DiagnosticCode, SeveritySetting>>>;

export interface LintOptions {
  /** Per-code overrides of the default severities; `off` silences a rule. */
  readonly severities?: SeverityOverrides;
  /** Grouping labels of the push URL besides `job`, when known (e.g. from a heredoc's curl URL). */
  readonly groupingLabels?: readonly string[];
  /** The file starts with a byte order mark that is not in `text` (editors hide it). */
  readonly fileHasByteOrderMark?: boolean;
  /** The gateway (and the promtool of its time) whose answers the lint follows; DEFAULT_GATEWAY_TARGET when left out. */
  readonly target?: GatewayTarget;
}

export interface LintResult {
  readonly document: ParsedDocument;
  readonly diagnostics: Diagnostic[];
}

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Collects a document's diagnostics: severities overridden (`off` drops a finding), spans copied, in
 * the order lintExposition adds them until `sorted`.
 */
export class DiagnosticCollector {
  private readonly diagnostics: Diagnostic[] = [];

  /**
   * `messageCopies`: messages kept as strings of their own, for a document read a piece at a time,
   * where a message quoting the text would keep its whole piece alive.
   */
  constructor(
    private readonly severities: SeverityOverrides | undefined,
    private readonly messageCopies?: DetachedTexts,
  ) {}

  severityOf(code: DiagnosticCode, fallback: Severity): SeveritySetting {
    return this.severities?.[code] ?? fallback;
  }

  add(diagnostic: Diagnostic): void {
    const severity = this.severityOf(diagnostic.code, diagnostic.severity);
    if (severity !== 'off') {
      // Parsed samples and labels are their own spans: a finding keeps a plain copy, not the sample.
      const { line, start, end } = diagnostic.span;
      const message = this.messageCopies === undefined ? diagnostic.message : this.messageCopies.of(diagnostic.message);
      this.diagnostics.push({ ...diagnostic, severity, message, span: { line, start, end } });
    }
  }

  /** The parse problems as errors; `lineText` gives the text of a problem's line (only an expected-quote needs it). */
  addProblems(problems: readonly ParseProblem[], lineText: (line: number) => string): void {
    for (const problem of problems) {
      const span = problem.code === 'expected-quote' ? unquotedLabelValueSpan(problem.span, lineText(problem.span.line)) : problem.span;
      this.add({ code: problem.code, severity: 'error', message: problem.message, span });
    }
  }

  /** The findings of each rule that is not off. */
  addRuleFindings(rules: readonly LintRule[], context: RuleContext): void {
    for (const rule of rules) {
      if (this.severityOf(rule.code, rule.defaultSeverity) === 'off') {
        continue;
      }
      const unchecked = context.target.consistencyCheckDisabled && CONSISTENCY_CHECK_CODES.has(rule.code);
      for (const finding of rule.check(context)) {
        if (unchecked) {
          this.add({ code: rule.code, ...finding, severity: 'warning', message: `${UNCHECKED_PREFIX}${finding.message}` });
        } else {
          this.add({ code: rule.code, severity: rule.defaultSeverity, ...finding });
        }
      }
    }
  }

  /** Whether the utf8-name check runs: the target takes UTF-8 names, some name is quoted, and the check is not off. */
  checksUtf8Names(target: GatewayTarget, quotedNames: boolean): boolean {
    // Without a quoted name every name passes the legacy rules too: no second parse to compare with.
    return target.utf8Names && target.version === '1.11' && quotedNames && this.severityOf('utf8-name', 'warning') !== 'off';
  }

  /** The diagnostics in the order they were added. */
  collected(): Diagnostic[] {
    return this.diagnostics;
  }

  /** The diagnostics in document order (compareDiagnostics; a stable sort). */
  sorted(): Diagnostic[] {
    return this.diagnostics.sort(compareDiagnostics);
  }
}

/** The byte order mark finding: one in the text, or one the editor hides (`fileHasByteOrderMark`). */
export function byteOrderMarkDiagnostic(inText: boolean): Diagnostic {
  return { code: 'byte-order-mark', severity: 'error', span: { line: 0, start: 0, end: 0 }, message: inText ? BOM_MESSAGE : SAVED_BOM_MESSAGE };
}

/**
 * Everything we can say about a document before it is pushed: what the gateway's parser rejects
 * (always errors), then each lint rule. Never throws.
 */
export function lintExposition(text: string, options: LintOptions = {}): LintResult {
  const collector = new DiagnosticCollector(options.severities);

  // CRLF and a BOM break every line (or the first) for the gateway; say so once, clearly, and read
  // the rest as if they were fixed so the other findings still show.
  const { normalized, crlfLine, hasBom } = normalizeLineEndings(text);
  const target = options.target ?? DEFAULT_GATEWAY_TARGET;
  const document = parseExposition(normalized, { target });
  if (hasBom || options.fileHasByteOrderMark) {
    collector.add(byteOrderMarkDiagnostic(hasBom));
  }
  if (crlfLine !== undefined) {
    // Carriage returns only hurt where the parser reads them: values, timestamps, TYPE lines, blank lines.
    const crlfBreaksParsing = parseExposition(hasBom ? text.slice(1) : text, { target }).problems.length > document.problems.length;
    collector.add({
      code: 'crlf-line-endings',
      severity: crlfBreaksParsing ? 'error' : 'warning',
      span: { line: crlfLine, start: 0, end: lineLengths(normalized)[crlfLine] ?? 0 },
      message: crlfBreaksParsing ? CRLF_MESSAGE : CRLF_HARMLESS_MESSAGE,
    });
  }

  const lines = new LineTexts(normalized, 0);
  collector.addProblems(document.problems, (line) => lines.of(line));
  if (collector.checksUtf8Names(target, document.quotedNames)) {
    const refusal = promtoolRefusal(normalized, hasBom ? text.slice(1) : text, crlfLine !== undefined, document, target);
    if (refusal !== undefined) {
      collector.add(refusal);
    }
  }
  // Only findings on whole lines need line lengths: most documents have none, so they are counted on demand.
  let lengths: number[] | undefined;
  collector.addRuleFindings(ALL_RULES, {
    document,
    urlLabels: urlLabelsOf(options),
    lineLength: (line) => (lengths ??= lineLengths(normalized))[line] ?? 0,
    target,
  });
  return { document, diagnostics: collector.sorted() };
}

/** The labels the push URL sets: `job` and the known grouping labels. */
export function urlLabelsOf(options: LintOptions): ReadonlySet<string> {
  return new Set(['job', ...(options.groupingLabels ?? [])]);
}

/**
 * With UTF-8 names the gateway takes names that promtool 3 (and anything else that checks the
 * legacy name rules) refuses: the first line the legacy rules refuse, with promtool's error as the
 * reference. `raw` is the text as pushed (CRLF kept), which promtool reads.
 */
function promtoolRefusal(normalized: string, raw: string, hasCrlf: boolean, document: ParsedDocument, target: GatewayTarget): Diagnostic | undefined {
  const legacyTarget: GatewayTarget = { ...target, utf8Names: false };
  const [legacyProblem] = parseExposition(normalized, { target: legacyTarget }).problems;
  if (legacyProblem === undefined || legacyProblem.goError === document.problems[0]?.goError) {
    return undefined;
  }
  const [promtoolProblem] = hasCrlf ? parseExposition(raw, { target: legacyTarget }).problems : [legacyProblem];
  return {
    code: 'utf8-name',
    severity: 'warning',
    span: legacyProblem.span,
    message: `only a gateway started with --push.enable-utf8-names takes this name: promtool check metrics and readers that check the legacy name rules refuse it (${legacyProblem.goError.replace(/^text format parsing error in line \d+: /, '')})`,
    reference: (promtoolProblem ?? legacyProblem).goError,
  };
}

/** What the gateway's consistency check refuses; a gateway without it (`--push.disable-consistency-check`) takes the push. */
const CONSISTENCY_CHECK_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['timestamp', 'duplicate-series', 'reserved-label-name', 'suffix-collision', 'gateway-self-metric']);
const UNCHECKED_PREFIX =
  'this gateway runs without its consistency check, so it accepts the push (202), but what the check would refuse can then break its GET /metrics (500) until the group is deleted. The check says: ';

const CRLF_MESSAGE = 'this document uses CRLF (Windows) line endings: the Pushgateway reads the carriage return as part of each value and rejects the push; convert the file to LF line endings';
const CRLF_HARMLESS_MESSAGE =
  'this document uses CRLF (Windows) line endings: the Pushgateway accepts it only because no value sits on a CRLF line (comments and HELP texts keep the carriage return); convert the file to LF line endings';
const BOM_MESSAGE = 'the document starts with a byte order mark (BOM): the Pushgateway reads it as part of the first metric name and rejects the push; save as UTF-8 without BOM';

const SAVED_BOM_MESSAGE =
  'the file is saved with a byte order mark (BOM), which the editor does not show: pushing the file (curl --data-binary @file) or node_exporter reading it fails, as the gateway takes the BOM for part of the first metric name; save it as UTF-8 without BOM (Change File Encoding, Save with Encoding, UTF-8). A push from the editor sends the text without it';

function normalizeLineEndings(text: string): { normalized: string; crlfLine?: number; hasBom: boolean } {
  const hasBom = text.startsWith(BYTE_ORDER_MARK);
  let normalized = hasBom ? text.slice(1) : text;
  const firstCrlf = normalized.indexOf('\r\n');
  let crlfLine: number | undefined;
  if (firstCrlf >= 0) {
    crlfLine = countNewlines(normalized, firstCrlf);
    normalized = normalized.replace(/\r\n/g, '\n');
  }
  return { normalized, crlfLine, hasBom };
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    count++;
  }
  return count;
}

/** The length of each line, new-line excluded, as `text.split('\n')` would give them but without making the strings. */
function lineLengths(text: string): number[] {
  const lengths: number[] = [];
  let start = 0;
  for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
    lengths.push(newline - start);
    start = newline + 1;
  }
  lengths.push(text.length - start);
  return lengths;
}

/** True when the gateway would refuse a push of this document: any error-severity finding. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}
