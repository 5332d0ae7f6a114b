// The "today" lint documents: what changed in the text format between Pushgateway 1.5.1 + promtool
// 2.42 and Pushgateway 1.11.2 + promtool 3.5.3 (issue 13). Each case is one behaviour, written as
// a template over a vocabulary; the slug prefix names the area (see test/fixtures/README-today.md).
import { Vocabulary } from './vocabulary';

export interface DocumentCase {
  readonly slug: string;
  /** The exact text of the document (UTF-8). */
  readonly text: string;
}

type Template = (v: Vocabulary) => string;

function cases(prefix: string, templates: Record<string, Template>, v: Vocabulary): DocumentCase[] {
  return Object.entries(templates).map(([slug, template]) => ({ slug: `${prefix}-${slug}`, text: template(v) }));
}

/** Quoted names (`{"name", ...}`, quoted HELP/TYPE, quoted label names) and name-less braces. */
function quotedNames(v: Vocabulary): DocumentCase[] {
  return cases(
    'quoted',
    {
      'dotted-name-alone': (w) => `{"${w.dotted}"} 1\n`,
      'dotted-name-with-label': (w) => `{"${w.dotted}", ${w.label}="${w.value}"} 1\n`,
      'dotted-name-label-first': (w) => `{${w.label}="${w.value}", "${w.dotted}"} 1\n`,
      'dotted-name-with-help-type': (w) => `# HELP "${w.dotted}" ${w.help}\n# TYPE "${w.dotted}" gauge\n{"${w.dotted}"} 1\n`,
      'dotted-name-type-only': (w) => `# TYPE "${w.dotted}" gauge\n{"${w.dotted}", ${w.label}="${w.value}"} 1\n`,
      'dotted-name-help-unquoted': (w) => `# HELP ${w.dotted} ${w.help}\n{"${w.dotted}"} 1\n`,
      'dotted-name-outside-braces': (w) => `"${w.dotted}" 1\n`,
      'dotted-name-unquoted': (w) => `${w.dotted} 1\n`,
      'dotted-counter': (w) => `# TYPE "${w.dotted}_total" counter\n{"${w.dotted}_total"} 3\n`,
      'dotted-histogram': (w) => `# TYPE "${w.dotted}" histogram\n{"${w.dotted}_bucket", le="1"} 1\n{"${w.dotted}_bucket", le="+Inf"} 2\n{"${w.dotted}_sum"} 1.5\n{"${w.dotted}_count"} 2\n`,
      'dotted-summary': (w) => `# TYPE "${w.dotted}" summary\n{"${w.dotted}", quantile="0.5"} 1\n{"${w.dotted}_sum"} 4\n{"${w.dotted}_count"} 2\n`,
      'dotted-name-with-timestamp': (w) => `{"${w.dotted}"} 1 1700000000000\n`,
      'unicode-name': (w) => `{"${w.unicodeName}"} 1\n`,
      'unicode-name-with-type': (w) => `# TYPE "${w.unicodeName}" gauge\n{"${w.unicodeName}", ${w.label}="${w.value}"} 2\n`,
      'emoji-name': () => `{"backup_✅"} 1\n`,
      'name-with-space': () => `{"last backup size"} 1\n`,
      'name-with-dash': () => `{"backup-size"} 1\n`,
      'name-starting-with-digit': () => `{"1st_backup_size"} 1\n`,
      'name-with-escaped-quote': () => `{"backup\\"size"} 1\n`,
      'name-with-escaped-newline': () => `{"backup\\nsize"} 1\n`,
      'name-with-escaped-backslash': () => `{"backup\\\\size"} 1\n`,
      'name-empty': () => `{""} 1\n`,
      'name-unterminated': (w) => `{"${w.gauge}} 1\n`,
      'legal-name-alone': (w) => `{"${w.gauge}"} 1\n`,
      'legal-name-with-label': (w) => `{"${w.gauge}", ${w.label}="${w.value}"} 1\n`,
      'legal-name-label-first': (w) => `{${w.label}="${w.value}", "${w.gauge}"} 1\n`,
      'legal-name-trailing-comma': (w) => `{"${w.gauge}",} 1\n`,
      'legal-name-spaces': (w) => `{ "${w.gauge}" , ${w.label} = "${w.value}" } 1\n`,
      'legal-name-with-colon': () => `{"backup:size_bytes"} 1\n`,
      'legal-name-help-type-quoted': (w) => `# HELP "${w.gauge}" ${w.help}\n# TYPE "${w.gauge}" gauge\n{"${w.gauge}"} 1\n`,
      'legal-name-type-quoted-sample-plain': (w) => `# TYPE "${w.gauge}" gauge\n${w.gauge} 1\n`,
      'legal-name-type-plain-sample-quoted': (w) => `# TYPE ${w.gauge} gauge\n{"${w.gauge}"} 1\n`,
      'legal-name-outside-braces': (w) => `"${w.gauge}" 1\n`,
      'legal-name-outside-and-inside': (w) => `${w.gauge}{"${w.gauge}"} 1\n`,
      'two-quoted-names': (w) => `{"${w.gauge}", "${w.counter}"} 1\n`,
      'legal-counter': (w) => `# HELP "${w.counter}" Files copied.\n# TYPE "${w.counter}" counter\n{"${w.counter}"} 12\n`,
      'legal-counter-without-total': () => `# TYPE "backup_files" counter\n{"backup_files"} 12\n`,
      'legal-histogram': (w) =>
        `# HELP "${w.histogram}" How long the backup took.\n# TYPE "${w.histogram}" histogram\n{"${w.histogram}_bucket", le="60"} 1\n{"${w.histogram}_bucket", le="+Inf"} 1\n{"${w.histogram}_sum"} 42\n{"${w.histogram}_count"} 1\n`,
      'legal-name-help-quoted-with-spaces': (w) => `# HELP "${w.gauge}"    ${w.help}\n{"${w.gauge}"} 1\n`,
      'help-quoted-name-unterminated': (w) => `# HELP "${w.gauge} ${w.help}\n${w.gauge} 1\n`,
      'type-quoted-name-unterminated': (w) => `# TYPE "${w.gauge} gauge\n${w.gauge} 1\n`,
      'type-quoted-name-no-type': (w) => `# TYPE "${w.gauge}"\n${w.gauge} 1\n`,
      'bare-name-in-braces': () => `{x} 1\n`,
      'bare-legal-name-in-braces': (w) => `{${w.gauge}} 1\n`,
      'bare-name-in-braces-with-label': (w) => `{${w.gauge}, ${w.label}="${w.value}"} 1\n`,
      'bare-name-twice-in-braces': (w) => `{${w.gauge}, ${w.counter}} 1\n`,
      'empty-braces-no-name': () => `{} 1\n`,
      'empty-braces-space-no-name': () => `{ } 1\n`,
      'only-comma-in-braces': () => `{,} 1\n`,
      'labels-without-name': (w) => `{${w.label}="${w.value}"} 1\n`,
      'dunder-name-label': (w) => `{__name__="${w.gauge}"} 1\n`,
      'dunder-name-label-quoted': (w) => `{"__name__"="${w.gauge}"} 1\n`,
      'dunder-name-label-with-name': (w) => `${w.gauge}{__name__="${w.gauge}"} 1\n`,
      'label-quoted-legal': (w) => `${w.gauge}{"${w.label}"="${w.value}"} 1\n`,
      'label-quoted-dotted': (w) => `${w.gauge}{"${w.dottedLabel}"="${w.value}"} 1\n`,
      'label-quoted-dotted-and-name': (w) => `{"${w.dotted}", "${w.dottedLabel}"="${w.value}"} 1\n`,
      'label-quoted-unicode': (w) => `${w.gauge}{"größe"="${w.value}"} 1\n`,
      'label-unquoted-unicode': (w) => `${w.gauge}{größe="${w.value}"} 1\n`,
      'label-quoted-empty': (w) => `${w.gauge}{""="${w.value}"} 1\n`,
      'label-quoted-dunder': (w) => `${w.gauge}{"__tmp"="${w.value}"} 1\n`,
      'label-quoted-no-equals': (w) => `${w.gauge}{"${w.label}"} 1\n`,
      'label-quoted-spaced-equals': (w) => `${w.gauge}{"${w.label}" = "${w.value}"} 1\n`,
      'label-quoted-duplicate': (w) => `${w.gauge}{"${w.label}"="a", ${w.label}="b"} 1\n`,
      'label-name-as-quoted-name-clash': (w) => `{"${w.gauge}", "${w.label}"="${w.value}", ${w.otherLabel}="${w.otherValue}"} 1\n`,
      'cron-document-quoted': (w) =>
        `# HELP "${w.gauge}" ${w.help}\n# TYPE "${w.gauge}" gauge\n{"${w.gauge}", ${w.label}="${w.value}"} 1.2e+09\n# HELP "${w.counter}" Files copied.\n# TYPE "${w.counter}" counter\n{"${w.counter}", ${w.label}="${w.value}"} 310\n`,
      'cron-document-dotted': (w) =>
        `# HELP "${w.dotted}" ${w.help}\n# TYPE "${w.dotted}" gauge\n{"${w.dotted}", "${w.dottedLabel}"="${w.value}"} 1.2e+09\n# TYPE ${w.counter} counter\n${w.counter}{${w.label}="${w.value}"} 310\n`,
      'dotted-duplicate-series': (w) => `{"${w.dotted}"} 1\n{"${w.dotted}"} 2\n`,
      'dotted-crlf': (w) => `{"${w.dotted}"} 1\r\n`,
      'dotted-no-final-newline': (w) => `{"${w.dotted}"} 1`,
    },
    v,
  );
}

