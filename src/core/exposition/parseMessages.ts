import { ParseProblemCode } from './codes';
import { isDecimalFloat, parseGoFloat } from '../goemu/goNumbers';
import { goCharOfByte, goQuoteByte, goQuoteString } from '../goemu/goQuote';

// What the parser says about each line it rejects: Go's own words (what the gateway answers with
// 400 and promtool prints), and ours, which say what is wrong and, where it helps, how to fix it.

/** A rejected line's problem, before the parser adds the line number and the span. */
export interface Rejection {
  readonly code: ParseProblemCode;
  /** Go's error without its `text format parsing error in line N: ` prefix. */
  readonly goMessage: string;
  readonly message: string;
  /** Pushgateway 1.11.2's parser crashes on the line: the push gets no answer at all. */
  readonly dropsConnection?: boolean;
}

const METRIC_NAME_RULE = 'a metric name starts with a letter, "_" or ":" and continues with letters, digits, "_" or ":"';
const LABEL_NAME_RULE = 'a label name starts with a letter or "_" and continues with letters, digits or "_"';
export const HELP_TEXT_ESCAPES = 'in HELP text only \\\\ and \\n are escapes';
/** The HELP escapes of the 1.11 parser, which also takes `\"`. */
export const HELP_TEXT_ESCAPES_1_11 = 'in HELP text only \\\\, \\" and \\n are escapes';
export const QUOTED_NAME_ESCAPES = 'in quoted names only \\\\, \\" and \\n are escapes';
export const LABEL_VALUE_ESCAPES = 'in label values only \\\\, \\" and \\n are escapes';
const OPENMETRICS_ONLY_TYPES = new Set(['info', 'stateset', 'gaugehistogram', 'unknown']);

export function missingFinalNewline(): Rejection {
  return {
    code: 'missing-final-newline',
    goMessage: 'unexpected end of input stream',
    message: 'the document must end with a new-line: without one the gateway rejects the whole push (unexpected end of input stream)',
  };
}

export function invalidMetricName(): Rejection {
  return { code: 'invalid-metric-name', goMessage: 'invalid metric name', message: `invalid metric name: ${METRIC_NAME_RULE}` };
}

export function byteOrderMarkAsMetricName(): Rejection {
  return {
    code: 'invalid-metric-name',
    goMessage: 'invalid metric name',
    message: 'the file starts with a byte order mark (BOM), which the gateway reads as part of the first metric name: save it as UTF-8 without BOM',
  };
}

export function carriageReturnLine(): Rejection {
  return { code: 'invalid-metric-name', goMessage: 'invalid metric name', message: 'a blank line holding a carriage return: the gateway expects LF line endings, not CRLF' };
}

/** `keyword` is HELP or TYPE. */
export function invalidMetricNameInComment(keyword: string): Rejection {
  return { code: 'invalid-metric-name', goMessage: 'invalid metric name in comment', message: `invalid metric name in ${keyword} line: ${METRIC_NAME_RULE}` };
}

export function duplicateHelp(familyName: string, firstHelpLine: number): Rejection {
  return {
    code: 'duplicate-help',
    goMessage: `second HELP line for metric name ${goQuoteString(familyName)}`,
    message: `second HELP line for ${familyName} (the first is on line ${firstHelpLine + 1})`,
  };
}

/** `firstTypeLine` is undefined when the family has no TYPE line but already has samples. */
export function duplicateType(familyName: string, firstTypeLine: number | undefined): Rejection {
  const why =
    firstTypeLine !== undefined
      ? `second TYPE line for ${familyName} (the first is on line ${firstTypeLine + 1})`
      : `TYPE line for ${familyName} after its samples: the TYPE line must come before the first sample`;
  return { code: 'duplicate-type', goMessage: `second TYPE line for metric name ${goQuoteString(familyName)}, or TYPE reported after samples`, message: why };
}

/** `knowsGaugehistogram`: the 1.11 parser, which also takes OpenMetrics' gaugehistogram. */
export function unknownType(typeText: string, knowsGaugehistogram = false): Rejection {
  return { code: 'unknown-type', goMessage: `unknown metric type ${goQuoteString(typeText)}`, message: unknownTypeMessage(typeText, knowsGaugehistogram) };
}

function unknownTypeMessage(typeText: string, knowsGaugehistogram: boolean): string {
  const lower = typeText.toLowerCase();
  if (OPENMETRICS_ONLY_TYPES.has(lower)) {
    const known = knowsGaugehistogram ? 'counter, gauge, histogram, gaugehistogram, summary and untyped' : 'counter, gauge, histogram, summary and untyped';
    return `"${typeText}" is an OpenMetrics type: the Pushgateway text parser only knows ${known}`;
  }
  if (/\r$/.test(typeText)) {
    return 'the TYPE line ends with a carriage return: the gateway expects LF line endings, not CRLF';
  }
  if (typeText !== typeText.trimEnd()) {
    return `unknown metric type ${goQuoteString(typeText)}: remove the trailing whitespace`;
  }
  return `unknown metric type ${goQuoteString(typeText)}: use counter, gauge, histogram, summary or untyped`;
}

