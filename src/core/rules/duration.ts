import { failure, Result, success } from '../result';

const UNIT_SECONDS: Readonly<Record<string, number>> = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 };

/**
 * Parses a Prometheus-style duration of whole units, largest first (`25h`, `1h30m`, `7d`, `90s`)
 * into seconds; the same spelling rule files and `--stale-after` use.
 */
export function parseDuration(text: string): Result<number> {
  const shape = /^(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?$/;
  if (text === '' || !shape.test(text)) {
    return failure(`"${text}" is not a duration like 25h, 90m, 1h30m or 7d`);
  }
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([wdhms])/g)) {
    seconds += Number(amount) * UNIT_SECONDS[unit];
  }
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    return failure(`"${text}" must be a duration above zero`);
  }
  return success(seconds);
}

/** Seconds as a Prometheus duration (`90000` → `1d1h`), exact to the second. */
export function formatDuration(seconds: number): string {
  let rest = seconds;
  let text = '';
  for (const unit of ['d', 'h', 'm', 's']) {
    const size = UNIT_SECONDS[unit];
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return text === '' ? '0s' : text;
}
