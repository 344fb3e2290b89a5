/**
 * `npm run bench:compare -- <git revision>`: the code of an earlier revision against the
 * working tree, run alternately on the same content, so that both see the same machine. The
 * wall time of this 2-core machine drifts by a fifth from one hour to the next (pandoc →
 * LibreOffice in bench/RESULTS.md drifts as much), so a change is judged by such a pairing,
 * never by two bench runs at different times.
 *
 * Measures, each a new process with an empty cache unless said: the example build, a meeting
 * of N Vorlagen (bench/generateMeeting.ts), and the rebuild after one figure changed (each
 * side with its own cache). Prints Markdown and writes bench/COMPARE.md.
 *
 * Environment: COMPARE_RUNS (example runs per side, default 5), COMPARE_N (default 100),
 * COMPARE_BIG_RUNS (runs of N and of the rebuild per side, default 2), COMPARE_LARGE_RUNS
 * (runs of the 900 KB section per side, default 2; 0 leaves it out).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  copyIsPublic,
  editOneSection,
  generateLargeSection,
  generateMeeting,
} from './generateMeeting.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const revision = process.argv[2];
if (revision === undefined) throw new Error('usage: npm run bench:compare -- <git revision>');
const env = process.env;
const exampleRuns = Number(env.COMPARE_RUNS ?? 5);
const n = Number(env.COMPARE_N ?? 100);
const bigRuns = Number(env.COMPARE_BIG_RUNS ?? 2);
const largeRuns = Number(env.COMPARE_LARGE_RUNS ?? 2);

const work = mkdtempSync(join(tmpdir(), 'ratsmappe-compare-'));
let serial = 0;
const folder = (what: string): string => join(work, `${what}-${String(++serial)}`);
const say = (text: string): void => {
  process.stderr.write(`[compare] ${text}\n`);
};

function check(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

// the earlier revision, built as the bin runs it, with this tree's node_modules
const base = join(work, 'base');
const commit = check('git', ['rev-parse', '--short', revision], root).trim();
check('git', ['worktree', 'add', '--detach', base, revision], root);
process.on('exit', () => {
  spawnSync('git', ['worktree', 'remove', '--force', base], { cwd: root });
  rmSync(work, { recursive: true, force: true });
});
symlinkSync(join(root, 'node_modules'), join(base, 'node_modules'));
say(`building ${commit} and the working tree`);
check('npm', ['run', 'build:js'], base);
check('npm', ['run', 'build:js'], root);

interface Side {
  readonly name: string;
  readonly dir: string;
}
const sides: readonly Side[] = [
  { name: commit, dir: base },
  { name: 'working tree', dir: root },
];

/** One build as a new process; wall ms and peak RSS in MB (GNU time). */
function build(side: Side, content: string, cache = folder('cache'), out = folder('out')) {
  const rss = folder('rss');
  const started = performance.now();
  const result = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      '-o',
      rss,
      process.execPath,
      join(side.dir, 'bin', 'ratsmappe.js'),
      'build',
      content,
      '--out',
      out,
      '--quiet',
    ],
    { env: { ...env, RATSMAPPE_CACHE: cache }, encoding: 'utf8' },
  );
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${side.name}: build failed: ${result.stderr}`);
  return { ms, mb: Number(readFileSync(rss, 'utf8').trim().split('\n').at(-1)) / 1024 };
}

type Runs = Map<string, { ms: number[]; mb: number[] }>;
const record = (runs: Runs, side: Side, m: { ms: number; mb: number }): void => {
  const entry = runs.get(side.name) ?? { ms: [], mb: [] };
  entry.ms.push(m.ms);
  entry.mb.push(m.mb);
  runs.set(side.name, entry);
};

const measurements: { what: string; runs: Runs }[] = [];
const example = join(root, 'content');
const exampleRunsMap: Runs = new Map();
for (let k = 0; k < exampleRuns; k++)
  for (const side of sides) record(exampleRunsMap, side, build(side, example));
measurements.push({ what: '`build content` (example)', runs: exampleRunsMap });
say('example done');

const meeting = folder(`content-${String(n)}`);
await generateMeeting(meeting, n);
const bigMap: Runs = new Map();
for (let k = 0; k < bigRuns; k++)
  for (const side of sides) record(bigMap, side, build(side, meeting));
measurements.push({ what: `build N=${String(n)}`, runs: bigMap });
say(`N=${String(n)} done`);

// the rebuild: each side its cache and output, filled once, then the same edit for both
const kept = new Map(
  sides.map((side) => [side.name, { cache: folder('cache'), out: folder('out') }]),
);
for (const side of sides) {
  const dirs = kept.get(side.name);
  if (dirs !== undefined) build(side, meeting, dirs.cache, dirs.out);
}
let i = Math.ceil(n / 2);
if (!copyIsPublic(i)) i -= 1;
const rebuildMap: Runs = new Map();
for (let k = 0; k < bigRuns; k++) {
  await editOneSection(meeting, i);
  for (const side of sides) {
    const dirs = kept.get(side.name);
    if (dirs !== undefined) record(rebuildMap, side, build(side, meeting, dirs.cache, dirs.out));
  }
}
measurements.push({ what: `rebuild N=${String(n)} after one figure changed`, runs: rebuildMap });

if (largeRuns > 0) {
  const large = folder('content-large');
  await generateLargeSection(large);
  const largeMap: Runs = new Map();
  for (let k = 0; k < largeRuns; k++)
    for (const side of sides) record(largeMap, side, build(side, large));
  measurements.push({ what: 'one 900 KB section', runs: largeMap });
  say('900 KB section done');
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const [before, after] = sides.map((side) => side.name);
const rows = measurements.map(({ what, runs }) => {
  const [a, b] = [before, after].map((name) => runs.get(name ?? '') ?? { ms: [], mb: [] });
  const [ma, mb] = [median(a?.ms ?? []), median(b?.ms ?? [])];
  const change = ((mb - ma) / ma) * 100;
  return `| ${what} | ${String(a?.ms.length ?? 0)} | ${seconds(ma)} | ${seconds(mb)} | ${change >= 0 ? '+' : ''}${change.toFixed(0)} % | ${String(Math.round(Math.max(...(a?.mb ?? [0]))))} / ${String(Math.round(Math.max(...(b?.mb ?? [0]))))} |`;
});
const markdown = [
  '# ratsmappe: two revisions, measured alternately',
  '',
  `${new Date().toISOString()} · Node ${process.version} · ${commit} against the working tree (bench/compare.ts)`,
  '',
  `| measurement | runs per side | ${commit} wall s | working tree wall s | change | peak RSS MB |`,
  '| --- | --: | --: | --: | --: | --: |',
  ...rows,
  '',
  'Wall: median of the runs; each run a new process, the two sides one after the other.',
  '',
].join('\n');
process.stdout.write(markdown);
writeFileSync(join(root, 'bench', 'COMPARE.md'), markdown);
