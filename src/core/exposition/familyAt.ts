import { Family, Token } from './model';

/**
 * The family whose name (in a sample, HELP or TYPE line) is at a position, with that name token; a
 * position just after the name still counts, as a cursor there is on the name.
 */
export function familyAt(families: readonly Family[], line: number, column: number): { family: Family; token: Token } | undefined {
  const contains = (token: Token | undefined): token is Token => token !== undefined && token.span.line === line && token.span.start <= column && column <= token.span.end;
  for (const family of families) {
    const token = [family.help?.name, family.type?.name, ...family.samples.map((sample) => sample.name)].find(contains);
    if (token) {
      return { family, token };
    }
  }
  return undefined;
}
