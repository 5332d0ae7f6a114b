import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeExposition } from '../../../src/core/exposition/decode';
import { hasErrors, lintExposition } from '../../../src/core/exposition/lint';
import { parseExposition } from '../../../src/core/exposition/parser';
import { unitWords } from '../../../src/core/exposition/rules/promlintRules';
import { GatewayTarget } from '../../../src/core/protocol/gatewayTarget';

// How a lint document is judged against the verdicts a reference target recorded (the gateway's
// answer to a push, promtool's answer to `check metrics`). Shared by the differential replays and
// `npm run measure:targets`.

export interface DocumentVerdict {
  readonly promtool: { readonly exitCode: number; readonly stderr: string };
  readonly pushgateway: { readonly status: number; readonly body: string };
}

export interface VerdictFile {
  readonly cases: Record<string, DocumentVerdict>;
}

/** The lint target of a recorded reference target (`1.5`, `1.11`, `1.11-utf8`, `1.11-unchecked`). */
export function lintTargetOf(referenceTarget: string): GatewayTarget {
  return {
    version: referenceTarget.startsWith('1.11') ? '1.11' : '1.5',
    utf8Names: referenceTarget === '1.11-utf8',
    consistencyCheckDisabled: referenceTarget === '1.11-unchecked',
  };
}

export function readVerdicts(file: string): VerdictFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as VerdictFile;
}

export function readDocument(corpusDir: string, slug: string): string {
  return decodeExposition(fs.readFileSync(path.join(corpusDir, 'cases', `${slug}.prom`)));
}

/**
 * promlint reports at most one unit problem per family, picked in Go's random map order when the
 * name holds several unit words; such lines are left out of the comparison on both sides.
 */
export function isDeterministic(promtoolLine: string): boolean {
  const [metric, ...words] = promtoolLine.split(' ');
  return !(words.join(' ').startsWith('use base unit') && unitWords(metric).length > 1);
}

/** How the gateway's and promtool's parse errors begin. */
export const PARSE_ERROR_PREFIX = 'text format parsing error in line';

export interface Judgement {
  /** The linter errs exactly when the gateway refuses the push (any 2xx is acceptance). */
  readonly gateway: boolean;
  /** A gateway parse error reads exactly like our first parse problem. */
  readonly parseMessage: boolean;
  /** promtool's parse error is ours, or its lint lines are our references. */
  readonly promtool: boolean;
  /** What disagrees, for a failing test's message. */
  readonly details: string[];
}

/** What promtool check metrics would print: its parse error, or its lint lines (deterministic ones, sorted). */
export function ourPromtoolVerdict(text: string, target: GatewayTarget): { parseError?: string; lines: string[] } {
  const { diagnostics } = lintExposition(text, { target });
  const promtoolParseError = diagnostics.find((d) => d.reference?.startsWith(PARSE_ERROR_PREFIX))?.reference;
  const [firstProblem] = parseExposition(text, { target }).problems;
  // With UTF-8 names, promtool's parser (legacy names) may stop earlier than the gateway's.
  const parseError = promtoolParseError ?? firstProblem?.goError;
  const lines = diagnostics
    .flatMap((d) => (d.reference && !d.reference.startsWith(PARSE_ERROR_PREFIX) ? [d.reference] : []))
    .filter(isDeterministic)
    .sort();
  return { parseError, lines };
}

export function judgeDocument(text: string, verdict: DocumentVerdict, target: GatewayTarget): Judgement {
  const details: string[] = [];
  const { diagnostics } = lintExposition(text, { target });
  const [firstProblem] = parseExposition(text, { target }).problems;
  const accepted = verdict.pushgateway.status >= 200 && verdict.pushgateway.status < 300;
  const gateway = hasErrors(diagnostics) === !accepted;
  if (!gateway) {
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.line + 1}:${d.span.start + 1} ${d.code} ${d.message}`);
    details.push(`gateway ${verdict.pushgateway.status} ${verdict.pushgateway.body.trim()}; our errors: ${JSON.stringify(errors)}`);
  }
  const parseMessage = !verdict.pushgateway.body.startsWith(PARSE_ERROR_PREFIX) || firstProblem?.goError === verdict.pushgateway.body.trim();
  if (!parseMessage) {
    details.push(`gateway said ${verdict.pushgateway.body.trim()}, we said ${firstProblem?.goError}`);
  }
  const ours = ourPromtoolVerdict(text, target);
  let promtool: boolean;
  if (verdict.promtool.exitCode === 1) {
    promtool = ours.parseError !== undefined && verdict.promtool.stderr.includes(ours.parseError);
  } else {
    const theirs = verdict.promtool.stderr
      .split('\n')
      .filter((line) => line !== '')
      .filter(isDeterministic)
      .sort();
    promtool = ours.parseError === undefined && JSON.stringify(ours.lines) === JSON.stringify(theirs);
  }
  if (!promtool) {
    details.push(`promtool exit ${verdict.promtool.exitCode}: ${JSON.stringify(verdict.promtool.stderr.trim())}; ours: ${JSON.stringify(ours)}`);
  }
  return { gateway, parseMessage, promtool, details };
}