/** HELP text escapes: `\"` became legal. */
function helpEscapes(v: Vocabulary): DocumentCase[] {
  return cases(
    'help',
    {
      'escaped-quote': (w) => `# HELP ${w.gauge} Size of the \\"full\\" backup.\n${w.gauge} 1\n`,
      'escaped-quote-only': (w) => `# HELP ${w.gauge} \\"\n${w.gauge} 1\n`,
      'escaped-quote-at-end': (w) => `# HELP ${w.gauge} ${w.help}\\"\n${w.gauge} 1\n`,
      'escaped-quote-quoted-name': (w) => `# HELP "${w.gauge}" the \\"last\\" one\n{"${w.gauge}"} 1\n`,
      'plain-quote': (w) => `# HELP ${w.gauge} the "last" one\n${w.gauge} 1\n`,
      'escaped-tab': (w) => `# HELP ${w.gauge} a\\tb\n${w.gauge} 1\n`,
      'escaped-single-quote': (w) => `# HELP ${w.gauge} it\\'s\n${w.gauge} 1\n`,
      'escaped-backslash-then-quote': (w) => `# HELP ${w.gauge} a\\\\"b\n${w.gauge} 1\n`,
      'trailing-backslash': (w) => `# HELP ${w.gauge} a\\\n${w.gauge} 1\n`,
      'escaped-newline-and-quote': (w) => `# HELP ${w.gauge} line\\none \\"two\\"\n${w.gauge} 1\n`,
    },
    v,
  );
}

