/** How a gateway 400 names the line of the body it refuses. */
const GATEWAY_LINE = /text format parsing error in line (\d+):/;
const EVERY_GATEWAY_LINE = new RegExp(GATEWAY_LINE.source, 'g');

/**
 * A gateway's error text with the line it names counted in the document the pushed text came from
 * (`firstLine`: the 0-based document line of the body's first line), so that a message about a
 * heredoc names the script's line; the body's own line is kept in brackets.
 */
export function withDocumentLine(gatewayText: string, firstLine: number): string {
  if (firstLine === 0) {
    return gatewayText;
  }
  return gatewayText.replace(EVERY_GATEWAY_LINE, (_match, line: string) => `text format parsing error in line ${firstLine + Number(line)} (line ${line} of the pushed body):`);
}

/** "line N" for a 0-based line of a pushed body, counted in the document it came from. */
export function documentLineLabel(bodyLine: number, firstLine: number): string {
  return `line ${firstLine + bodyLine + 1}`;
}

/** The line a gateway 400 names (`text format parsing error in line 3: ...`), 0-based, if any. */
export function lineOfGatewayError(body: string): number | undefined {
  const match = GATEWAY_LINE.exec(body);
  return match ? Number(match[1]) - 1 : undefined;
}
