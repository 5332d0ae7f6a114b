/** A point in time in whole microseconds since the Unix epoch. */
export type Micros = number;

/**
 * The store's clock: the injected `now` in microseconds, made strictly increasing. The real
 * gateway stamps writes in nanoseconds, so two writes never share a time and "last push
 * successful" (failure time <= push time) is always decided; a millisecond clock alone could tie.
 */
export class WriteClock {
  private last: Micros = 0;

  constructor(private readonly now: () => Date) {}

  next(): Micros {
    const current = this.now().getTime() * 1000;
    this.last = current > this.last ? current : this.last + 1;
    return this.last;
  }
}

/** Go's float64(t.UnixNano()) / 1e9. */
export function unixSeconds(time: Micros): number {
  return time / 1e6;
}

/** Go's time.Time JSON form (RFC 3339 with up to nanoseconds, trailing zeros trimmed), in UTC. */
export function rfc3339Nano(time: Micros): string {
  const millis = Math.floor(time / 1000);
  const micros = time - millis * 1000;
  const base = new Date(millis).toISOString(); // 2024-01-02T03:04:05.678Z
  const fraction = `${base.slice(20, 23)}${String(micros).padStart(3, '0')}`.replace(/0+$/, '');
  return `${base.slice(0, 19)}${fraction === '' ? '' : `.${fraction}`}Z`;
}
