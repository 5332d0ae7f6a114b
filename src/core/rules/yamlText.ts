/**
 * A YAML double-quoted scalar. YAML 1.2's double-quoted style is a superset of JSON strings, so
 * JSON's escaping (quotes, backslashes, control characters, line breaks) is exactly right.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** A PromQL string literal: double-quoted with Go's escapes, which JSON's escapes are a subset of. */
export function promqlString(text: string): string {
  return JSON.stringify(text);
}

/** `{job="x",instance="y"}`: a label matcher list or a series' labels, in PromQL. */
export function promqlLabels(labels: ReadonlyArray<readonly [string, string]>): string {
  return `{${labels.map(([name, value]) => `${name}=${promqlString(value)}`).join(',')}}`;
}

/** A YAML comment line; a line break in the text would end the comment, so it becomes a space. */
export function yamlComment(text: string): string {
  return `# ${text.replace(/[\r\n\u2028\u2029\u0085]/g, ' ')}`;
}
