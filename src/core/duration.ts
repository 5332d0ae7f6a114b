import { failure, Result, success } from './result';

const UNIT_SECONDS: ReadonlyArray<[string, number]> = [
  ['y', 365 * 86_400],
  ['w', 7 * 86_400],
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
  ['ms', 0.001],
];

/** Prometheus' duration syntax: units from largest to smallest, each at most once (`7d`, `25h`, `1h30m`). */
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** A duration as Prometheus writes it (`7d`, `25h`, `90m`, `1h30m`), in seconds; zero and anything else are refused. */
export function parseDuration(text: string): Result<number> {
  const match = text === '' ? null : DURATION.exec(text);
  if (!match) {
    return failure(`"${text}" is not a duration: write a number and a unit, e.g. 7d, 25h, 90m or 1h30m (units y, w, d, h, m, s, ms, largest first)`);
  }
  const seconds = UNIT_SECONDS.reduce((sum, [, size], index) => sum + Number(match[index + 1] ?? 0) * size, 0);
  if (seconds <= 0) {
    return failure(`"${text}" is no time at all: give a duration above zero`);
  }
  return success(seconds);
}

/** Seconds as a Prometheus duration (`90000` → `1d1h`), exact to the second. */
export function formatDuration(seconds: number): string {
  let rest = seconds;
  let text = '';
  for (const [unit, size] of UNIT_SECONDS.filter(([unit]) => ['d', 'h', 'm', 's'].includes(unit))) {
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return text === '' ? '0s' : text;
}
