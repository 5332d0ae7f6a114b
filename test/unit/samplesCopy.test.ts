import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freshSamplesCopy } from '../../scripts/demo/samplesCopy';

function filesUnder(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files[path.relative(folder, file)] = fs.readFileSync(file, 'utf8');
    }
  }
  return files;
}

describe('the samples copy that npm start and the screenshots open', () => {
  let work: string;
  let samples: string;

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgw-samples-copy-'));
    samples = path.join(work, 'samples');
    fs.mkdirSync(path.join(samples, 'scripts'), { recursive: true });
    fs.writeFileSync(path.join(samples, 'README.md'), '# Samples\n');
    fs.writeFileSync(path.join(samples, 'scripts', 'clean_logs.sh'), '# TYPE clean_logs_deleted_files_total countr\n');
  });

  afterEach(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('copies every file of the samples', () => {
    const copy = freshSamplesCopy(samples, path.join(work, 'demo', 'samples'));
    assert.equal(copy, path.join(work, 'demo', 'samples'));
    assert.deepEqual(filesUnder(copy), filesUnder(samples));
  });

  it('undoes what the last demo saved in the copy, and leaves the samples as they were', () => {
    const tracked = filesUnder(samples);
    const copy = freshSamplesCopy(samples, path.join(work, 'demo', 'samples'));
    // What autosave writes after the demo's quick fix, and a file the demo created.
    fs.writeFileSync(path.join(copy, 'scripts', 'clean_logs.sh'), '# TYPE clean_logs_deleted_files_total counter\n');
    fs.writeFileSync(path.join(copy, 'scripts', 'untitled.sh'), 'echo\n');
    assert.deepEqual(filesUnder(samples), tracked);

    freshSamplesCopy(samples, copy);
    assert.deepEqual(filesUnder(copy), tracked);
  });

  it('refuses a copy inside the samples, or one that holds them, since it empties the destination first', () => {
    assert.throws(() => freshSamplesCopy(samples, path.join(samples, 'copy')), /must lie outside/);
    assert.throws(() => freshSamplesCopy(samples, samples), /must lie outside/);
    assert.throws(() => freshSamplesCopy(samples, work), /must lie outside/);
    assert.deepEqual(Object.keys(filesUnder(samples)).sort(), ['README.md', path.join('scripts', 'clean_logs.sh')]);
  });
});
