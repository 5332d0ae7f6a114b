import * as fs from 'node:fs';
import { decodeExposition } from '../core/exposition/decode';
import { Diagnostic } from '../core/exposition/diagnostic';
import { lintExposition, LintOptions } from '../core/exposition/lint';
import { ExpositionLintByFamily } from '../core/exposition/lintByFamily';
import { FileReader } from './cliInput';

// `pgw lint` of an exposition file without the file ever being one string: read in blocks, cut into
// pieces of whole lines, linted family by family. Only a document that needs lintExposition (see
// ExpositionLintByFamily) is read again, whole.

/** A reader that can also give a file's bytes a block at a time. */
export interface BlockFileReader extends FileReader {
  /**
   * The file's bytes in order, a block at a time; a block may be reused once the next is asked for.
   * Undefined for a file that cannot be read a second time (a pipe, a FIFO, `/dev/stdin`): the rare
   * document that must be linted whole reads the file again, so such a file is read whole at once.
   */
  readFileInBlocks?(path: string): Iterable<Uint8Array> | undefined;
}

const BLOCK_BYTES = 64 * 1024;

function* nodeFileBlocks(path: string): Generator<Uint8Array> {
  const fd = fs.openSync(path, 'r');
  try {
    const block = Buffer.allocUnsafe(BLOCK_BYTES);
    for (;;) {
      const read = fs.readSync(fd, block, 0, BLOCK_BYTES, null);
      if (read === 0) {
        return;
      }
      yield block.subarray(0, read);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The blocks as text, cut after the last new-line of each: every piece but the last is whole lines,
 * the last is the rest (maybe empty). A new-line byte is never part of a UTF-8 sequence, so each
 * piece decodes as it would within the whole file.
 */
export function* linePieces(blocks: Iterable<Uint8Array>): Generator<{ text: string; last: boolean }> {
  let pending: Uint8Array[] = [];
  for (const block of blocks) {
    const newline = block.lastIndexOf(0x0a);
    if (newline < 0) {
      pending.push(Uint8Array.from(block));
      continue;
    }
    const lines = block.subarray(0, newline + 1);
    yield { text: decodeExposition(pending.length === 0 ? lines : Buffer.concat([...pending, lines])), last: false };
    pending = [Uint8Array.from(block.subarray(newline + 1))];
  }
  yield { text: decodeExposition(Buffer.concat(pending)), last: true };
}

/** The diagnostics of an exposition file, read in blocks (see above). Throws what reading the file throws. */
export function lintExpositionFile(path: string, reader: BlockFileReader, options: LintOptions): Diagnostic[] {
  const blocks = reader.readFileInBlocks?.(path);
  if (blocks === undefined) {
    return lintExposition(decodeExposition(reader.readFile(path)), options).diagnostics;
  }
  const lint = new ExpositionLintByFamily(options);
  for (const piece of linePieces(blocks)) {
    if (piece.last) {
      const diagnostics = lint.end(piece.text);
      if (diagnostics !== undefined) {
        return diagnostics;
      }
    } else {
      lint.write(piece.text);
      if (lint.needsWholeDocument) {
        break;
      }
    }
  }
  return lintExposition(decodeExposition(reader.readFile(path)), options).diagnostics;
}

/** Node's file reader, with blocks. */
export const nodeBlockFileReader: BlockFileReader = {
  readFile: (path) => fs.readFileSync(path),
  readStdin: () => fs.readFileSync(0),
  readFileInBlocks: (path) => (fs.statSync(path).isFile() ? nodeFileBlocks(path) : undefined),
};
