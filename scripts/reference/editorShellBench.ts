// The "editor shell" axis of `npm run bench:lint`:
//   (d) the editor's lint of a 5 000-line shell script after a one-character edit in a comment: the
//       kept tree re-parsed incrementally, the tree sites (kept: the edit cannot change them),
//       lintShellScript with the document's body lint cache and the site list (what LintService
//       does per edit); median of 20 edits after a warm-up, beside a fresh parse, site search and
//       lint of every body per edit.
//       CPU time is printed too: on a loaded machine the wall time says more about the others.
//   (e) `pgw lint` of scripts with 1 000 and 10 000 pushed heredocs: time per 1 000 heredocs of
//       each, which stays flat when the lint is linear.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BodyLintCache } from '../../src/core/shell/bodyLintCache';
import { findDeleteCommands, ScriptLex } from '../../src/core/shell/heredocs';
import { lintShellScript } from '../../src/core/shell/lintShellScript';
import { ShellDocumentTrees } from '../../src/core/shell/tree/documentTrees';
import { treePushSitesOf } from '../../src/core/shell/tree/pushSites';
import { scriptSites } from '../../src/core/shell/tree/scriptSites';
import { loadShellParser, ShellParser } from '../../src/core/shell/tree/shellParser';
import { median } from './stats';

const SCRIPT_LINES = 5_000;
const WARMUP_EDITS = 5;
const EDITS = 20;
const TARGET_MS = 50;
const HEREDOC_COUNTS = [1_000, 10_000];
const LINEAR_TOLERANCE = 1.5;

export interface EditorShellRow {
  readonly what: string;
  readonly figure: string;
  readonly target: string;
}

/** A cron-style script: functions that do the work, and every fifth step an echo, a printf and a heredoc push. */
export function generateShellScript(lineCount: number): string {
  const lines = ['#!/bin/bash', 'set -euo pipefail', 'PUSHGATEWAY=${PUSHGATEWAY:-http://127.0.0.1:9091}'];
  for (let step = 1; lines.length < lineCount; step++) {
    lines.push(
      `# step ${step}`,
      `backup_${step}() {`,
      `  local dir="/var/backups/db${step}"`,
      `  if [ -d "$dir" ]; then`,
      `    tar czf "$dir.tgz" "$dir" && rm -rf "$dir"`,
      `  fi`,
      `  log "step ${step} done in $SECONDS s"`,
      `}`,
      `backup_${step}`,
    );
    if (step % 5 === 0) {
      lines.push(
        `echo "step_${step}_ok 1" | curl --data-binary @- "$PUSHGATEWAY/metrics/job/step${step}"`,
        `printf 'step_${step}_seconds %s\\n' "$SECONDS" | curl --data-binary @- "$PUSHGATEWAY/metrics/job/step${step}_time"`,
        `cat <<EOF | curl --data-binary @- "$PUSHGATEWAY/metrics/job/step${step}_size"`,
        `# TYPE step_${step}_bytes gauge`,
        `step_${step}_bytes $(du -sb /var/backups | cut -f1)`,
        'EOF',
      );
    }
  }
  return `${lines.slice(0, lineCount).join('\n')}\n`;
}

