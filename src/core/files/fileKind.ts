// What a file is, for deciding how (and whether) to lint it: a metrics document, a shell script,
// or a Python, Go or YAML file that may push but is never metrics itself. Decided by the name
// first, then by the `#!` line; a file of no known kind is `unknown` and is never linted as
// exposition (a `pgw lint $(git ls-files)` must not judge `import os` as a sample).

export const FORCED_KINDS = ['exposition', 'shell', 'python', 'go', 'yaml'] as const;

export type ForcedKind = (typeof FORCED_KINDS)[number];
export type FileKind = ForcedKind | 'unknown';

const KIND_BY_EXTENSION: Readonly<Record<string, ForcedKind>> = {
  prom: 'exposition',
  sh: 'shell',
  bash: 'shell',
  dash: 'shell',
  zsh: 'shell',
  ksh: 'shell',
  ash: 'shell',
  py: 'python',
  pyw: 'python',
  go: 'go',
  yaml: 'yaml',
  yml: 'yaml',
};

// `#!/bin/sh`, `#!/usr/bin/env bash`, `#!/usr/bin/env -S bash -e`, `#!/bin/busybox sh`, `#!/usr/bin/python3`.
const SHEBANG = /^#!\s*(\S+)(?:\s+(.*))?/;
const SHELL_INTERPRETER = /^(?:ba|da|z|k|mk|a)?sh$|^ksh93$/;
const PYTHON_INTERPRETER = /^python[0-9.]*$/;

export function isForcedKind(value: string): value is ForcedKind {
  return (FORCED_KINDS as readonly string[]).includes(value);
}

/** The kind of a file by its name (`.prom`, `.sh`, `.py`...) or else by its first line's `#!`. */
export function fileKindOf(fileName: string, text: string): FileKind {
  return kindByName(fileName) ?? kindByShebang(text) ?? 'unknown';
}

export function kindByName(fileName: string): ForcedKind | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) {
    return undefined;
  }
  return KIND_BY_EXTENSION[base.slice(dot + 1).toLowerCase()];
}

export function kindByShebang(text: string): ForcedKind | undefined {
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : 200);
  const match = SHEBANG.exec(firstLine);
  if (!match) {
    return undefined;
  }
  const interpreter = interpreterOf(match[1], match[2] ?? '');
  if (SHELL_INTERPRETER.test(interpreter)) {
    return 'shell';
  }
  if (PYTHON_INTERPRETER.test(interpreter)) {
    return 'python';
  }
  return undefined;
}

/** `/usr/bin/env -S bash -e` and `/bin/busybox sh` name their interpreter in the arguments. */
function interpreterOf(program: string, rest: string): string {
  const name = program.split('/').pop() ?? '';
  if (name !== 'env' && name !== 'busybox') {
    return name;
  }
  const word = rest.split(/\s+/).find((arg) => arg !== '' && !arg.startsWith('-') && !arg.includes('='));
  return (word ?? '').split('/').pop() ?? '';
}
