import * as fs from 'node:fs';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { decodeExposition } from '../core/exposition/decode';
import { FileKind, fileKindOf, ForcedKind, kindByShebang } from '../core/files/fileKind';
import { failure, Result, success } from '../core/result';
import { ShellParser } from '../core/shell/tree/shellParser';
import { CliOutput } from './cliOutput';

// What `pgw lint` and `pgw pushes` share around their files: the arguments parsed with the usage on
// a mistake, each file read (or standard input for -) with one wording of an I/O error, and the
// kind a file is read as.

export interface FileReader {
  readFile(path: string): Uint8Array;
  readStdin(): Uint8Array;
}

export const nodeFileReader: FileReader = {
  readFile: (path) => fs.readFileSync(path),
  readStdin: () => fs.readFileSync(0),
};

/** Loads the shell parser (its WebAssembly), or gives none: called at the first shell script, so `.prom` files and usage errors never pay for it. */
export type ShellParserLoader = () => Promise<ShellParser | undefined>;

export const noShellParser: ShellParserLoader = () => Promise.resolve(undefined);

/** The loader called once, at the first call; later calls get the same parser. */
export function loadOnce(load: ShellParserLoader): ShellParserLoader {
  let loading: Promise<ShellParser | undefined> | undefined;
  return () => (loading ??= load());
}

/** `parseArgs(config)`, or undefined after printing `pgw COMMAND: <why>` and the usage. */
export function parseWithUsage<T extends ParseArgsConfig>(command: string, usage: string, config: T, output: CliOutput): ReturnType<typeof parseArgs<T>> | undefined {
  try {
    return parseArgs(config);
  } catch (error) {
    output.err(`pgw ${command}: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return undefined;
  }
}

export interface Input {
  /** As findings name it: the path, or `<stdin>` for -. */
  readonly name: string;
  readonly text: string;
}

/** The file (standard input for -) as text, or why it could not be read. */
export function readInput(file: string, reader: FileReader): Result<Input> {
  try {
    const bytes = file === '-' ? reader.readStdin() : reader.readFile(file);
    return success({ name: file === '-' ? '<stdin>' : file, text: decodeExposition(bytes) });
  } catch (error) {
    return failure(`cannot read ${file}: ${describeIoError(error)}`);
  }
}

/** The kind `--as` forces, else the file's own; standard input is `stdinKind` unless its `#!` says otherwise. */
export function kindOf(file: string, text: string, forced: ForcedKind | undefined, stdinKind: FileKind): FileKind {
  if (forced !== undefined) {
    return forced;
  }
  return file === '-' ? (kindByShebang(text) ?? stdinKind) : fileKindOf(file, text);
}

/** An I/O error in a few words (`no such file`, `it is a directory`, `permission denied`), else Node's message. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return 'no such file';
  }
  if (code === 'EISDIR') {
    return 'it is a directory';
  }
  if (code === 'EACCES') {
    return 'permission denied';
  }
  return error instanceof Error ? error.message : String(error);
}
