import { GroupingLabels } from '../store/sanitize';

/**
 * One request the mock gateway answered. Served as JSON by `GET /mock/v1/log`:
 *
 *   { "capacity": 1000, "dropped": 0, "entries": [ {
 *       "time": "2024-05-01T12:00:00.000Z",      when the request arrived (ISO 8601, UTC)
 *       "method": "PUT",
 *       "path": "/metrics/job/backup",            the request target as sent (query included)
 *       "groupingKey": { "job": "backup" },       the addressed group (pushes and deletes that got that far)
 *       "status": 400,
 *       "error": "text format parsing error ...", the answer's text for 4xx/5xx answers, else absent
 *       "bodyBytes": 42,                          request body size as received (before gunzip)
 *       "answerBytes": 0,                         size of the answer's body (a GET of /api/v1/metrics: the JSON)
 *       "families": ["backup_size_bytes"]         the families a push carried (empty otherwise)
 *   } ] }
 *
 * Oldest entry first; when the log is full (more than `capacity` entries, or more than `maxBytes`
 * bytes of JSON) the oldest entries are dropped and counted. Each entry is bounded: a path, an
 * error, a family name or a grouping label longer than MAX_LOGGED_TEXT characters is cut and ends with "… (N more characters)", and
 * at most MAX_LOGGED_FAMILIES family names are kept, with `familiesOmitted` counting the rest.
 * Requests to /mock/ itself are not logged.
 */
export interface PushLogEntry {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly groupingKey?: GroupingLabels;
  readonly status: number;
  readonly error?: string;
  readonly bodyBytes: number;
  /** The answer's body size; absent in entries added by hand. */
  readonly answerBytes?: number;
  readonly families: readonly string[];
  /** How many family names the entry left out (present only when it did). */
  readonly familiesOmitted?: number;
}

export const DEFAULT_LOG_CAPACITY = 1000;
/** The log's default size bound: the JSON of its entries stays under this many bytes. */
export const DEFAULT_LOG_MAX_BYTES = 8 * 1024 * 1024;
export const MAX_LOGGED_TEXT = 4096;
export const MAX_LOGGED_FAMILIES = 100;

/** A log of the newest entries, bounded in count and in bytes. */
export class PushLog {
  /** The kept entries are entries[head...]; the dropped prefix is cut off now and then. */
  private readonly kept: { readonly entry: PushLogEntry; readonly bytes: number }[] = [];
  private head = 0;
  private keptBytes = 0;
  private droppedCount = 0;
  private readonly listeners = new Set<(entry: PushLogEntry) => void>();

  constructor(
    readonly capacity: number = DEFAULT_LOG_CAPACITY,
    readonly maxBytes: number = DEFAULT_LOG_MAX_BYTES,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`push log capacity must be a positive integer, got ${capacity}`);
    }
    if (!Number.isInteger(maxBytes) || maxBytes < 1) {
      throw new RangeError(`push log byte bound must be a positive integer, got ${maxBytes}`);
    }
  }

  add(entry: PushLogEntry): void {
    const bounded = boundedEntry(entry);
    const bytes = Buffer.byteLength(JSON.stringify(bounded), 'utf8');
    this.kept.push({ entry: bounded, bytes });
    this.keptBytes += bytes;
    while (this.size > this.capacity || (this.keptBytes > this.maxBytes && this.size > 1)) {
      this.keptBytes -= this.kept[this.head].bytes;
      this.head++;
      this.droppedCount++;
    }
    if (this.head >= this.capacity) {
      this.kept.splice(0, this.head);
      this.head = 0;
    }
    for (const listener of this.listeners) {
      listener(bounded);
    }
  }

  /** Calls `listener` with every entry added from now on; the returned function stops that. */
  onEntry(listener: (entry: PushLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The entries, oldest first. */
  entries(): PushLogEntry[] {
    return this.kept.slice(this.head).map((kept) => kept.entry);
  }

  /** How many entries the log has dropped to make room. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** The size of the entries' JSON in bytes (without the separators between them). */
  get bytes(): number {
    return this.keptBytes;
  }

  clear(): void {
    this.kept.length = 0;
    this.head = 0;
    this.keptBytes = 0;
    this.droppedCount = 0;
  }

  toJSON(): { capacity: number; dropped: number; entries: PushLogEntry[] } {
    return { capacity: this.capacity, dropped: this.droppedCount, entries: this.entries() };
  }

  private get size(): number {
    return this.kept.length - this.head;
  }
}

/** The entry with its path, error and family names cut to their bounds. */
function boundedEntry(entry: PushLogEntry): PushLogEntry {
  const families = entry.families.length > MAX_LOGGED_FAMILIES ? entry.families.slice(0, MAX_LOGGED_FAMILIES) : entry.families;
  const omitted = entry.families.length - families.length;
  const bounded: PushLogEntry = {
    ...entry,
    path: boundedText(entry.path),
    ...(entry.groupingKey === undefined ? {} : { groupingKey: boundedLabels(entry.groupingKey) }),
    ...(entry.error === undefined ? {} : { error: boundedText(entry.error) }),
    families: families.map(boundedText),
    ...(omitted > 0 ? { familiesOmitted: omitted } : {}),
  };
  return bounded;
}

function boundedLabels(labels: GroupingLabels): GroupingLabels {
  const bounded: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    bounded[boundedText(name)] = boundedText(value);
  }
  return bounded;
}

function boundedText(text: string): string {
  return text.length <= MAX_LOGGED_TEXT ? text : `${text.slice(0, MAX_LOGGED_TEXT)}… (${text.length - MAX_LOGGED_TEXT} more characters)`;
}
