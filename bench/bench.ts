/**
 * Benchmark: `npm run bench`. Measures the whole `ratsmappe build` as a clerk runs it (cold, a
 * new process each time) and the stages in one warm process, with peak memory. Prints a table
 * and writes bench/result.json. Not a test: numbers vary with the machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAndCompose, renderMeeting } from '../src/build.js';
import { readContent } from '../src/load/readContent.js';
import { loadTemplates } from '../src/template/loadTemplates.js';
import { toolVersion } from '../src/version.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const content = join(root, 'content');
const runs = Number(process.env.BENCH_RUNS ?? 5);

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function cold(): { ms: number; maxRssMb: number } {
  const out = mkdtempSync(join(tmpdir(), 'ratsmappe-bench-'));
  try {
    const started = performance.now();
    const run = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        '%M',
        process.execPath,
        join(root, 'bin/ratsmappe.js'),
        'build',
        content,
        '--out',
        out,
        '--quiet',
      ],
      { encoding: 'utf8' },
    );
    const ms = performance.now() - started;
    if (run.status !== 0) throw new Error(run.stderr);
    const kb = Number(run.stderr.trim().split('\n').at(-1));
    return { ms, maxRssMb: kb / 1024 };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function warm(): Promise<Record<string, number>> {
  const t0 = performance.now();
  const files = await readContent(content);
  const t1 = performance.now();
  const result = checkAndCompose(files);
  const t2 = performance.now();
  const templates = await loadTemplates();
  let artifacts = 0;
  for (const meeting of result.meetings)
    artifacts += (await renderMeeting(templates, meeting, { toolVersion })).artifacts.length;
  const t3 = performance.now();
  return { readMs: t1 - t0, checkComposeMs: t2 - t1, renderMs: t3 - t2, artifacts };
}

const coldRuns = Array.from({ length: runs }, cold);
await warm(); // warm-up
const warmRuns: Record<string, number>[] = [];
for (let i = 0; i < runs; i++) warmRuns.push(await warm());

const result = {
  date: new Date().toISOString(),
  node: process.version,
  runs,
  coldBuildMs: median(coldRuns.map((r) => r.ms)),
  coldMaxRssMb: Math.max(...coldRuns.map((r) => r.maxRssMb)),
  warmReadMs: median(warmRuns.map((r) => r.readMs ?? NaN)),
  warmCheckComposeMs: median(warmRuns.map((r) => r.checkComposeMs ?? NaN)),
  warmRenderMs: median(warmRuns.map((r) => r.renderMs ?? NaN)),
  artifacts: warmRuns[0]?.artifacts ?? 0,
  heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
};
writeFileSync(join(root, 'bench', 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
console.table(result);
