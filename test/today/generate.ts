// Writes the "today" corpora (issue 13) from their templates:
//   test/fixtures/exposition/today/cases/<slug>.prom   lint documents
//   test/fixtures/gateway/today/cases/<slug>.json      gateway request sequences
// With `--vocabulary held-out --out <dir>` it writes the same behaviours in other words to
// <dir>/exposition/cases and <dir>/gateway/cases instead: the held-out corpus, to be kept outside
// the project. Files it no longer generates are deleted. Not part of the esbuild build; run it
// from the repository root:
//   npx esbuild test/today/generate.ts --bundle --platform=node --outfile=/tmp/today.js && node /tmp/today.js
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stableStringify } from '../gateway/corpus';
import { todayDocuments } from './expositionCases';
import { todayGatewayCases } from './gatewayCases';
import { COMMITTED, vocabularyNamed } from './vocabulary';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** Writes `files` (name → bytes) into `dir` and deletes every other file with the same extension. */
function replaceFiles(dir: string, extension: string, files: ReadonlyMap<string, Buffer>): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith(extension) && !files.has(name)) {
      fs.unlinkSync(path.join(dir, name));
    }
  }
  for (const [name, bytes] of files) {
    fs.writeFileSync(path.join(dir, name), bytes);
  }
}

function main(): void {
  const vocabulary = vocabularyNamed(option('vocabulary') ?? COMMITTED.name);
  const out = option('out');
  if (vocabulary !== COMMITTED && out === undefined) {
    throw new Error('the held-out corpus belongs outside the project: give --out <dir>');
  }
  const expositionDir = out === undefined ? path.join('test', 'fixtures', 'exposition', 'today', 'cases') : path.join(out, 'exposition', 'cases');
  const gatewayDir = out === undefined ? path.join('test', 'fixtures', 'gateway', 'today', 'cases') : path.join(out, 'gateway', 'cases');
  const documents = todayDocuments(vocabulary);
  replaceFiles(expositionDir, '.prom', new Map(documents.map(({ slug, text }) => [`${slug}.prom`, Buffer.from(text, 'utf8')])));
  const gatewayCases = todayGatewayCases(vocabulary);
  replaceFiles(gatewayDir, '.json', new Map(Object.entries(gatewayCases).map(([slug, gatewayCase]) => [`${slug}.json`, Buffer.from(stableStringify(gatewayCase), 'utf8')])));
  const steps = Object.values(gatewayCases).reduce((sum, gatewayCase) => sum + gatewayCase.steps.length, 0);
  console.log(`${vocabulary.name}: ${documents.length} documents in ${expositionDir}, ${Object.keys(gatewayCases).length} gateway cases (${steps} steps) in ${gatewayDir}`);
}

main();
