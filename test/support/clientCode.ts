import { ClientAnalysis, ClientLanguage } from '../../src/core/clients/clientSite';
import { analyseWith, ClientReader } from '../../src/core/clients/codeTree';
import { loadTreeParser, TreeNode, TreeParser } from '../../src/core/shell/tree/shellParser';

/** What the HTTP-push tests of a client language read code with; its grammar is loaded in a `before` hook. */
export interface ClientCodeReader {
  /** The analysis of a file of these lines. */
  analyse(lines: string[]): ClientAnalysis;
  /** The first node of `stringTypes` in `source`, read by `read`. */
  firstString<T>(source: string, read: (node: TreeNode) => T): T;
}

/** Call inside a `describe`: registers the hook that loads the language's grammar. */
export function clientCodeReader(language: ClientLanguage, reader: ClientReader, stringTypes: string[]): ClientCodeReader {
  let parser: TreeParser;
  before(async () => {
    parser = await loadTreeParser(language);
  });
  return {
    analyse: (lines) => analyseWith(reader, parser, [...lines, ''].join('\n')),
    firstString: (source, read) =>
      parser.parse(source, (root) => {
        const node = root.descendantsOfType(stringTypes)[0];
        if (!node) {
          throw new Error(`no string in ${source}`);
        }
        return read(node);
      }),
  };
}
