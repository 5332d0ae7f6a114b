// Bundles the extension and the `pgw` CLI into dist/, and (with --tests) the test suites and the
// development scripts into out/.
//   node esbuild.js               development build of dist/
//   node esbuild.js --production  minified dist/, no source maps (what the .vsix ships)
//   node esbuild.js --watch       rebuild dist/ on change
//   node esbuild.js --tests       also build out/test and out/scripts
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const { version } = require('./package.json');

/** Prints errors in the `file:line:col: error: message` shape that VS Code's $esbuild-watch problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
  define: { PGW_VERSION: JSON.stringify(version) },
};

const productBuilds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
  },
  {
    ...common,
    // Exposition lint alone; every other command is dist/pgw-cli.js, loaded at run time (src/cli/pgw.ts).
    entryPoints: ['src/cli/pgw.ts'],
    outfile: 'dist/pgw.js',
    external: ['./pgw-cli.js'],
    banner: { js: '#!/usr/bin/env node' },
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
  },
  {
    ...common,
    entryPoints: ['src/cli/pgwCli.ts'],
    outfile: 'dist/pgw-cli.js',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
  },
];

/** Every `*.test.ts` below a folder, plus any extra entry points, bundled one file each. */
function testEntries(dir, extra = []) {
  const found = fs
    .readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, String(name)))
    .filter((file) => file.endsWith('.test.ts'));
  return [...found, ...extra];
}

function topLevelScripts(dir) {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));
}

const testBuilds = [
  {
    ...common,
    entryPoints: testEntries('test/unit'),
    outdir: 'out/test/unit',
    outbase: 'test/unit',
    external: ['mocha', 'eslint', 'typescript-eslint', '@eslint/js'],
    sourcemap: true,
  },
  {
    // Runs inside the VS Code extension host: `vscode` comes from the host, mocha from node_modules.
    ...common,
    entryPoints: testEntries('test/host/suite', ['test/host/suite/index.ts']),
    outdir: 'out/test/host/suite',
    outbase: 'test/host/suite',
    external: ['vscode', 'mocha', 'vscode-textmate', 'vscode-oniguruma'],
    sourcemap: true,
  },
  {
    ...common,
    // Every top-level script is a command of its own (npm start, benchmarks, recorders).
    entryPoints: ['test/host/runCodeServer.ts', 'test/host/runElectron.ts', ...topLevelScripts('scripts')],
    outdir: 'out',
    outbase: '.',
    external: ['playwright-core', '@vscode/test-electron'],
    sourcemap: true,
  },
];

// The tree-sitter runtime and its grammars (bash; Python and Go for core/clients), loaded at run
// time from beside dist/extension.js and dist/pgw.js (src/core/shell/tree/shellParser.ts).
const PARSER_WASM = ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm', 'tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-go/tree-sitter-go.wasm'];

function copyParserWasm() {
  fs.mkdirSync('dist', { recursive: true });
  for (const file of PARSER_WASM) {
    fs.copyFileSync(require.resolve(file), path.join('dist', path.basename(file)));
  }
}

async function main() {
  if (tests) {
    // A test file moved or deleted in src must not keep running from an old bundle: mocha globs out/test.
    fs.rmSync('out/test', { recursive: true, force: true });
  }
  const builds = tests ? [...productBuilds, ...testBuilds] : productBuilds;
  copyParserWasm();
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  try {
    const results = await Promise.allSettled(contexts.map((ctx) => ctx.rebuild()));
    if (results.some((r) => r.status === 'rejected')) process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
  if (!process.exitCode) fs.chmodSync('dist/pgw.js', 0o755);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
