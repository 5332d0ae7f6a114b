import { GroupingKey, parsePushPath } from '../protocol/groupingKey';
import { ValueExpansion, WordValue } from './words';

/** What can be known statically about a push URL written in a script. */
export interface PushUrl {
  readonly url: string;
  readonly urlIsLiteral: boolean;
  readonly urlVariables: readonly string[];
  readonly groupingKey?: GroupingKey;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

export function describePushUrl(value: WordValue): PushUrl {
  const groupingKey = groupingKeyOf(value);
  return {
    url: value.value,
    urlIsLiteral: value.expansions.length === 0,
    urlVariables: value.expansions.map((expansion) => expansion.name ?? expansion.text),
    ...(groupingKey && { groupingKey }),
  };
}

/**
 * The grouping key from the URL's path, when the path (after scheme and host, before `?` or `#`)
 * has no expansion; `$PUSHGATEWAY/metrics/job/x` still has one, `.../job/$JOB` has none.
 */
function groupingKeyOf({ value: url, expansions }: WordValue): GroupingKey | undefined {
  const pathStart = pathStartOf(url, expansions);
  if (pathStart < 0) {
    return undefined;
  }
  const pathEnd = firstOf(url, '?#', pathStart);
  if (expansions.some((expansion) => expansion.end > pathStart && expansion.start < pathEnd)) {
    return undefined;
  }
  const parsed = parsePushPath(url.slice(pathStart, pathEnd));
  return parsed.ok ? parsed.value.key : undefined;
}

/** The first `/` after the scheme and host that is not inside an expansion, or -1. */
export function pathStartOf(url: string, expansions: readonly ValueExpansion[]): number {
  let next = 0;
  for (let i = SCHEME.exec(url)?.[0].length ?? 0; i < url.length; i++) {
    while (next < expansions.length && expansions[next].end <= i) {
      next++;
    }
    if (next < expansions.length && expansions[next].start <= i) {
      i = expansions[next].end - 1;
    } else if (url[i] === '/') {
      return i;
    } else if (url[i] === '?' || url[i] === '#') {
      return -1;
    }
  }
  return -1;
}

function firstOf(text: string, characters: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (characters.includes(text[i])) {
      return i;
    }
  }
  return text.length;
}

/** A stretch of a URL, by offsets. */
export interface Segment {
  readonly start: number;
  readonly end: number;
}

/** The path from its first `/` up to `?` or `#`, split at the `/`s outside expansions (the leading one dropped). */
export function pathSegments(url: string, pathStart: number, expansions: readonly ValueExpansion[]): Segment[] {
  const segments: Segment[] = [];
  let start = pathStart + 1;
  let next = 0;
  for (let i = start; i <= url.length; i++) {
    while (next < expansions.length && expansions[next].end <= i) {
      next++;
    }
    if (i < url.length && next < expansions.length && expansions[next].start <= i) {
      i = expansions[next].end - 1;
      continue;
    }
    const c = url[i];
    if (i === url.length || c === '/' || c === '?' || c === '#') {
      segments.push({ start, end: i });
      start = i + 1;
      if (c === '?' || c === '#') {
        break;
      }
    }
  }
  return segments;
}
