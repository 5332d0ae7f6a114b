import type { Node } from 'web-tree-sitter';
import { TreePushSite } from './pushSites';
import { ShellTree } from './shellParser';
import { TextEdit } from './textEdit';

// Finding the push sites walks the whole tree (every command, assignment, redirection), which in a
// long script costs more than the incremental parse. Most keystrokes cannot change the sites:
// typing in a comment, or in a plain command far from any push. For those the previous sites are
// kept, moved down or up by the lines the edit added or removed. The test is conservative: any
// doubt (a quote, a `$`, a redirection, a pipe, a keyword, a tool's name, a heredoc or string
// around the edit, a structure change beyond the edited lines, a site on those lines) finds the
// sites again.

/** Characters of a line an edit may leave or make without changing any site (outside comments). */
const PLAIN_LINE = /^[A-Za-z0-9_ \t.,:/+@%^~-]*$/;
/** Words that start or end shell structure, or name what the finder follows. */
const WATCHED_WORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'in',
  'select',
  'function',
  'time',
  'coproc',
  'curl',
  'wget',
  'http',
  'https',
  'xh',
  'sh',
  'bash',
  'dash',
  'ash',
  'zsh',
  'ksh',
  'busybox',
  'read',
  'echo',
  'printf',
  'cat',
  'tee',
  'export',
  'local',
  'declare',
  'typeset',
  'readonly',
  'eval',
  'exec',
  'source',
  'kubectl',
  'docker',
]);
/** Where an edit changes a body or the structure around it. */
const WATCHED_NODES = new Set([
  'string',
  'raw_string',
  'ansi_c_string',
  'translated_string',
  'heredoc_body',
  'heredoc_redirect',
  'heredoc_start',
  'heredoc_end',
  'herestring_redirect',
  'command_substitution',
  'process_substitution',
  'ERROR',
]);

export interface ReuseInput {
  readonly before: string;
  readonly after: string;
  readonly edit: TextEdit;
  /** The previous tree, already edited, and the tree parsed from it. */
  readonly oldTree: ShellTree;
  readonly newTree: ShellTree;
  readonly sites: readonly TreePushSite[];
}

/** The previous sites moved by the edit, when the edit cannot have changed them; undefined when they must be found again. */
export function reusedSites(input: ReuseInput): TreePushSite[] | undefined {
  const { edit, sites } = input;
  const firstRow = edit.startPosition.row;
  const oldLastRow = edit.oldEndPosition.row;
  const newLastRow = edit.newEndPosition.row;
  if (!plainLines(input.before, firstRow, oldLastRow) || !plainLines(input.after, firstRow, newLastRow)) {
    return undefined;
  }
  if (sites.some((site) => touches(site, firstRow, oldLastRow))) {
    return undefined;
  }
  if (watchedAround(input.oldTree.rootNode, edit.startIndex, edit.newEndIndex) || watchedAround(input.newTree.rootNode, edit.startIndex, edit.newEndIndex)) {
    return undefined;
  }
  const changedElsewhere = input.newTree.getChangedRanges(input.oldTree).some((range) => range.startPosition.row < firstRow || range.endPosition.row > newLastRow + 1);
  if (changedElsewhere) {
    return undefined;
  }
  const rowShift = newLastRow - oldLastRow;
  const indexShift = edit.newEndIndex - edit.oldEndIndex;
  return rowShift === 0 && indexShift === 0 ? [...sites] : sites.map((site) => movedSite(site, oldLastRow, rowShift, edit.startIndex, indexShift));
}

/** Whether lines `first`..`last` of `text` are comments, or plain words without a watched one. */
function plainLines(text: string, first: number, last: number): boolean {
  let start = 0;
  for (let row = 0; row < first; row++) {
    start = text.indexOf('\n', start) + 1;
    if (start === 0) {
      return false;
    }
  }
  for (let row = first; row <= last; row++) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (!/^\s*#/.test(line) && (!PLAIN_LINE.test(line) || line.split(/[^A-Za-z0-9_]+/).some((word) => WATCHED_WORDS.has(word)))) {
      return false;
    }
    if (end === -1) {
      break;
    }
    start = end + 1;
  }
  return true;
}

/** Whether a site's command, body or ignored file is written on rows `first`..`last` (or spans them). */
function touches(site: TreePushSite, first: number, last: number): boolean {
  const overlaps = (from: number, to: number) => from <= last && first <= to;
  return overlaps(site.line, site.endLine) || overlaps(site.urlSpan.line, site.urlSpan.line) || (site.body !== null && overlaps(site.body.startLine, site.body.endLine));
}

/** Whether the edit lies in a string, a heredoc, a substitution or an error, or what it touches is one. */
function watchedAround(root: Node, start: number, end: number): boolean {
  for (let node: Node | null = root.descendantForIndex(start, Math.max(start, end)); node; node = node.parent) {
    if (WATCHED_NODES.has(node.type)) {
      return true;
    }
  }
  return false;
}

/** A site wholly after or before the edited rows, moved by the rows and characters the edit added or removed. */
function movedSite(site: TreePushSite, oldLastRow: number, rowShift: number, editStart: number, indexShift: number): TreePushSite {
  const row = (line: number) => (line > oldLastRow ? line + rowShift : line);
  const body = site.body && {
    ...site.body,
    startLine: row(site.body.startLine),
    endLine: row(site.body.endLine),
    // Characters keep their columns: an edit on a site's own rows finds the sites again.
    ...(site.body.chars && rowShift !== 0 && { chars: site.body.chars.map((entry) => (entry.line > oldLastRow ? { ...entry, line: entry.line + rowShift } : entry)) }),
    ...(site.body.heredocAt !== undefined && { heredocAt: site.body.heredocAt > editStart ? site.body.heredocAt + indexShift : site.body.heredocAt }),
  };
  return {
    ...site,
    urlSpan: { ...site.urlSpan, line: row(site.urlSpan.line) },
    line: row(site.line),
    endLine: row(site.endLine),
    body,
    ...(site.ignoredStdin && { ignoredStdin: { ...site.ignoredStdin, span: { ...site.ignoredStdin.span, line: row(site.ignoredStdin.span.line) } } }),
  };
}
