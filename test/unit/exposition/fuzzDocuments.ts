import { Random } from '../../support/seededRandom';

// The documents the exposition fuzzing starts from and the mutations it makes of them: shared by the
// fuzz test and by the tests that compare two ways of parsing or linting the same documents.

// --- a deterministic PRNG -------------------------------------------------------------------------

export function randomInt(random: Random, below: number): number {
  return Math.floor(random() * below);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[randomInt(random, items.length)];
}

// --- the documents that get mutated -----------------------------------------------------------------

export const SEED_DOCUMENTS: readonly string[] = [
  '',
  '\n',
  '# HELP backup_size_bytes Size of the last backup.\n# TYPE backup_size_bytes gauge\nbackup_size_bytes{db="orders"} 1024\n',
  '# HELP jobs_total Jobs done.\n# TYPE jobs_total counter\njobs_total{queue="a"} 1\njobs_total{queue="b"} 2\n',
  [
    '# HELP req_seconds Request latency.',
    '# TYPE req_seconds histogram',
    'req_seconds_bucket{path="/",le="0.1"} 1',
    'req_seconds_bucket{path="/",le="1"} 3',
    'req_seconds_bucket{path="/",le="+Inf"} 4',
    'req_seconds_sum{path="/"} 2.5',
    'req_seconds_count{path="/"} 4',
    '',
  ].join('\n'),
  '# TYPE rpc_seconds summary\nrpc_seconds{quantile="0.5"} 0.2\nrpc_seconds{quantile="0.99"} 1.5\nrpc_seconds_sum 10\nrpc_seconds_count 7\n',
  '# HELP esc Escapes: \\\\ and \\n here.\nesc{v="a\\"b\\\\c\\nd"} -Inf\nesc{v="\u00e9\u{1f600}"} NaN\n',
  'plain 1\nplain{a="1"} +Inf\n  \t indented{ a = "x" , b="y", } 2e-3\n# a comment\n#\n\n',
  'with_ts 1 1700000000000\nwith_ts{a="b"} 2 -5\n',
  'a{b=1} 1\na{x:"y"} 1\na{__name__="x"} 1\na{x="1",x="2"} 1\na{x="\\t"} 1\n',
  'bad-name 1\na 1_000\na 0x10\na 1e400\na 1 1.5\na 1 123 x\na 1 \n',
  '# HELP a A.\n# HELP a again\n# TYPE a gauge\n# TYPE a counter\n# TYPE b info\nb 1\n',
  'h_bucket{le="big"} 1\n# TYPE h histogram\nh_bucket{le="big"} 1\n# TYPE s summary\ns{quantile="p99"} 1\n',
  'crlf 1\r\n# TYPE crlf gauge\r\ncrlf{a="b"} 2\r\n',
  '\ufeffbom_metric 1\n',
  'no_final_newline 1',
  'open{a="never closed\nnext 1\n',
  'a{x="1" y="2"} 1\na{x="1"}x 1\nexemplar 1 # {trace_id="x"} 1\n',
  '# TYPE go_goroutines counter\ngo_goroutines 5\npush_time_seconds 1\n# TYPE x_bucket gauge\nx_bucket 1\n',
  'dup{a="1"} 1\ndup{a="1"} 2\nsplit 1\nother 1\nsplit{b="2"} 3\n',
];

// --- mutations -------------------------------------------------------------------------------------

const SPECIAL_CHARACTERS = ['{', '}', '"', '\\', '\n', '\r', '#', '=', ',', ' ', '\t', '\r\n', '\\n', '\\"', '\\\\', '+Inf', 'NaN', 'le', 'quantile'];
const SPECIAL_CODE_POINTS = [0x00, 0x7f, 0xa0, 0xfeff, 0x2028, 0xd800, 0xdbff, 0xdc00, 0xdc80, 0xdcff, 0xdfff, 0xfffd, 0x1f600, 0x10ffff, 0x0131, 0x017f];
const HUGE_TOKENS = ['a', '9', '\\\\', '{', '"', ' ', 'a{a="', '# HELP a ', 'e'];

type Mutation = (random: Random, text: string) => string;

function splice(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

function position(random: Random, text: string): number {
  return randomInt(random, text.length + 1);
}

/** A random code point, surrogates (lone halves) included. */
function randomCodePoint(random: Random): string {
  const roll = random();
  if (roll < 0.4) {
    return String.fromCharCode(randomInt(random, 0x80));
  }
  if (roll < 0.7) {
    const codePoint = pick(random, SPECIAL_CODE_POINTS);
    return codePoint > 0xffff ? String.fromCodePoint(codePoint) : String.fromCharCode(codePoint);
  }
  return String.fromCharCode(randomInt(random, 0x10000));
}

const flipCharacter: Mutation = (random, text) => {
  if (text.length === 0) {
    return text;
  }
  const at = randomInt(random, text.length);
  const flipped = String.fromCharCode(text.charCodeAt(at) ^ (1 << randomInt(random, 16)));
  return splice(text, at, 1, flipped);
};

const insertSpecial: Mutation = (random, text) => splice(text, position(random, text), 0, pick(random, SPECIAL_CHARACTERS));

const insertUnicode: Mutation = (random, text) => splice(text, position(random, text), 0, randomCodePoint(random));

const replaceWithUnicode: Mutation = (random, text) => (text.length === 0 ? text : splice(text, randomInt(random, text.length), 1, randomCodePoint(random)));

const deleteRange: Mutation = (random, text) => splice(text, position(random, text), 1 + randomInt(random, 12), '');

const truncate: Mutation = (random, text) => text.slice(0, position(random, text));

const duplicateLine: Mutation = (random, text) => {
  const lines = text.split('\n');
  const at = randomInt(random, lines.length);
  lines.splice(at, 0, lines[at]);
  return lines.join('\n');
};

const swapLines: Mutation = (random, text) => {
  const lines = text.split('\n');
  const a = randomInt(random, lines.length);
  const b = randomInt(random, lines.length);
  [lines[a], lines[b]] = [lines[b], lines[a]];
  return lines.join('\n');
};

const insertHugeToken: Mutation = (random, text) => splice(text, position(random, text), 0, pick(random, HUGE_TOKENS).repeat(500 + randomInt(random, 4000)));

const MUTATIONS: readonly Mutation[] = [
  flipCharacter,
  insertSpecial,
  insertSpecial,
  insertUnicode,
  replaceWithUnicode,
  deleteRange,
  truncate,
  duplicateLine,
  duplicateLine,
  swapLines,
  insertHugeToken,
];

/** `text` after one to `maxMutations` random mutations. */
export function mutate(random: Random, text: string, maxMutations: number): string {
  let mutated = text;
  const count = 1 + randomInt(random, maxMutations);
  for (let i = 0; i < count; i++) {
    mutated = pick(random, MUTATIONS)(random, mutated);
  }
  return mutated;
}