/** Metric types: `gaugehistogram` became a type. */
function types(v: Vocabulary): DocumentCase[] {
  return cases(
    'type',
    {
      'gaugehistogram-full': () =>
        `# HELP queue_wait_seconds Waiting items by age.\n# TYPE queue_wait_seconds gaugehistogram\nqueue_wait_seconds_bucket{le="1"} 2\nqueue_wait_seconds_bucket{le="+Inf"} 5\nqueue_wait_seconds_gcount 5\nqueue_wait_seconds_gsum 7.5\n`,
      'gaugehistogram-type-only': () => `# TYPE queue_wait_seconds gaugehistogram\n`,
      'gaugehistogram-plain-sample': () => `# TYPE queue_wait_seconds gaugehistogram\nqueue_wait_seconds 3\n`,
      'gaugehistogram-bucket-only': () => `# TYPE queue_wait_seconds gaugehistogram\nqueue_wait_seconds_bucket{le="+Inf"} 5\n`,
      'gaugehistogram-count-sum': () => `# TYPE queue_wait_seconds gaugehistogram\nqueue_wait_seconds_count 5\nqueue_wait_seconds_sum 1\n`,
      'gaugehistogram-upper-case': () => `# TYPE queue_wait_seconds GAUGEHISTOGRAM\nqueue_wait_seconds_gcount 5\n`,
      'gaugehistogram-quoted-name': (w) => `# TYPE "${w.dotted}" gaugehistogram\n{"${w.dotted}_bucket", le="+Inf"} 5\n{"${w.dotted}_gcount"} 5\n`,
      'gaugehistogram-negative-bucket': () => `# TYPE queue_wait_seconds gaugehistogram\nqueue_wait_seconds_bucket{le="+Inf"} -5\n`,
      'gauge-underscore-histogram': () => `# TYPE queue_wait_seconds gauge_histogram\nqueue_wait_seconds_bucket{le="+Inf"} 5\n`,
      info: (w) => `# TYPE ${w.gauge} info\n${w.gauge} 1\n`,
      stateset: (w) => `# TYPE ${w.gauge} stateset\n${w.gauge} 1\n`,
      unknown: (w) => `# TYPE ${w.gauge} unknown\n${w.gauge} 1\n`,
      'untyped-quoted': (w) => `# TYPE "${w.gauge}" untyped\n{"${w.gauge}"} 1\n`,
    },
    v,
  );
}

