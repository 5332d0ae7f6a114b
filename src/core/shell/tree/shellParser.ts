// The shell parser: tree-sitter-bash on web-tree-sitter (the stack bash-language-server uses),
// loaded on first use so that activation and `pgw lint` of a .prom never pay for it. The same
// loader serves the Python and Go grammars of core/clients (`loadTreeParser`), each loaded only
// when a file of its language is analysed; the runtime is initialised once for all three.
//
// The .wasm files sit next to the bundle in dist/ (esbuild.js copies them there and the .vsix
// keeps them); when run from a test bundle they are found in node_modules instead.
//
// `require`, not `import()`: esbuild would pick web-tree-sitter's ESM build for `import()`, whose
// `createRequire(import.meta.url)` breaks inside a CommonJS bundle. esbuild wraps the required
// module in a closure, so nothing of it runs before the first `loadShellParser()`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node, Parser, Tree } from 'web-tree-sitter';

export type { Edit as ShellEdit, Node as ShellNode, Node as TreeNode, Tree as ShellTree } from 'web-tree-sitter';

export interface ShellParser {
  /**
   * Parses `text`, hands the tree's root to `read` and frees the tree afterwards, whatever `read`
   * does: a tree lives in the wasm heap, outside the garbage collector. `read` must not keep any
   * node (they die with the tree); it returns plain data.
   */
  parse<T>(text: string, read: (root: Node) => T): T;
  /**
   * Parses `text` and returns the tree, which the caller owns and must `delete()`. With `previous`
   * (already `edit()`ed to match `text`), only what the edits touched is parsed again; `previous`
   * stays the caller's to delete.
   */
  parseTree(text: string, previous?: Tree): Tree;
}

/** A parser of any of the three grammars: same contract as the shell one. */
export type TreeParser = ShellParser;
export type TreeGrammar = 'bash' | 'python' | 'go';

const RUNTIME_WASM = 'web-tree-sitter.wasm';

const loading = new Map<TreeGrammar, Promise<TreeParser>>();
let runtime: Promise<typeof import('web-tree-sitter')> | undefined;

/** The parser, loaded once per process; later calls return the same promise. */
export function loadShellParser(): Promise<ShellParser> {
  return loadTreeParser('bash');
}

/** The grammar's parser, loaded once per process (a failed load is tried again at the next call). */
export function loadTreeParser(grammar: TreeGrammar): Promise<TreeParser> {
  let parser = loading.get(grammar);
  if (parser === undefined) {
    parser = load(grammar).catch((error: unknown) => {
      loading.delete(grammar);
      throw error;
    });
    loading.set(grammar, parser);
  }
  return parser;
}

/** `loadShellParser()` then `parse()`: for callers that parse once. */
export async function parseShell<T>(text: string, read: (root: Node) => T): Promise<T> {
  return (await loadShellParser()).parse(text, read);
}

async function load(grammar: TreeGrammar): Promise<TreeParser> {
  const treeSitter = await loadRuntime();
  const packageName = `tree-sitter-${grammar}`;
  const language = await treeSitter.Language.load(fs.readFileSync(wasmPath(`${packageName}.wasm`, packageName)));
  const parser = new treeSitter.Parser();
  parser.setLanguage(language);
  return { parse: (text, read) => parseWith(parser, text, read), parseTree: (text, previous) => parseTree(parser, text, previous) };
}

function loadRuntime(): Promise<typeof import('web-tree-sitter')> {
  runtime ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const treeSitter = require('web-tree-sitter') as typeof import('web-tree-sitter');
    await treeSitter.Parser.init({ locateFile: () => wasmPath(RUNTIME_WASM, 'web-tree-sitter') });
    return treeSitter;
  })().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

function parseTree(parser: Parser, text: string, previous?: Tree): Tree {
  const tree = parser.parse(text, previous);
  if (tree === null) {
    throw new Error('the tree-sitter parser returned no tree');
  }
  return tree;
}

function parseWith<T>(parser: Parser, text: string, read: (root: Node) => T): T {
  const tree = parseTree(parser, text);
  try {
    return read(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** Next to the bundle (dist/), else from the package that ships it (tests run from out/). */
function wasmPath(file: string, packageName: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) {
    return beside;
  }
  return require.resolve(`${packageName}/${file}`);
}
