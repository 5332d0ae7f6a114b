import * as assert from 'node:assert/strict';
import { fileKindOf, isForcedKind } from '../../../src/core/files/fileKind';

describe('fileKindOf', () => {
  it('knows metrics, shell, Python, Go and YAML files by their extension', () => {
    const cases: Record<string, string> = {
      'textfile/backup.prom': 'exposition',
      'push.sh': 'shell',
      'push.bash': 'shell',
      'push.dash': 'shell',
      'push.zsh': 'shell',
      'push.ksh': 'shell',
      'jobs/push.py': 'python',
      'cmd/push/main.go': 'go',
      'k8s/cronjob.yaml': 'yaml',
      '.gitlab-ci.yml': 'yaml',
      'C:\\repo\\PUSH.SH': 'shell',
    };
    for (const [name, kind] of Object.entries(cases)) {
      assert.equal(fileKindOf(name, ''), kind, name);
    }
  });

  it('knows a script without extension by its #! line: sh, bash, dash, zsh, ksh, busybox, through env too', () => {
    const shells = ['#!/bin/sh', '#!/bin/bash -e', '#! /bin/dash', '#!/usr/bin/env zsh', '#!/bin/ksh', '#!/bin/busybox sh', '#!/usr/bin/env -S bash -eu', '#!/usr/bin/env LC_ALL=C bash'];
    for (const line of shells) {
      assert.equal(fileKindOf('bin/push-metrics', `${line}\necho hi\n`), 'shell', line);
    }
    assert.equal(fileKindOf('bin/push', '#!/usr/bin/env python3\nimport os\n'), 'python');
  });

  it('calls everything else unknown, never exposition: a README, a Makefile, a .txt, a script of another interpreter', () => {
    assert.equal(fileKindOf('README.md', '# Title\n'), 'unknown');
    assert.equal(fileKindOf('Makefile', 'all:\n\ttrue\n'), 'unknown');
    assert.equal(fileKindOf('notes.txt', 'x 1\n'), 'unknown');
    assert.equal(fileKindOf('tool', '#!/usr/bin/env node\n'), 'unknown');
    assert.equal(fileKindOf('tool', '#!/usr/bin/shellcheck\n'), 'unknown');
    assert.equal(fileKindOf('.bashrc', 'alias x=y\n'), 'unknown');
  });

  it('accepts exactly the kinds --as may force', () => {
    assert.deepEqual(
      ['exposition', 'shell', 'python', 'go', 'yaml', 'unknown', 'prom', ''].filter((kind) => isForcedKind(kind)),
      ['exposition', 'shell', 'python', 'go', 'yaml'],
    );
  });
});