/** Histogram and summary counts: negative counts are refused now, float counts are not. */
function histogramCounts(v: Vocabulary): DocumentCase[] {
  const h = v.histogram;
  const head = `# HELP ${h} How long the backup took.\n# TYPE ${h} histogram\n`;
  const s = v.summary;
  const summaryHead = `# HELP ${s} Chunk sizes.\n# TYPE ${s} summary\n`;
  return cases(
    'hist',
    {
      'negative-bucket': () => `${head}${h}_bucket{le="1"} -1\n${h}_bucket{le="+Inf"} 1\n${h}_sum 1\n${h}_count 1\n`,
      'negative-inf-bucket': () => `${head}${h}_bucket{le="+Inf"} -1\n${h}_sum 1\n${h}_count 1\n`,
      'negative-count': () => `${head}${h}_bucket{le="+Inf"} 1\n${h}_sum 1\n${h}_count -1\n`,
      'negative-count-only': () => `${head}${h}_count -3\n`,
      'negative-sum': () => `${head}${h}_bucket{le="+Inf"} 1\n${h}_sum -4\n${h}_count 1\n`,
      'negative-zero-count': () => `${head}${h}_bucket{le="+Inf"} -0\n${h}_sum 0\n${h}_count -0\n`,
      'negative-tiny-bucket': () => `${head}${h}_bucket{le="+Inf"} -1e-300\n${h}_count 0\n`,
      'negative-inf-count': () => `${head}${h}_count -Inf\n`,
      'nan-count': () => `${head}${h}_bucket{le="+Inf"} 1\n${h}_count NaN\n`,
      'nan-bucket': () => `${head}${h}_bucket{le="+Inf"} NaN\n${h}_count 1\n`,
      'inf-count': () => `${head}${h}_bucket{le="+Inf"} 1\n${h}_count +Inf\n`,
      'float-bucket': () => `${head}${h}_bucket{le="1"} 0.5\n${h}_bucket{le="+Inf"} 1.5\n${h}_sum 2\n${h}_count 1.5\n`,
      'float-count': () => `${head}${h}_bucket{le="+Inf"} 2\n${h}_sum 2\n${h}_count 2.25\n`,
      'huge-count': () => `${head}${h}_bucket{le="+Inf"} 1e300\n${h}_count 1e300\n`,
      'decreasing-buckets': () => `${head}${h}_bucket{le="1"} 5\n${h}_bucket{le="2"} 3\n${h}_bucket{le="+Inf"} 5\n${h}_count 5\n`,
      'count-below-inf-bucket': () => `${head}${h}_bucket{le="+Inf"} 5\n${h}_count 3\n`,
      'negative-bucket-with-labels': (w) => `${head}${h}_bucket{${w.label}="${w.value}",le="+Inf"} -2\n${h}_count{${w.label}="${w.value}"} 0\n`,
      'negative-second-series': (w) => `${head}${h}_bucket{${w.label}="a",le="+Inf"} 1\n${h}_count{${w.label}="a"} 1\n${h}_bucket{${w.label}="b",le="+Inf"} -1\n${h}_count{${w.label}="b"} 1\n`,
      'negative-untyped-bucket': () => `${h}_bucket{le="+Inf"} -1\n${h}_count -1\n`,
      'negative-gauge-histogram-count': () => `# TYPE queue_wait_seconds gaugehistogram\nqueue_wait_seconds_gcount -1\n`,
      'summary-negative-count': () => `${summaryHead}${s}{quantile="0.5"} 10\n${s}_sum 20\n${s}_count -2\n`,
      'summary-negative-sum': () => `${summaryHead}${s}{quantile="0.5"} 10\n${s}_sum -20\n${s}_count 2\n`,
      'summary-float-count': () => `${summaryHead}${s}{quantile="0.5"} 10\n${s}_sum 20\n${s}_count 2.5\n`,
      'summary-negative-quantile-value': () => `${summaryHead}${s}{quantile="0.5"} -10\n${s}_sum 20\n${s}_count 2\n`,
      'summary-nan-count': () => `${summaryHead}${s}_count NaN\n`,
    },
    v,
  );
}

