import { RuleCode } from '../codes';
import { Severity } from '../diagnostic';
import { Family, ParsedDocument, Span } from '../model';
import { GatewayTarget } from '../../protocol/gatewayTarget';

export interface RuleContext {
  readonly document: ParsedDocument;
  /**
   * Labels that the push URL sets (always `job`, plus any grouping labels known from the URL): the
   * gateway overwrites them in every pushed sample.
   */
  readonly urlLabels: ReadonlySet<string>;
  /** The length of a line of the document, new-line excluded. */
  lineLength(line: number): number;
  /** The gateway the lint follows: promtool's rules are 3.x's with 1.11, 2.42's with 1.5. */
  readonly target: GatewayTarget;
}

export interface Finding {
  readonly span: Span;
  readonly message: string;
  /** The reference tool's own words for it, e.g. promtool's `foo no help text`. */
  readonly reference?: string;
}

/** One lint rule: a stable code, a default severity, and a check over a parsed document. */
export interface LintRule {
  readonly code: RuleCode;
  readonly defaultSeverity: Severity;
  /** One line for the README table. */
  readonly summary: string;
  /** A line that triggers the rule, for documentation. */
  readonly example: string;
  /**
   * The rule compares families, or looks at the document as a whole, rather than judging each
   * family by itself. Run on the families together, it needs of each only its HELP, TYPE and first
   * sample (and its lines, which only family-not-contiguous reads). `keeps` says which families it
   * can find something in when families are linted one by one: only those are kept until the end.
   */
  readonly acrossFamilies?: { readonly keeps: (family: Family) => boolean };
  check(context: RuleContext): Finding[];
}

/**
 * A rule's findings family by family, into one array: `check` pushes those of one family. Rules run
 * on batches of a few hundred families, and an array per family and rule was most of their garbage.
 */
export function findingsByFamily(families: readonly Family[], check: (family: Family, findings: Finding[]) => void): Finding[] {
  const findings: Finding[] = [];
  for (const family of families) {
    check(family, findings);
  }
  return findings;
}
