import { DEFAULT_LAST_SUCCESS_PATTERN } from './groupHealth';
import { NamePattern } from './namePattern';

/** The human time of a Unix-seconds value at the end of a line of a group document. */
export interface TimeHint {
  /** 0-based line; the hint goes at its end, after the value. */
  readonly line: number;
  readonly text: string;
}

/** Names that hold Unix seconds by convention, and the gateway's own push times (in its `/metrics` text). */
const TIME_NAME = /_timestamp_seconds$|_unixtime$|^push_(failure_)?time_seconds$/;

/** `2026-12-02 07:11:47 UTC`; `never` for 0 (the gateway's "no such push"). */
export function humanTime(seconds: number): string {
  return seconds === 0 ? 'never' : `${new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * For a group's metrics as Open as Document shows them (the gateway's text, e.g.
 * `push_time_seconds{job="x"} 1.796156707e+09`): the time each push time and each last-success gauge
 * (`*_timestamp_seconds`, `*_unixtime`, the last-success pattern) stands for. The text itself is
 * left as the gateway wrote it.
 */
export function groupDocumentTimes(text: string, lastSuccessPattern: NamePattern = DEFAULT_LAST_SUCCESS_PATTERN): TimeHint[] {
  const hints: TimeHint[] = [];
  text.split('\n').forEach((line, index) => {
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{.*\})?\s+(\S+)\s*$/.exec(line);
    if (!sample || !(TIME_NAME.test(sample[1]) || lastSuccessPattern.test(sample[1]))) {
      return;
    }
    const seconds = Number(sample[2]);
    // Up to year 9999: a larger value is no time toISOString can write.
    if (Number.isFinite(seconds) && seconds >= 0 && seconds < 253_402_300_800) {
      hints.push({ line: index, text: humanTime(seconds) });
    }
  });
  return hints;
}
