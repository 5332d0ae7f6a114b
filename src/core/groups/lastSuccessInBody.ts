import { NamePattern } from './namePattern';

const SAMPLE_NAME = /^[ \t]*([a-zA-Z_:][a-zA-Z0-9_:]*)/;

/**
 * The first metric of a pushed body whose name the last-success pattern matches: the gauge the
 * explorer will judge the group by once it is pushed (expansions such as `$(date +%s)` are values, not names).
 */
export function lastSuccessMetricInBody(body: string, pattern: NamePattern): string | undefined {
  for (const line of body.split('\n')) {
    const name = SAMPLE_NAME.exec(line)?.[1];
    if (name && pattern.test(name)) {
      return name;
    }
  }
  return undefined;
}
