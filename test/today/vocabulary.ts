// The names, labels and values the "today" corpora are written with. Every case is a template over
// one vocabulary, so the same behaviours can be written a second time with other words: COMMITTED
// is the corpus under test/fixtures/*/today, HELD_OUT the one kept outside the project to measure
// against (see test/fixtures/README-today.md).

export interface Vocabulary {
  readonly name: 'committed' | 'held-out';
  /** Job name in push paths. */
  readonly job: string;
  /** Classic names, lint-clean as their type. */
  readonly gauge: string;
  readonly counter: string;
  readonly histogram: string;
  readonly summary: string;
  /** A name that is legal only quoted (dots), and one with non-ASCII letters. */
  readonly dotted: string;
  readonly unicodeName: string;
  readonly label: string;
  readonly value: string;
  readonly otherLabel: string;
  readonly otherValue: string;
  /** A label name that is legal only quoted. */
  readonly dottedLabel: string;
  readonly help: string;
}

export const COMMITTED: Vocabulary = {
  name: 'committed',
  job: 'nightly_backup',
  gauge: 'backup_last_size_bytes',
  counter: 'backup_files_total',
  histogram: 'backup_duration_seconds',
  summary: 'backup_chunk_bytes',
  dotted: 'backup.size.bytes',
  unicodeName: 'sicherung_größe_bytes',
  label: 'host',
  value: 'db-1',
  otherLabel: 'tier',
  otherValue: 'gold',
  dottedLabel: 'host.name',
  help: 'Bytes written by the last backup.',
};

export const HELD_OUT: Vocabulary = {
  name: 'held-out',
  job: 'report_export',
  gauge: 'export_rows_written',
  counter: 'export_retries_total',
  histogram: 'export_latency_seconds',
  summary: 'export_batch_bytes',
  dotted: 'export.rows.written',
  unicodeName: 'exportación_filas',
  label: 'region',
  value: 'eu-west',
  otherLabel: 'shard',
  otherValue: '7',
  dottedLabel: 'cloud.region',
  help: 'Rows the last export wrote.',
};

export function vocabularyNamed(name: string): Vocabulary {
  if (name === COMMITTED.name) {
    return COMMITTED;
  }
  if (name === HELD_OUT.name) {
    return HELD_OUT;
  }
  throw new Error(`unknown vocabulary "${name}" (committed or held-out)`);
}
