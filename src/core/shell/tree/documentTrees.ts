import { TreePushSite, treePushSitesOf } from './pushSites';
import { ShellEdit, ShellParser, ShellTree } from './shellParser';

// The editor's shell trees: one per open document, kept between lints and parsed again
// incrementally (tree-sitter reuses every subtree the edit did not touch), so that a keystroke in
// a long script does not pay a full parse. A tree lives in the wasm heap: `close` and `dispose`
// free it.

interface KeptTree {
  readonly text: string;
  readonly tree: ShellTree;
}

export class ShellDocumentTrees {
  private readonly kept = new Map<string, KeptTree>();

  constructor(private readonly parser: ShellParser) {}

  /** The push sites of a document's text, found on its kept tree; undefined should the parse or the finder fail. */
  sitesOf(key: string, text: string): TreePushSite[] | undefined {
    let tree: ShellTree;
    try {
      tree = this.treeOf(key, text);
    } catch {
      return undefined;
    }
    // A nested `sh -c "..."` script is parsed on its own, as `pgw lint` does.
    return treePushSitesOf({ parse: (script, read) => (script === text ? read(tree.rootNode) : this.parser.parse(script, read)) }, text);
  }

  /** How many trees are kept (one per open shell document that was linted). */
  get size(): number {
    return this.kept.size;
  }

  /** The document was closed: its tree is freed. */
  close(key: string): void {
    this.kept.get(key)?.tree.delete();
    this.kept.delete(key);
  }

  dispose(): void {
    for (const key of [...this.kept.keys()]) {
      this.close(key);
    }
  }

  private treeOf(key: string, text: string): ShellTree {
    const kept = this.kept.get(key);
    if (kept?.text === text) {
      return kept.tree;
    }
    this.kept.delete(key);
    let tree: ShellTree;
    try {
      if (kept) {
        // Tree.edit reads nothing but the six fields of the edit.
        kept.tree.edit(editBetween(kept.text, text) as ShellEdit);
      }
      tree = this.parser.parseTree(text, kept?.tree);
    } finally {
      kept?.tree.delete();
    }
    this.kept.set(key, { text, tree });
    return tree;
  }
}

export type TextEdit = Pick<ShellEdit, 'startIndex' | 'oldEndIndex' | 'newEndIndex' | 'startPosition' | 'oldEndPosition' | 'newEndPosition'>;

/**
 * The one edit that turns `before` into `after`: what lies between their common start and common
 * end. Found from the texts themselves (a linear scan), so it holds however many changes the
 * editor made since the last lint.
 */
export function editBetween(before: string, after: string): TextEdit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) {
    start++;
  }
  let common = 0;
  while (common < shorter - start && before.charCodeAt(before.length - 1 - common) === after.charCodeAt(after.length - 1 - common)) {
    common++;
  }
  const oldEndIndex = before.length - common;
  const newEndIndex = after.length - common;
  return {
    startIndex: start,
    oldEndIndex,
    newEndIndex,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEndIndex),
    newEndPosition: pointAt(after, newEndIndex),
  };
}

/** Row and column (UTF-16 units, as the tree's positions) of `index` in `text`. */
function pointAt(text: string, index: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}