/** promtool 3: `metric not unique`, the narrowed type-in-name rule, and the rest of promlint. */
function promlint(v: Vocabulary): DocumentCase[] {
  const g = v.gauge;
  const help = `# HELP ${g} ${v.help}\n# TYPE ${g} gauge\n`;
  return cases(
    'lint',
    {
      'duplicate-gauge': () => `${help}${g} 1\n${g} 2\n`,
      'duplicate-gauge-labelled': (w) => `${help}${g}{${w.label}="${w.value}"} 1\n${g}{${w.label}="${w.value}"} 1\n`,
      'duplicate-labels-reordered': (w) => `${help}${g}{${w.label}="a",${w.otherLabel}="b"} 1\n${g}{${w.otherLabel}="b",${w.label}="a"} 2\n`,
      'duplicate-untyped': (w) => `${w.gauge} 1\n${w.gauge} 1\n`,
      'duplicate-counter': (w) => `# HELP ${w.counter} Files copied.\n# TYPE ${w.counter} counter\n${w.counter} 1\n${w.counter} 2\n`,
      'duplicate-histogram-bucket': (w) =>
        `# HELP ${w.histogram} Took.\n# TYPE ${w.histogram} histogram\n${w.histogram}_bucket{le="1"} 1\n${w.histogram}_bucket{le="1"} 1\n${w.histogram}_bucket{le="+Inf"} 1\n${w.histogram}_count 1\n${w.histogram}_sum 1\n`,
      'duplicate-summary-quantile': (w) =>
        `# HELP ${w.summary} Chunks.\n# TYPE ${w.summary} summary\n${w.summary}{quantile="0.5"} 1\n${w.summary}{quantile="0.5"} 2\n${w.summary}_count 1\n${w.summary}_sum 1\n`,
      'duplicate-histogram-count': (w) => `# HELP ${w.histogram} Took.\n# TYPE ${w.histogram} histogram\n${w.histogram}_bucket{le="+Inf"} 1\n${w.histogram}_count 1\n${w.histogram}_count 1\n`,
      'duplicate-quoted-and-plain': () => `${help}${g} 1\n{"${g}"} 2\n`,
      'duplicate-empty-label-vs-absent': (w) => `${help}${g} 1\n${g}{${w.label}=""} 2\n`,
      'duplicate-split-family': (w) => `${help}${g}{${w.label}="a"} 1\n${w.counter} 3\n${g}{${w.label}="a"} 2\n`,
      'not-duplicate-other-value': (w) => `${help}${g}{${w.label}="a"} 1\n${g}{${w.label}="b"} 1\n`,
      'type-in-name-counter-suffix': () => `# HELP jobs_counter Jobs.\n# TYPE jobs_counter counter\njobs_counter 1\n`,
      'type-in-name-counter-total': () => `# HELP jobs_counter_total Jobs.\n# TYPE jobs_counter_total counter\njobs_counter_total 1\n`,
      'type-in-name-gauge-suffix': () => `# HELP disk_gauge Disk.\n# TYPE disk_gauge gauge\ndisk_gauge 1\n`,
      'type-in-name-gauge-middle': () => `# HELP disk_gauge_bytes Disk.\n# TYPE disk_gauge_bytes gauge\ndisk_gauge_bytes 1\n`,
      'type-in-name-histogram-suffix': () =>
        `# HELP latency_histogram Took.\n# TYPE latency_histogram histogram\nlatency_histogram_bucket{le="+Inf"} 1\nlatency_histogram_count 1\nlatency_histogram_sum 1\n`,
      'type-in-name-histogram-gauge': () => `# HELP latency_histogram Took.\n# TYPE latency_histogram gauge\nlatency_histogram 1\n`,
      'type-in-name-summary-suffix': () => `# HELP chunk_summary Chunks.\n# TYPE chunk_summary summary\nchunk_summary_count 1\nchunk_summary_sum 1\n`,
      'type-in-name-summary-gauge': () => `# HELP chunk_summary Chunks.\n# TYPE chunk_summary gauge\nchunk_summary 1\n`,
      'type-in-name-untyped': () => `# HELP rows_untyped Rows.\n# TYPE rows_untyped untyped\nrows_untyped 1\n`,
      'type-in-name-gauge-on-counter': () => `# HELP rows_gauge_total Rows.\n# TYPE rows_gauge_total counter\nrows_gauge_total 1\n`,
      'type-in-name-counter-prefix': () => `# HELP counter_rows Rows.\n# TYPE counter_rows gauge\ncounter_rows 1\n`,
      'type-in-name-untyped-no-type': () => `# HELP rows_gauge Rows.\nrows_gauge 1\n`,
      'counter-without-total': () => `# HELP backup_files Files.\n# TYPE backup_files counter\nbackup_files 1\n`,
      'gauge-with-total': () => `# HELP backup_files_total Files.\n# TYPE backup_files_total gauge\nbackup_files_total 1\n`,
      'camel-case': () => `# HELP backupSizeBytes Size.\n# TYPE backupSizeBytes gauge\nbackupSizeBytes 1\n`,
      'milliseconds': () => `# HELP backup_duration_milliseconds Took.\n# TYPE backup_duration_milliseconds gauge\nbackup_duration_milliseconds 1\n`,
      'percent': () => `# HELP disk_used_percent Used.\n# TYPE disk_used_percent gauge\ndisk_used_percent 1\n`,
      'colon-name': () => `# HELP backup:size_bytes Size.\n# TYPE backup:size_bytes gauge\nbackup:size_bytes 1\n`,
      'no-help': (w) => `# TYPE ${w.gauge} gauge\n${w.gauge} 1\n`,
      'no-help-quoted-dotted': (w) => `# TYPE "${w.dotted}" gauge\n{"${w.dotted}"} 1\n`,
      'camel-case-quoted': () => `# HELP "backupSizeBytes" Size.\n# TYPE "backupSizeBytes" gauge\n{"backupSizeBytes"} 1\n`,
      'counter-without-total-quoted': () => `# HELP "backup_files" Files.\n# TYPE "backup_files" counter\n{"backup_files"} 1\n`,
      'duplicate-and-no-help': (w) => `${w.gauge}{${w.label}="${w.value}"} 1\n${w.gauge}{${w.label}="${w.value}"} 1\n`,
    },
    v,
  );
}

