// The demo's editor autosaves (VS Code for the web), so a quick fix tried in `npm start` would be
// written into the tracked samples/ and the next demo would no longer show the promised mistakes.
// The demo and the screenshots open a fresh copy instead.
import * as fs from 'node:fs';
import * as path from 'node:path';

function isInside(folder: string, candidate: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Replaces `destination` with a copy of the `samples` folder and returns it. Whatever an earlier
 * demo changed in the copy is gone; `samples` itself is never written.
 */
export function freshSamplesCopy(samples: string, destination: string): string {
  const source = path.resolve(samples);
  const target = path.resolve(destination);
  if (isInside(source, target) || isInside(target, source)) {
    throw new Error(`the samples copy ${target} must lie outside ${source}, and not contain it`);
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(source, target, { recursive: true });
  return target;
}
