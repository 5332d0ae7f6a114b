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
 *       "families": ["backup_size_bytes"]         the families a push carried (empty otherwise)
 *   } ] }
 *
 * Oldest entry first; when the ring is full the oldest entries are dropped and counted. Requests to
 * /mock/ itself are not logged.
 */
export interface PushLogEntry {
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly groupingKey?: GroupingLabels;
  readonly status: number;
  readonly error?: string;
  readonly bodyBytes: number;
  readonly families: readonly string[];
}

export const DEFAULT_LOG_CAPACITY = 1000;

/** A bounded ring of log entries. */
export class PushLog {
  private readonly ring: PushLogEntry[] = [];
  private start = 0;
  private droppedCount = 0;
  private readonly listeners = new Set<(entry: PushLogEntry) => void>();

  constructor(readonly capacity: number = DEFAULT_LOG_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`push log capacity must be a positive integer, got ${capacity}`);
    }
  }

  add(entry: PushLogEntry): void {
    if (this.ring.length < this.capacity) {
      this.ring.push(entry);
    } else {
      this.ring[this.start] = entry;
      this.start = (this.start + 1) % this.capacity;
      this.droppedCount++;
    }
    for (const listener of this.listeners) {
      listener(entry);
    }
  }

  /** Calls `listener` with every entry added from now on; the returned function stops that. */
  onEntry(listener: (entry: PushLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The entries, oldest first. */
  entries(): PushLogEntry[] {
    return [...this.ring.slice(this.start), ...this.ring.slice(0, this.start)];
  }

  /** How many entries the ring has dropped to make room. */
  get dropped(): number {
    return this.droppedCount;
  }

  clear(): void {
    this.ring.length = 0;
    this.start = 0;
    this.droppedCount = 0;
  }

  toJSON(): { capacity: number; dropped: number; entries: PushLogEntry[] } {
    return { capacity: this.capacity, dropped: this.droppedCount, entries: this.entries() };
  }
}
