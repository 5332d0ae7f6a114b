import * as fs from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../../support/seededRandom';
import { mutate, pick, SEED_DOCUMENTS } from './fuzzDocuments';
import { readDocument } from './targetVerdicts';

// Every document the exposition tests already have, for tests that compare two ways of parsing or
// linting the same text: the recorded corpora (1.5.1 and today's) and the fuzz documents, mutated.

export interface CorpusDocument {
  readonly name: string;
  readonly text: string;
}

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/exposition');

function recordedCorpus(dir: string, label: string): CorpusDocument[] {
  return fs
    .readdirSync(path.join(dir, 'cases'))
    .filter((file) => file.endsWith('.prom'))
    .sort()
    .map((file) => {
      const slug = file.slice(0, -'.prom'.length);
      return { name: `${label} ${slug}`, text: readDocument(dir, slug) };
    });
}

/** The recorded corpora, the fuzz seed documents and `mutated` seeded mutations of them. */
export function allCorpora(mutated: number, seed = 0x5eed_c0de): CorpusDocument[] {
  const random = seededRandom(seed);
  return [
    ...recordedCorpus(FIXTURES, '1.5.1 corpus'),
    ...recordedCorpus(path.join(FIXTURES, 'today'), 'today corpus'),
    ...SEED_DOCUMENTS.map((text, i) => ({ name: `fuzz seed ${i}`, text })),
    ...Array.from({ length: mutated }, (_, i) => ({ name: `fuzz seed ${seed} mutation ${i}`, text: mutate(random, pick(random, SEED_DOCUMENTS), 4) })),
  ];
}
