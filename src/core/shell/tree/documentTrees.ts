import { TreePushSite, treePushSitesOf } from './pushSites';
import { ShellEdit, ShellParser, ShellTree } from './shellParser';
import { reusedSites } from './siteReuse';
import { editBetween } from './textEdit';

// The editor's shell trees: one per open document, kept between lints and parsed again
// incrementally (tree-sitter reuses every subtree the edit did not touch), so that a keystroke in
// a long script does not pay a full parse. A tree lives in the wasm heap: `close` and `dispose`
// free it.

interface KeptTree {
  readonly text: string;
  readonly tree: ShellTree;
  /** The sites found on it (undefined when the finder failed). */
  readonly sites: TreePushSite[] | undefined;
}

export class ShellDocumentTrees {
  private readonly kept = new Map<string, KeptTree>();
  /** How many times the sites were found on the whole tree, and how many edits kept them (for tests and the bench). */
  readonly counts = { found: 0, reused: 0 };

  constructor(private readonly parser: ShellParser) {}

  /** The push sites of a document's text, found on its kept tree; undefined should the parse or the finder fail. */
  sitesOf(key: string, text: string): TreePushSite[] | undefined {
    const kept = this.kept.get(key);
    if (kept?.text === text) {
      return kept.sites;
    }
    this.kept.delete(key);
    let parsed: { tree: ShellTree; reused?: TreePushSite[] };
    try {
      parsed = this.parse(kept, text);
    } catch {
      return undefined;
    }
    const { tree, reused } = parsed;
    if (reused) {
      this.counts.reused++;
    } else {
      this.counts.found++;
    }
    // A nested `sh -c "..."` script is parsed on its own, as `pgw lint` does.
    const sites = reused ?? treePushSitesOf({ parse: (script, read) => (script === text ? read(tree.rootNode) : this.parser.parse(script, read)) }, text);
    this.kept.set(key, { text, tree, sites });
    return sites;
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

  /** The tree of `text`, parsed from the kept one when there is one (which is freed), and the kept sites when the edit cannot have changed them. */
  private parse(kept: KeptTree | undefined, text: string): { tree: ShellTree; reused?: TreePushSite[] } {
    if (!kept) {
      return { tree: this.parser.parseTree(text) };
    }
    try {
      const edit = editBetween(kept.text, text);
      // Tree.edit reads nothing but the six fields of the edit.
      kept.tree.edit(edit as ShellEdit);
      const tree = this.parser.parseTree(text, kept.tree);
      const reused = kept.sites && keptSites(() => reusedSites({ before: kept.text, after: text, edit, oldTree: kept.tree, newTree: tree, sites: kept.sites! }));
      return { tree, ...(reused && { reused }) };
    } finally {
      kept.tree.delete();
    }
  }
}

/** The reuse test is a shortcut: should it fail, the sites are found again. */
function keptSites(reuse: () => TreePushSite[] | undefined): TreePushSite[] | undefined {
  try {
    return reuse();
  } catch {
    return undefined;
  }
}
