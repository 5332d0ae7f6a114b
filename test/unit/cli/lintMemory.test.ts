import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `pgw lint` of a large exposition file holds memory for its findings and families, not for its
// input (issue #15: a clean 50 MB file used to peak at over 530 MB). The built CLI runs in a child
// process; its peak RSS is what the kernel reports for it (getrusage's ru_maxrss, in KiB).

const CLI = path.resolve(__dirname, '../../../../dist/pgw.js');
const MiB = 1024 * 1024;
const DOCUMENT_BYTES = 50 * MiB;

/**
 * The bound for a clean 50 MB file. Node with the CLI loaded takes about 60 MB; linting family by
 * family keeps a few MB of families; the rest is the garbage collector's room: a young generation
 * of up to 3 x 16 MB and an old generation that grows before each full collection. Measured:
 * 160-170 MB, whatever the input's size beyond ~50 MB (190 MB for 100 MB); reading the file whole
 * took 557 MB.
 */
const CLEAN_BOUND_MB = 220;
/** What a finding may hold at most: the diagnostic, its span, its share of the sorting and printing. */
const BYTES_PER_FINDING = 1024;

/**
 * Writes families of 300 counter series (with HELP and TYPE) to `file` until it holds about `bytes`;
 * every `timestampEvery`-th sample carries a timestamp (a finding each). Returns the number of them.
 */
function writeDocument(file: string, bytes: number, timestampEvery = 0): number {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let timestamps = 0;
  let sample = 0;
  try {
    for (let family = 0; written < bytes; family++) {
      const name = `app${family}_requests_total`;
      const lines = [`# HELP ${name} Requests handled by app ${family}.`, `# TYPE ${name} counter`];
      for (let i = 0; i < 300; i++, sample++) {
        const timestamp = timestampEvery > 0 && sample % timestampEvery === 0;
        timestamps += timestamp ? 1 : 0;
        lines.push(`${name}{svc="svc-${i % 7}",pod="pod-${i}",code="${200 + (i % 5)}"} ${i * 7 + family}${timestamp ? ' 1700000000000' : ''}`);
      }
      const text = `${lines.join('\n')}\n`;
      fs.writeSync(fd, text);
      written += text.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  return timestamps;
}

/** Runs `pgw lint FILE` (output discarded) and answers its exit code and peak RSS in MB. */
function lintPeakRss(dir: string, file: string): { status: number | null; peakMb: number } {
  const rssFile = path.join(dir, 'rss.txt');
  const preload = path.join(dir, 'peak-rss.js');
  fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  const run = spawnSync(process.execPath, ['--require', preload, CLI, 'lint', file], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  assert.equal(run.error, undefined);
  return { status: run.status, peakMb: Number(fs.readFileSync(rssFile, 'utf8')) / 1024 };
}

describe('pgw lint memory on a 50 MB file', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-lint-memory-'));
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`stays under ${CLEAN_BOUND_MB} MB for a clean file`, () => {
    const file = path.join(dir, 'clean.prom');
    writeDocument(file, DOCUMENT_BYTES);
    assert.ok(fs.statSync(file).size >= DOCUMENT_BYTES);
    const { status, peakMb } = lintPeakRss(dir, file);
    assert.equal(status, 0);
    assert.ok(peakMb < CLEAN_BOUND_MB, `peak RSS ${peakMb.toFixed(0)} MB`);
  });

  it(`grows with the findings: under ${CLEAN_BOUND_MB} MB + ${BYTES_PER_FINDING} bytes per finding`, () => {
    const file = path.join(dir, 'timestamps.prom');
    const findings = writeDocument(file, DOCUMENT_BYTES, 4);
    assert.ok(findings > 150_000, `${findings} findings`);
    const { status, peakMb } = lintPeakRss(dir, file);
    assert.equal(status, 1, 'timestamps are errors');
    const boundMb = CLEAN_BOUND_MB + (findings * BYTES_PER_FINDING) / MiB;
    assert.ok(peakMb < boundMb, `peak RSS ${peakMb.toFixed(0)} MB for ${findings} findings, bound ${boundMb.toFixed(0)} MB`);
  });
});