/** Parse error messages that are worded differently now. */
function messages(v: Vocabulary): DocumentCase[] {
  return cases(
    'msg',
    {
      'json-line': () => `{"backup": 1}\n`,
      'name-label-only': (w) => `{__name__="${w.gauge}"}\n`,
      'label-missing-equals': (w) => `${w.gauge}{${w.label}} 1\n`,
      'label-missing-equals-then-value': (w) => `${w.gauge}{${w.label} "${w.value}"} 1\n`,
      'label-dotted-unquoted': (w) => `${w.gauge}{${w.dottedLabel}="${w.value}"} 1\n`,
      'label-dash': (w) => `${w.gauge}{host-name="${w.value}"} 1\n`,
      'label-starts-with-digit': (w) => `${w.gauge}{1host="${w.value}"} 1\n`,
      'label-value-unquoted': (w) => `${w.gauge}{${w.label}=${w.value}} 1\n`,
      'label-value-unterminated': (w) => `${w.gauge}{${w.label}="${w.value}} 1\n`,
      'label-invalid-escape': (w) => `${w.gauge}{${w.label}="a\\qb"} 1\n`,
      'label-duplicate': (w) => `${w.gauge}{${w.label}="a",${w.label}="b"} 1\n`,
      'label-missing-comma': (w) => `${w.gauge}{${w.label}="a" ${w.otherLabel}="b"} 1\n`,
      'label-brace-unclosed': (w) => `${w.gauge}{${w.label}="a" 1\n`,
      'name-starts-with-digit': () => `1st_backup 1\n`,
      'name-only-brace-close': () => `} 1\n`,
      'help-without-name': () => `# HELP\n`,
      'type-without-name': () => `# TYPE\n`,
      'type-unknown': (w) => `# TYPE ${w.gauge} gauges\n${w.gauge} 1\n`,
      'type-twice': (w) => `# TYPE ${w.gauge} gauge\n# TYPE ${w.gauge} gauge\n${w.gauge} 1\n`,
      'help-twice': (w) => `# HELP ${w.gauge} a\n# HELP ${w.gauge} b\n${w.gauge} 1\n`,
      'value-missing': (w) => `${w.gauge}\n`,
      'value-word': (w) => `${w.gauge} one\n`,
      'value-hex': (w) => `${w.gauge} 0x10\n`,
      'timestamp-float': (w) => `${w.gauge} 1 1.5\n`,
      'histogram-le-missing-value': (w) => `# TYPE ${w.histogram} histogram\n${w.histogram}_bucket{le=""} 1\n`,
      'histogram-le-word': (w) => `# TYPE ${w.histogram} histogram\n${w.histogram}_bucket{le="one"} 1\n`,
      'summary-quantile-word': (w) => `# TYPE ${w.summary} summary\n${w.summary}{quantile="median"} 1\n`,
      'bom': (w) => `\ufeff${w.gauge} 1\n`,
      'dash-in-name': () => `backup-size 1\n`,
      'exemplar': (w) => `${w.counter} 1 # {trace_id="abc"} 1\n`,
    },
    v,
  );
}

export function todayDocuments(v: Vocabulary): DocumentCase[] {
  const all = [...quotedNames(v), ...helpEscapes(v), ...types(v), ...histogramCounts(v), ...promlint(v), ...messages(v)];
  const slugs = new Set<string>();
  for (const { slug } of all) {
    if (slugs.has(slug)) {
      throw new Error(`duplicate slug ${slug}`);
    }
    slugs.add(slug);
  }
  return all;
}