function heredocScript(count: number): string {
  const parts = ['#!/bin/sh'];
  for (let i = 0; i < count; i++) {
    parts.push(`cat <<EOF | curl --data-binary @- http://127.0.0.1:9091/metrics/job/job_${i}`, `# HELP m_${i} A value.`, `# TYPE m_${i} gauge`, `m_${i} ${i}`, 'EOF');
  }
  return `${parts.join('\n')}\n`;
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** One editor lint as LintService does it: sites from the kept tree, then the lint (through the document's body cache) and the site list. */
function editorLint(sitesOf: (text: string) => ReturnType<typeof treePushSitesOf>, text: string, bodyCache: BodyLintCache | undefined): void {
  const treeSites = sitesOf(text);
  const lex = new ScriptLex(text);
  const lint = lintShellScript(lex, { ...(treeSites && { treeSites }), ...(bodyCache && { bodyCache }) });
  scriptSites(
    treeSites,
    lint.heredocs.map((linted) => linted.heredoc),
    findDeleteCommands(lex),
  );
}

/** Median wall and CPU milliseconds of `EDITS` one-character edits in the middle of the script. */
function timeEdits(script: string, sitesOf: (text: string) => ReturnType<typeof treePushSitesOf>, bodyCache?: BodyLintCache): { wallMs: number; cpuMs: number; minMs: number } {
  const at = script.indexOf('\n', Math.floor(script.length / 2)) + 1;
  const edited = (n: number) => `${script.slice(0, at)}#${'x'.repeat(n)}\n${script.slice(at)}`;
  for (let n = 0; n < WARMUP_EDITS; n++) {
    editorLint(sitesOf, edited(n), bodyCache);
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let n = WARMUP_EDITS; n < WARMUP_EDITS + EDITS; n++) {
    const text = edited(n);
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    editorLint(sitesOf, text, bodyCache);
    wall.push(elapsedMs(start));
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu), minMs: Math.min(...wall) };
}

function editorRows(parser: ShellParser): EditorShellRow[] {
  const script = generateShellScript(SCRIPT_LINES);
  const trees = new ShellDocumentTrees(parser);
  const kept = timeEdits(script, (text) => trees.sitesOf('bench', text), new BodyLintCache());
  const { reused } = trees.counts;
  trees.dispose();
  const fresh = timeEdits(script, (text) => treePushSitesOf(parser, text));
  const sites = treePushSitesOf(parser, script)?.length ?? 0;
  const format = (timing: { wallMs: number; cpuMs: number; minMs: number }) =>
    `median ${timing.wallMs.toFixed(1)} ms (CPU ${timing.cpuMs.toFixed(1)} ms), min ${timing.minMs.toFixed(1)} ms (${EDITS} edits)`;
  return [
    {
      what: `(d) editor lint, ${SCRIPT_LINES}-line script (${sites} sites), kept tree (sites kept by ${reused} of ${WARMUP_EDITS + EDITS} edits)`,
      figure: format(kept),
      target: `< ${TARGET_MS} ms: ${kept.wallMs < TARGET_MS ? 'met' : kept.cpuMs < TARGET_MS ? 'met in CPU time (machine loaded)' : 'MISSED'}`,
    },
    { what: '    the same with a full parse and lint per edit', figure: format(fresh), target: '' },
  ];
}

/** Wall time of `pgw lint FILE`; an exit code other than 0 or 1 (findings) fails the bench. */
function timePgwLint(pgw: string, file: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [pgw, 'lint', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
  const ms = elapsedMs(start);
  if (result.error || (result.status !== 0 && result.status !== 1)) {
    throw new Error(`pgw lint ${path.basename(file)} exited with ${result.status ?? result.signal}: ${result.error?.message ?? result.stderr.slice(0, 500)}`);
  }
  return ms;
}

function heredocRows(pgw: string, dir: string): EditorShellRow[] {
  const perThousand = HEREDOC_COUNTS.map((count) => {
    const file = path.join(dir, `heredocs-${count}.sh`);
    fs.writeFileSync(file, heredocScript(count));
    return { count, ms: timePgwLint(pgw, file) / (count / 1000) };
  });
  const [small, large] = perThousand;
  const linear = large.ms <= small.ms * LINEAR_TOLERANCE;
  return perThousand.map((entry, index) => ({
    what: `(e) pgw lint, script with ${entry.count} heredocs`,
    figure: `${entry.ms.toFixed(0)} ms per 1 000 heredocs`,
    target: index === perThousand.length - 1 ? `linear (per 1 000 <= ${LINEAR_TOLERANCE}x the ${small.count}-heredoc figure): ${linear ? 'met' : 'MISSED'}` : '',
  }));
}

/** The axis' rows; `pgw` is dist/pgw.js, `dir` a scratch directory. */
export async function benchEditorShell(pgw: string, dir: string): Promise<EditorShellRow[]> {
  const parser = await loadShellParser();
  return [...editorRows(parser), ...heredocRows(pgw, dir)];
}
