/** One `machine` (or the `default`) entry of a netrc file. */
interface NetrcEntry {
  /** The host name, or undefined for `default`. */
  readonly machine?: string;
  readonly login?: string;
  readonly password?: string;
}

/**
 * Reads a netrc file as curl and ftp do: whitespace-separated tokens, `machine NAME` or `default`
 * starting an entry, `login`, `password` (and `account`, ignored) inside it; a `macdef` runs to the
 * next empty line. Double-quoted tokens may hold spaces (curl's extension).
 */
export function parseNetrc(text: string): NetrcEntry[] {
  const entries: Array<{ machine?: string; login?: string; password?: string }> = [];
  const tokens = netrcTokens(text);
  let current: { machine?: string; login?: string; password?: string } | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === 'machine' || token === 'default') {
      current = token === 'machine' ? { machine: tokens[++index] } : {};
      entries.push(current);
    } else if ((token === 'login' || token === 'password') && current) {
      current[token] = tokens[++index];
    } else if (token === 'account') {
      index++;
    }
  }
  return entries;
}

function netrcTokens(text: string): string[] {
  const tokens: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let line = 0; line < lines.length; line++) {
    const found = lines[line].match(/"(?:[^"\\]|\\.)*"|[^\s]+/g) ?? [];
    for (const raw of found) {
      tokens.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
    }
    if (found[0] === 'macdef') {
      tokens.pop();
      tokens.pop();
      while (line + 1 < lines.length && lines[line + 1].trim() !== '') {
        line++;
      }
    }
  }
  return tokens;
}

/** The entry for the host: its own machine entry first, else the `default` one. */
export function netrcEntryFor(entries: readonly NetrcEntry[], host: string): NetrcEntry | undefined {
  return entries.find((entry) => entry.machine === host) ?? entries.find((entry) => entry.machine === undefined);
}