export function invalidLabelName(familyName: string): Rejection {
  return { code: 'invalid-label-name', goMessage: `invalid label name for metric ${goQuoteString(familyName)}`, message: `invalid label name: ${LABEL_NAME_RULE}` };
}

export function reservedLabelName(): Rejection {
  return { code: 'reserved-label-name', goMessage: 'label name "__name__" is reserved', message: 'the label name __name__ is reserved for the metric name' };
}

/** `found` is the code point where the `=` should be. */
export function expectedEquals(found: number, labelName: string): Rejection {
  return { code: 'expected-equals', goMessage: `expected '=' after label name, found ${goQuoteByte(found)}`, message: `expected "=" after the label name ${labelName}` };
}

export function duplicateLabelName(familyName: string, labelName: string): Rejection {
  return {
    code: 'duplicate-label-name',
    goMessage: `duplicate label names for metric ${goQuoteString(familyName)}`,
    message: `the label ${labelName} appears twice in this sample`,
  };
}

/** `found` is the code point where the opening quote should be. */
export function expectedQuote(found: number, labelName: string): Rejection {
  return {
    code: 'expected-quote',
    goMessage: `expected '"' at start of label value, found ${goQuoteByte(found)}`,
    message: `expected a label value in double quotes after ${labelName}=`,
  };
}

export function invalidLabelValue(value: string): Rejection {
  return { code: 'invalid-label-value', goMessage: `invalid label value ${goQuoteString(value)}`, message: 'the label value is not valid UTF-8' };
}

/** `value` is what was read of the label value up to the new-line. */
export function unescapedNewline(value: string): Rejection {
  return {
    code: 'unescaped-newline',
    goMessage: `label value ${goQuoteString(value)} contains unescaped new-line`,
    message: 'the label value is not closed on this line: a label value needs a closing " (write a new-line inside it as \\n)',
  };
}

/** `escaped` is the code point after the backslash; `rule` is HELP_TEXT_ESCAPES or LABEL_VALUE_ESCAPES. */
export function invalidEscape(escaped: number, rule: string): Rejection {
  return { code: 'invalid-escape', goMessage: `invalid escape sequence '\\${goCharOfByte(escaped)}'`, message: `invalid escape sequence: ${rule}` };
}

/** An `le` (`quantile`) label of a histogram (summary) whose value is not a number. */
export function invalidSpecialLabelValue(name: string, value: string): Rejection {
  if (name === 'le') {
    return {
      code: 'invalid-bucket-bound',
      goMessage: `expected float as value for 'le' label, got ${goQuoteString(value)}`,
      message: `the bucket bound le=${goQuoteString(value)} is not a number (use e.g. "0.5" or "+Inf")`,
    };
  }
  return {
    code: 'invalid-quantile',
    goMessage: `expected float as value for 'quantile' label, got ${goQuoteString(value)}`,
    message: `the quantile ${goQuoteString(value)} is not a number (use e.g. "0.99")`,
  };
}

export function unexpectedAfterLabelValue(value: string, labelName: string): Rejection {
  return {
    code: 'unexpected-after-label-value',
    goMessage: `unexpected end of label value ${goQuoteString(value)}`,
    message: `expected "," or "}" after the value of ${labelName}`,
  };
}

/** `text` is the sample value as written ('' when it is missing). */
export function invalidValue(text: string): Rejection {
  let message: string;
  if (text.length === 0) {
    message = 'missing sample value: a sample line is <name>[{labels}] <value> [<timestamp>]';
  } else if (text.endsWith('\r')) {
    message = `the value ends with a carriage return: the gateway expects LF line endings, not CRLF`;
  } else if (/[_]/.test(text)) {
    message = `${goQuoteString(text)} is not a number the gateway accepts: digit separators "_" are not allowed`;
  } else if (/^[+-]?0[xX]/.test(text)) {
    message = `${goQuoteString(text)} is not a number the gateway accepts: hexadecimal numbers are not allowed`;
  } else if (isDecimalFloat(text)) {
    message = `${goQuoteString(text)} is out of the range of a 64-bit float`;
  } else {
    message = `expected a number as sample value, got ${goQuoteString(text)} (numbers, NaN, +Inf and -Inf are accepted)`;
  }
  return { code: 'invalid-value', goMessage: `expected float as value, got ${goQuoteString(text)}`, message };
}

