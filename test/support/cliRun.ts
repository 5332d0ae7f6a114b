import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileReader } from '../../src/cli/cliInput';
import type { ShellParser } from '../../src/core/shell/tree/shellParser';
import type { runLint } from '../../src/cli/lintCommand';

/** Reads the files a command names from one folder; standard input is empty. */
export function folderReader(folder: string): FileReader {
  return {
    readFile: (name) => fs.readFileSync(path.join(folder, name)),
    readStdin: () => Buffer.alloc(0),
  };
}

/** Runs `pgw lint` or `pgw pushes` in-process with `parser` as the shell parser; what it printed, its exit code and how often it loaded the parser. */
export async function runCli(command: typeof runLint, args: string[], reader: FileReader, parser: ShellParser | undefined) {
  let out = '';
  let err = '';
  let loads = 0;
  const loadParser = () => {
    loads++;
    return Promise.resolve(parser);
  };
  const code = await command(args, { out: (text) => (out += text), err: (text) => (err += text) }, reader, loadParser);
  return { code, out, err, loads };
}
