// A push URL with expansions in it (`$PUSHGATEWAY/metrics/job/backup/${DB}`), checked as far as its
// path is written out: the gateway's routes are /metrics/job/<job>{/<label>/<value>}, so a path
// whose first component after /metrics/ is a literal other than `job` is a 404, and an odd number
// of components is a 400 on every run, unless an expansion happens to hold a slash (certain when
// every expansion is a plain variable named like one value: `${DB}`, `$HOST`).
import { parsePushPath, UTF8_TEXT } from '../../protocol/groupingKey';
import { NameValidation } from '../../protocol/nameEscaping';
import { pathSegments } from '../pushUrl';
import { expansionsIn } from '../words';

export interface PathProblem {
  readonly error: string;
  /** Certain when the path after /metrics/ is literal; a likely problem when an expansion could hold a slash. */
  readonly certain: boolean;
}

const hasExpansion = (text: string) => /[$`]/.test(text);

/**
 * What the gateway would refuse in a push URL: all of its path when literal, else as far as it is
 * written out. `names` is the gateway's: with UTF-8 names (1.11 with --push.enable-utf8-names) a
 * label name in the path may be any UTF-8, and `U__` names are decoded.
 */
export function pushUrlProblem(url: string, urlIsLiteral: boolean, names: NameValidation = 'legacy'): PathProblem | undefined {
  if (!urlIsLiteral) {
    return partialPathProblem(url, names);
  }
  const path = pathOf(url);
  if (path === undefined) {
    return undefined;
  }
  const parsed = parsePushPath(path, UTF8_TEXT, names);
  return parsed.ok ? undefined : { error: parsed.error, certain: true };
}

function pathOf(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return url.startsWith('/') ? url.split(/[?#]/)[0] : undefined;
  }
}

function partialPathProblem(url: string, names: NameValidation): PathProblem | undefined {
  const at = url.indexOf('/metrics/');
  if (at < 0) {
    return undefined;
  }
  // Split outside expansions: a `/` in `$(cat /etc/host)` or a `#` in `${H#*/}` is no path separator.
  const segments = pathSegments(url, at, expansionsIn(url));
  const path = url.slice(at, segments[segments.length - 1]?.end ?? url.length);
  const components = segments.slice(1).map((segment) => url.slice(segment.start, segment.end));
  if (components[components.length - 1] === '') {
    components.pop();
  }
  const first = components[0] ?? '';
  if (first !== '' && !hasExpansion(first) && first !== 'job') {
    return { error: `"${first}" where the path needs "job" after /metrics/ (the gateway answers 404)`, certain: true };
  }
  if (!hasExpansion(path)) {
    const parsed = parsePushPath(path, UTF8_TEXT, names);
    return parsed.ok ? undefined : { error: parsed.error, certain: true };
  }
  if (components.length % 2 === 1) {
    if (components.every((component) => !hasExpansion(component) || holdsOneSegment(component))) {
      return { error: `an odd number of path components after /metrics/ (${components.length}): a label without a value (400 on every run)`, certain: true };
    }
    return { error: `an odd number of path components after /metrics/ (${components.length}): a label without a value, unless an expansion holds a slash`, certain: false };
  }
  return undefined;
}

/** Names of variables that may well hold several path segments (`$LABELS`, `${GROUPING_KEY}`, `$PATH_SUFFIX`). */
const MULTI_SEGMENT_NAME = /label|path|group|key|url|uri|route|suffix|prefix|dir|segment/i;

/**
 * A component whose expansions are plain variables (`${DB}`, `db-$N`) named like one value: it
 * stays one component, as nobody keeps a slash in a database or host name. A command substitution,
 * a `${VAR:-...}` with operators or a variable named like a path may hold several.
 */
function holdsOneSegment(component: string): boolean {
  const expansions = component.match(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9]|\$\(|`/g) ?? [];
  return expansions.every((expansion) => {
    const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9])\}?$/.exec(expansion)?.[1];
    return name !== undefined && !MULTI_SEGMENT_NAME.test(name);
  });
}