/** `text` is the timestamp as written ('' after trailing whitespace). */
export function invalidTimestamp(text: string): Rejection {
  let message: string;
  if (text === '#' || text.startsWith('#')) {
    message = 'exemplars ("# {...} value") are OpenMetrics syntax: the Pushgateway text parser rejects them';
  } else if (text.length === 0) {
    message = 'trailing whitespace after the value: the gateway then expects a timestamp';
  } else if (text.endsWith('\r')) {
    message = 'the timestamp ends with a carriage return: the gateway expects LF line endings, not CRLF';
  } else if (/^[+-]?\d+$/.test(text)) {
    message = `the timestamp ${goQuoteString(text)} is out of the 64-bit integer range`;
  } else if (isDecimalFloat(text) || parseGoFloat(text) !== undefined) {
    message = `the timestamp ${goQuoteString(text)} must be an integer number of milliseconds`;
  } else {
    message = `expected an integer timestamp in milliseconds, got ${goQuoteString(text)}`;
  }
  return { code: 'invalid-timestamp', goMessage: `expected integer as timestamp, got ${goQuoteString(text)}`, message };
}

/** `rest` is what follows the timestamp up to the new-line. */
export function textAfterTimestamp(rest: string): Rejection {
  return {
    code: 'text-after-timestamp',
    goMessage: `spurious string after timestamp: ${goQuoteString(rest)}`,
    message: rest.trim() === '' ? 'trailing whitespace after the timestamp' : `unexpected ${goQuoteString(rest.trim())} after the timestamp`,
  };
}

// --- the 1.11 parser (prometheus/common with quoted names) ----------------------------------------

/** A name the target's validation refuses, e.g. a dotted one without UTF-8 names: Go quotes it now. */
export function invalidQuotedMetricName(name: string, utf8Names: boolean): Rejection {
  return {
    code: 'invalid-metric-name',
    goMessage: `invalid metric name ${goQuoteString(name)}`,
    message: utf8Names
      ? `invalid metric name ${goQuoteString(name)}: a metric name must be valid UTF-8 and not empty`
      : `invalid metric name ${goQuoteString(name)}: ${METRIC_NAME_RULE} (other characters need a gateway started with --push.enable-utf8-names)`,
  };
}

export function invalidQuotedLabelName(name: string, utf8Names: boolean): Rejection {
  return {
    code: 'invalid-label-name',
    goMessage: `invalid label name ${goQuoteString(name)}`,
    message: utf8Names
      ? `invalid label name ${goQuoteString(name)}: a label name must be valid UTF-8`
      : `invalid label name ${goQuoteString(name)}: ${LABEL_NAME_RULE} (other characters need a gateway started with --push.enable-utf8-names)`,
  };
}

/** `kind` is `metric` or `label`; `name` is what was read of the quoted name up to the new-line. */
export function unescapedNewlineInName(kind: 'metric' | 'label', name: string): Rejection {
  return {
    code: 'unescaped-newline',
    goMessage: `${kind} name ${goQuoteString(name)} contains unescaped new-line`,
    message: `the quoted ${kind} name is not closed on this line: it needs a closing "`,
  };
}

export function multipleMetricNames(familyName: string): Rejection {
  return {
    code: 'multiple-metric-names',
    goMessage: `multiple metric names for metric ${goQuoteString(familyName)}`,
    message: 'a second metric name inside the braces: a sample has one name (write labels as name="value")',
  };
}

/** `found` is the code point after a name inside the braces that is neither `=`, `,` nor `}`. */
export function unexpectedAfterMetricName(found: number): Rejection {
  return {
    code: 'unexpected-after-metric-name',
    goMessage: `unexpected end of metric name ${goQuoteByte(found)}`,
    message: `expected "=", "," or "}" after a name inside the braces, found ${goQuoteByte(found)}`,
  };
}

/**
 * `{} 1`: Pushgateway 1.11.2's parser crashes on it (the gateway survives, the push gets no answer).
 * After an earlier sample it does not crash: it gives the labels and the value to that sample's
 * series, which then comes twice (a 400 of the consistency check; promtool: metric not unique).
 */
export function bracesWithoutName(afterSample: boolean): Rejection {
  const fix = 'write the name before the braces or quoted inside them';
  if (afterSample) {
    return {
      code: 'braces-without-name',
      goMessage: 'invalid metric name',
      message: `a sample without a metric name: Pushgateway 1.11.2 adds these labels and this value to the series of the sample before it, which then comes twice, and refuses the push; ${fix}`,
    };
  }
  return {
    code: 'braces-without-name',
    goMessage: 'invalid metric name',
    message: `a sample without a metric name: Pushgateway 1.11.2 drops the connection without any answer (promtool: invalid metric name); ${fix}`,
    dropsConnection: true,
  };
}

export function negativeBucketPopulation(familyName: string): Rejection {
  return {
    code: 'negative-count',
    goMessage: `negative bucket population for histogram ${goQuoteString(familyName)}`,
    message: 'a histogram bucket count cannot be negative: Pushgateway 1.11 refuses the push',
  };
}

export function negativeHistogramCount(familyName: string): Rejection {
  return {
    code: 'negative-count',
    goMessage: `negative count for histogram ${goQuoteString(familyName)}`,
    message: 'a histogram _count cannot be negative: Pushgateway 1.11 refuses the push',
  };
}
