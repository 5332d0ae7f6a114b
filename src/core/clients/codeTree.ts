// What the Python and Go readers share: a file that does not mention its client is never parsed,
// and the same small views on tree-sitter nodes.
import { Span } from '../exposition/model';
import { TreeNode, TreeParser } from '../shell/tree/shellParser';
import { ClientAnalysis, NO_CLIENT_CODE } from './clientSite';

/** One client library's reading of code: the text a file holds when it uses the client, and what its tree declares and pushes. */
export interface ClientReader {
  /** A file holds one of them when it uses the client (or pushes by itself). */
  readonly markers: readonly string[];
  readonly read: (root: TreeNode) => ClientAnalysis;
}

/** Whether the file may use the client: a file that does not is never parsed. */
export function mentionsClient(reader: ClientReader, text: string): boolean {
  return reader.markers.some((marker) => text.includes(marker));
}

export function analyseWith(reader: ClientReader, parser: TreeParser, text: string): ClientAnalysis {
  return mentionsClient(reader, text) ? parser.parse(text, reader.read) : NO_CLIENT_CODE;
}

/** An identifier followed to the value it was last assigned before `at` (`assignments`: each name's values in file order), or to its only value; anything else as it is. */
export function followedName(assignments: ReadonlyMap<string, readonly TreeNode[]>, node: TreeNode, at: TreeNode): TreeNode {
  if (node.type !== 'identifier') {
    return node;
  }
  const values = assignments.get(node.text) ?? [];
  const before = values.filter((value) => value.startIndex < at.startIndex);
  return before[before.length - 1] ?? (values.length === 1 ? values[0] : node);
}

/** The node's span on its first line (to the end of that line when it runs on). */
export function spanOf(node: TreeNode): Span {
  const { row, column } = node.startPosition;
  return { line: row, start: column, end: node.endPosition.row === row ? node.endPosition.column : column + node.text.split('\n')[0].length };
}

/** The node's named children, comments left out (Go's argument lists, composite literals...). */
export function namedOf(node: TreeNode | null): TreeNode[] {
  return (node?.namedChildren ?? []).flatMap((child) => (child && child.type !== 'comment' ? [child] : []));
}

export function descendants(root: TreeNode, type: string): TreeNode[] {
  return root.descendantsOfType(type).flatMap((node) => (node ? [node] : []));
}

/** The character of a `\x`, `\u`, `\U` or octal escape; past Unicode's last code point, the escape as written (a half-typed literal must not throw). */
export function escapedCharacter(code: number, asWritten: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : asWritten;
}
