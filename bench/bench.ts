/**
 * Benchmark: `npm run bench`. Measures `ratsmappe build` as a clerk runs it: a new process each
 * time, with an empty cache (RATSMAPPE_CACHE points at a fresh folder), at several meeting sizes
 * made by bench/generateMeeting.ts. Per size: wall time, PDF pages, pages/s, peak RSS (GNU time
 * %M) and the stage timings the build writes to RATSMAPPE_TIMINGS. Then an incremental rebuild,
 * a 900 KB text section, the small commands on the example, and the same report through
 * pandoc → LibreOffice for comparison. Prints Markdown, writes bench/RESULTS.md and the raw
 * numbers to bench/result.json (ignored). Not a test: the numbers vary with the machine.
 *
 * Environment:
 *   BENCH_SIZES=1,10,100,300   meeting sizes (copies of SV-9-1601)
 *   BENCH_RUNS                 runs per size (default 3 for N ≤ 10, 1 above; the small
 *                              commands on the example always run 5 times)
 *   BENCH_REBUILD=0            skip the incremental rebuild; BENCH_REBUILD_SIZE=100 its size
 *   BENCH_LARGE=0              skip the 900 KB section
 *   BENCH_ANLAGEN=0            skip the Anlagen rows: the example with and without one 200-page
 *                              Anlage; N = BENCH_ANLAGEN_SIZE (default 100) with Anlagen
 *   BENCH_CLI=0                skip --help / check content / build content
 *   BENCH_COMPARE=0            skip pandoc → LibreOffice (run at the sizes 1, 10, 100 that
 *                              BENCH_SIZES holds, where pandoc and soffice are installed)
 *   BENCH_BUILD_JS=0           do not run `npm run build:js` first
 *   BENCH_KEEP=1               keep the temporary folder
 *   BENCH_NODE=/path/to/node   run ratsmappe with this Node (default: the one running the bench)
 *   BENCH_OUT=bench/X.md       where the Markdown goes (default bench/RESULTS.md)
 *
 * Node 22.1+ keeps compiled code on disk (bin/ratsmappe.js): the bench gives it a folder of its
 * own, empty at the start, which the first run fills, as a clerk's first run after installing.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import {
  copyIsPublic,
  copyNumber,
  editedSection,
  editOneSection,
  generateLargeSection,
  generateMeeting,
} from './generateMeeting.js';
import { addAnlagen, anlagePdf, generateAnlagenMeeting } from './generateAnlagen.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'ratsmappe.js');
const env = process.env;
const nodeBin = env.BENCH_NODE ?? process.execPath;
const enabled = (name: string): boolean => env[name] !== '0';
const sizes = (env.BENCH_SIZES ?? '1,10,100,300').split(',').map((s) => {
  const n = Number(s.trim());
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_SIZES: „${s}“ is not a size`);
  return n;
});
const runsFor = (n: number): number => (env.BENCH_RUNS ? Number(env.BENCH_RUNS) : n <= 10 ? 3 : 1);
const rebuildSize = Number(env.BENCH_REBUILD_SIZE ?? 100);
const compareSizes = [1, 10, 100].filter((n) => sizes.includes(n));
const cliRuns = 5;

const work = mkdtempSync(join(tmpdir(), 'ratsmappe-bench-'));
process.on('exit', () => {
  if (env.BENCH_KEEP === '1') log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
});
let serial = 0;
/** Node's compiled code (22.1+), kept from run to run as after installing (see the top) */
const compileCache = join(work, 'node-compile-cache');
/** A new empty folder below the bench's temporary folder. */
const fresh = (what: string): string => {
  const dir = join(work, `${what}-${++serial}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const log = (text: string): void => {
  process.stderr.write(`[bench] ${text}\n`);
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0
    ? NaN
    : s.length % 2
      ? (s[mid] ?? NaN)
      : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

type Stages = Record<string, number>;

/** One run of a command as a new process. */
interface Run {
  readonly ms: number;
  readonly rssMb: number;
  /** what the build wrote to RATSMAPPE_TIMINGS; null when it wrote nothing */
  readonly stages: Stages | null;
}

/** Several runs of one measurement, summarised. */
interface Measurement {
  readonly runs: readonly Run[];
  readonly ms: number;
  readonly rssMb: number;
  readonly stages: Stages | null;
  readonly pages?: number;
}

function run(
  command: string,
  args: readonly string[],
  options: SpawnSyncOptions = {},
  label = `${command} ${args.join(' ')}`,
): string {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...options,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = [result.stdout, result.stderr].filter((x) => typeof x === 'string').join('');
    throw new Error(`${label} exited ${result.status ?? '?'}: ${output.trim().slice(-2000)}`);
  }
  return typeof result.stdout === 'string' ? result.stdout : '';
}

function readStages(file: string): Stages | null {
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null) return null;
  return Object.fromEntries(
    Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number'),
  );
}

/**
 * `node bin/ratsmappe.js …args` under /usr/bin/time, with RATSMAPPE_CACHE (a fresh folder unless
 * given) and RATSMAPPE_TIMINGS set.
 */
function ratsmappe(args: readonly string[], cache = fresh('cache')): Run {
  const probe = fresh('probe');
  const rssFile = join(probe, 'rss');
  const timings = join(probe, 'timings.json');
  const started = performance.now();
  run(
    '/usr/bin/time',
    ['-f', '%M', '-o', rssFile, nodeBin, cli, ...args],
    {
      cwd: root,
      env: {
        ...env,
        RATSMAPPE_CACHE: cache,
        RATSMAPPE_TIMINGS: timings,
        NODE_COMPILE_CACHE: compileCache,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
    `ratsmappe ${args[0] ?? ''}`,
  );
  const ms = performance.now() - started;
  const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
  const stages = readStages(timings);
  rmSync(probe, { recursive: true, force: true });
  return { ms, rssMb: kb / 1024, stages };
}

function summarise(runs: readonly Run[], pages?: number): Measurement {
  const ms = median(runs.map((r) => r.ms));
  const middle = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)];
  return {
    runs,
    ms,
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
    stages: middle?.stages ?? null,
    ...(pages === undefined ? {} : { pages }),
  };
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f));
}

async function pdfPages(dir: string): Promise<number> {
  let pages = 0;
  for (const file of filesBelow(dir).filter((f) => f.endsWith('.pdf'))) {
    const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    pages += doc.getPageCount();
  }
  return pages;
}

const sha256 = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex');

/** Cold builds of one content folder; the first run may use a given cache and out folder. */
async function coldBuilds(
  what: string,
  content: string,
  runs: number,
  first?: { cache: string; out: string },
): Promise<Measurement> {
  const results: Run[] = [];
  let pages: number | undefined;
  for (let r = 0; r < runs; r++) {
    const out = r === 0 && first ? first.out : fresh('out');
    const cache = r === 0 && first ? first.cache : fresh('cache');
    const result = ratsmappe(['build', content, '--out', out, '--quiet'], cache);
    results.push(result);
    log(`${what} run ${r + 1}/${runs}: ${(result.ms / 1000).toFixed(1)} s`);
    pages ??= await pdfPages(out);
    if (!(r === 0 && first)) rmSync(out, { recursive: true, force: true });
  }
  return summarise(results, pages);
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };
const failures: string[] = [];
async function attempt<T>(what: string, f: () => Promise<T> | T): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${what} failed: ${message}`);
    failures.push(`${what}: ${message.split('\n')[0] ?? ''}`);
    return { ok: false, error: message };
  }
}

// ---------------------------------------------------------------------------------------------

function tool(command: string, args: readonly string[]): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? (result.stdout.trim().split('\n')[0] ?? '') : null;
}

function machine(): Record<string, string | number> {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const head = tool('git', ['-C', root, 'rev-parse', '--short', 'HEAD']) ?? '?';
  const dirty = tool('git', [
    '-C',
    root,
    'status',
    '--porcelain',
    '--',
    'src',
    'bin',
    'templates',
    'schemas',
    'package.json',
  ]);
  return {
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? '?',
    cores: availableParallelism(),
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim(),
    kernel: release(),
    date: new Date().toISOString(),
    load: loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
    commit: dirty ? `${head} with uncommitted changes in src/bin/templates` : head,
  };
}

if (!existsSync('/usr/bin/time'))
  throw new Error('/usr/bin/time is missing (peak RSS): apt-get install -y time');

const scripts = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  }
).scripts;
if (scripts?.['build:js'] !== undefined && enabled('BENCH_BUILD_JS')) {
  log('npm run build:js (bin/ratsmappe.js runs dist/)');
  run('npm', ['run', '--silent', 'build:js'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
}
ratsmappe(['--help']); // warm-up: file system cache, not measured

const example = join(root, 'content');
const small: Record<string, Outcome<Measurement>> = {};
let exampleOut: string | undefined;
if (enabled('BENCH_CLI')) {
  const repeat = (args: readonly string[]): Measurement =>
    summarise(Array.from({ length: cliRuns }, () => ratsmappe(args)));
  small['--help'] = await attempt('--help', () => repeat(['--help']));
  small['check content'] = await attempt('check content', () => repeat(['check', example]));
  // the first run's output stays: the comparison takes its SV-9-1601.docx
  exampleOut = fresh('example-out');
  const keep = { cache: fresh('cache'), out: exampleOut };
  small['build content'] = await attempt('build content', () =>
    coldBuilds('build content', example, cliRuns, keep),
  );
}

/**
 * `build --watch` on a content folder: after its first build, `edits` times one section is
 * edited; each run's time is from the write to the line „neu erzeugt in …“ (what the clerk
 * waits, the watcher's 100 ms of gathering included). Peak RSS: GNU time of the whole session.
 */
async function watchRebuilds(
  content: string,
  cache: string,
  edit: () => Promise<unknown>,
  edits: number,
): Promise<Measurement> {
  const out = fresh('watch-out');
  const probe = fresh('watch-probe');
  const rssFile = join(probe, 'rss');
  const child = spawn(
    '/usr/bin/time',
    ['-f', '%M', '-o', rssFile, nodeBin, cli, 'build', content, '--out', out, '--watch'],
    {
      cwd: root,
      env: { ...env, RATSMAPPE_CACHE: cache, NODE_COMPILE_CACHE: compileCache },
      stdio: ['ignore', 'ignore', 'pipe'],
      // a process group of its own: GNU time ignores SIGINT, the group's signal reaches node
      detached: true,
    },
  );
  const signal = (name: NodeJS.Signals): void => {
    if (child.pid !== undefined) process.kill(-child.pid, name);
  };
  let text = '';
  const waiters: (() => void)[] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    text += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  const until = async (pattern: RegExp, from: number): Promise<void> => {
    const deadline = Date.now() + 300_000;
    while (!pattern.test(text.slice(from))) {
      if (Date.now() > deadline) throw new Error(`build --watch: no ${String(pattern)}: ${text}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 1000);
      });
    }
  };
  try {
    await until(/Beobachte/, 0);
    const runs: Run[] = [];
    for (let k = 0; k < edits; k++) {
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the watcher settles
      const from = text.length;
      const started = performance.now();
      await edit();
      await until(/neu erzeugt in|Fehler im Inhalt|nicht erzeugt/, from);
      if (!text.slice(from).includes('neu erzeugt in')) throw new Error(text.slice(from));
      runs.push({ ms: performance.now() - started, rssMb: 0, stages: null });
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signal('SIGINT');
    await exited;
    const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
    return summarise(runs.map((r) => ({ ...r, rssMb: kb / 1024 })));
  } finally {
    if (child.exitCode === null) signal('SIGKILL');
  }
}

const cold = new Map<number, Outcome<Measurement>>();
const rebuildDirs = { cache: fresh('rebuild-cache'), out: fresh('rebuild-out') };
let rebuildContent: string | undefined;
for (const n of sizes) {
  const content = fresh(`content-${n}`);
  await generateMeeting(content, n);
  const first = enabled('BENCH_REBUILD') && n === rebuildSize ? rebuildDirs : undefined;
  if (first) rebuildContent = content;
  cold.set(n, await attempt(`N=${n}`, () => coldBuilds(`N=${n}`, content, runsFor(n), first)));
  if (!first) rmSync(content, { recursive: true, force: true });
}

interface Rebuild {
  readonly n: number;
  readonly first: Measurement;
  readonly edited: string;
  readonly changed: Measurement & { readonly outputChanged: boolean };
  readonly unchanged: Measurement & { readonly outputSame: boolean };
  /** the same edit, three times, with `build --watch` (threads and cache kept) */
  readonly watch: Outcome<Measurement>;
}
let rebuild: Outcome<Rebuild> | undefined;
if (enabled('BENCH_REBUILD')) {
  rebuild = await attempt(`rebuild N=${rebuildSize}`, async () => {
    let first = cold.get(rebuildSize);
    let content = rebuildContent;
    if (!content || !first?.ok) {
      content = fresh(`content-${rebuildSize}`);
      await generateMeeting(content, rebuildSize);
      first = {
        ok: true,
        value: await coldBuilds(`rebuild N=${rebuildSize} first build`, content, 1, rebuildDirs),
      };
    }
    // a public copy in the middle: its PDF must change, nothing else need be rendered again
    let i = Math.ceil(rebuildSize / 2);
    if (!copyIsPublic(i)) i -= 1;
    const pdf = filesBelow(rebuildDirs.out).find((f) => f.endsWith(`/${copyNumber(i)}.pdf`));
    if (!pdf) throw new Error(`${copyNumber(i)}.pdf not in the output`);
    const before = sha256(pdf);
    await editOneSection(content, i);
    const args = ['build', content, '--out', rebuildDirs.out, '--quiet'];
    const changed = ratsmappe(args, rebuildDirs.cache);
    log(
      `rebuild after editing ${copyNumber(i)}/${editedSection}: ${(changed.ms / 1000).toFixed(1)} s`,
    );
    const afterEdit = sha256(pdf);
    const unchanged = ratsmappe(args, rebuildDirs.cache);
    log(`rebuild without change: ${(unchanged.ms / 1000).toFixed(1)} s`);
    const edited = content;
    const watch = await attempt(`build --watch N=${rebuildSize}`, () =>
      watchRebuilds(edited, rebuildDirs.cache, () => editOneSection(edited, i), 3),
    );
    if (watch.ok)
      log(`build --watch, rebuild after an edit: ${(watch.value.ms / 1000).toFixed(1)} s`);
    return {
      n: rebuildSize,
      first: first.value,
      edited: `${copyNumber(i)}/${editedSection}`,
      changed: { ...summarise([changed]), outputChanged: afterEdit !== before },
      unchanged: { ...summarise([unchanged]), outputSame: sha256(pdf) === afterEdit },
      watch,
    };
  });
}

let large: Outcome<Measurement & { bytes: number }> | undefined;
if (enabled('BENCH_LARGE')) {
  large = await attempt('900 KB section', async () => {
    const content = fresh('content-large');
    await generateLargeSection(content);
    const bytes = filesBelow(content)
      .filter((f) => f.endsWith('bericht.yaml'))
      .reduce((sum, f) => sum + readFileSync(f).length, 0);
    return { ...(await coldBuilds('900 KB section', content, Number(env.BENCH_RUNS ?? 1))), bytes };
  });
}

// ---------------------------------------------------------------------------------------------
// Anlagen (issue 11): what one 200-page Anlage adds to the example; a meeting with Anlagen

const anlagenSize = Number(env.BENCH_ANLAGEN_SIZE ?? 100);
let anlageRows: Outcome<{ without: Measurement; with: Measurement }> | undefined;
let anlagenMeeting: Outcome<Measurement> | undefined;
if (enabled('BENCH_ANLAGEN')) {
  anlageRows = await attempt('example with a 200-page Anlage', async () => {
    const plain = fresh('content-example');
    cpSync(example, plain, { recursive: true });
    const heavy = fresh('content-example-anlage');
    cpSync(example, heavy, { recursive: true });
    await addAnlagen(heavy, 'SV-9-1601', [
      { titel: 'Kostenschätzung', name: 'kostenschaetzung.pdf', bytes: await anlagePdf(200) },
    ]);
    // one after the other, run by run: both see the same machine
    const runs = Number(env.BENCH_RUNS ?? 3);
    const measured = { without: [] as Run[], with: [] as Run[] };
    const pages = { without: 0, with: 0 };
    for (let r = 0; r < runs; r++) {
      for (const [key, dir] of [
        ['without', plain],
        ['with', heavy],
      ] as const) {
        const out = fresh('out');
        measured[key].push(ratsmappe(['build', dir, '--out', out, '--quiet'], fresh('cache')));
        if (r === 0) pages[key] = await pdfPages(out);
        rmSync(out, { recursive: true, force: true });
      }
    }
    log(
      `example ± 200-page Anlage: ${measured.without.map((x) => x.ms).join(', ')} / ${measured.with.map((x) => x.ms).join(', ')} ms`,
    );
    return {
      without: summarise(measured.without, pages.without),
      with: summarise(measured.with, pages.with),
    };
  });
  anlagenMeeting = await attempt(`N=${anlagenSize} with Anlagen`, async () => {
    const content = fresh(`content-anlagen-${anlagenSize}`);
    await generateAnlagenMeeting(content, anlagenSize);
    const m = await coldBuilds(`N=${anlagenSize} with Anlagen`, content, 1);
    rmSync(content, { recursive: true, force: true });
    return m;
  });
}

// ---------------------------------------------------------------------------------------------
// The same report through pandoc → LibreOffice

interface Comparison {
  readonly n: number;
  readonly ms: number;
  readonly runsMs: readonly number[];
  readonly pages: number;
}
const pageBreak = '\n\n```{=openxml}\n<w:p><w:r><w:br w:type="page"/></w:r></w:p>\n```\n\n';
const comparison: Outcome<Comparison>[] = [];
let compareNote = '';
const pandoc = tool('pandoc', ['--version']);
const soffice = tool('soffice', ['--version']);
if (enabled('BENCH_COMPARE') && compareSizes.length > 0) {
  if (!pandoc || !soffice) compareNote = 'pandoc or soffice not installed: no comparison.';
  else {
    if (!exampleOut) {
      exampleOut = fresh('example-out'); // BENCH_CLI=0: build the example once, not measured
      ratsmappe(['build', example, '--out', exampleOut, '--quiet']);
    }
    const docx = filesBelow(exampleOut).find((f) => f.endsWith('/SV-9-1601.docx'));
    // Markdown once, from ratsmappe's own DOCX of the example: the same text, headings, lists and
    // tables as the PDF, without writing the templates again.
    const markdown = docx ? run('pandoc', [docx, '-t', 'markdown', '--wrap=none']) : '';
    if (!docx) compareNote = 'SV-9-1601.docx is not in the example output: no comparison.';
    for (const n of docx ? compareSizes : []) {
      comparison.push(
        await attempt(`pandoc+LO n=${n}`, async () => {
          const times: number[] = [];
          let pages = 0;
          for (let r = 0; r < runsFor(n); r++) {
            const dir = fresh(`pandoc-${n}`);
            writeFileSync(
              join(dir, 'in.md'),
              Array.from({ length: n }, () => markdown).join(pageBreak),
            );
            const profile = fresh('lo-profile');
            const started = performance.now();
            run('pandoc', ['in.md', '-o', 'in.docx'], { cwd: dir });
            run(
              'soffice',
              [
                `-env:UserInstallation=file://${profile}`,
                '--headless',
                '--convert-to',
                'pdf',
                '--outdir',
                dir,
                'in.docx',
              ],
              { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
            );
            times.push(performance.now() - started);
            log(`pandoc+LO n=${n} run ${r + 1}: ${((times.at(-1) ?? 0) / 1000).toFixed(1)} s`);
            if (r === 0) pages = await pdfPages(dir);
            rmSync(dir, { recursive: true, force: true });
            rmSync(profile, { recursive: true, force: true });
          }
          return { n, ms: median(times), runsMs: times, pages };
        }),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const s = (ms: number): string => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const mb = (x: number): string => x.toFixed(0);
const pagesPerSecond = (m: Measurement): number => (m.pages ?? 0) / (m.ms / 1000);
const stagesText = (st: Stages | null): string =>
  st === null || Object.keys(st).length === 0
    ? '–'
    : Object.entries(st)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(' · ');
const failed = (o: { ok: false; error: string }): string =>
  `failed: ${o.error.split('\n')[0] ?? ''}`;

const info = machine();
const lines: string[] = [
  '# ratsmappe benchmark',
  '',
  `${info.date} · ${info.cpu}, ${info.cores} cores, ${info.ramGiB} GiB RAM · Node ${info.node} · Linux ${info.kernel} · commit ${info.commit} · load average at the end ${info.load}`,
  '',
  '## Cold build',
  '',
  '`node bin/ratsmappe.js build <dir> --out <tmp> --quiet` as a new process with an empty cache',
  '(`RATSMAPPE_CACHE` a fresh folder). N = copies of SV-9-1601 (every 10th non-public) plus',
  'SV-9-1600 (bench/generateMeeting.ts). Wall: median of the runs. PDF pages: all `*.pdf` of the',
  'output (every Vorlage, both Sitzungsmappen). Peak RSS: GNU time `%M` (the largest process).',
  'Stages: ms as the build writes them to `RATSMAPPE_TIMINGS` (run with the median wall time).',
  'Node 22.1+ only: its compile cache (`NODE_COMPILE_CACHE`) is a folder of the bench, empty at',
  'its start and kept from run to run, as on a clerk’s machine after the first run.',
  '',
  '| N | runs | wall s | PDF pages | pages/s | peak RSS MB | stages (ms) |',
  '| --: | --: | --: | --: | --: | --: | --- |',
];
for (const [n, o] of cold) {
  if (!o.ok) {
    lines.push(`| ${n} | | | | | | ${failed(o)} |`);
    continue;
  }
  const m = o.value;
  const pages = m.pages ?? 0;
  lines.push(
    `| ${n} | ${m.runs.length} | ${s(m.ms)} | ${pages} | ${pagesPerSecond(m).toFixed(1)} | ${mb(m.rssMb)} | ${stagesText(m.stages)} |`,
  );
}
const extra: string[] = [];
const row = (what: string, o: Outcome<Measurement> | undefined, note = ''): void => {
  if (!o) return;
  if (!o.ok) extra.push(`| ${what} | | | | | ${failed(o)} |`);
  else
    extra.push(
      `| ${what} | ${o.value.runs.length} | ${s(o.value.ms)} | ${mb(o.value.rssMb)} | ${o.value.pages ?? ''} | ${[note, stagesText(o.value.stages)].filter((x) => x && x !== '–').join('; ') || '–'} |`,
    );
};
if (rebuild?.ok) {
  const r = rebuild.value;
  row(`build N=${r.n}, first (empty cache)`, { ok: true, value: r.first });
  row(
    `rebuild N=${r.n} after one figure changed`,
    { ok: true, value: r.changed },
    `${r.edited}; its PDF changed: ${r.changed.outputChanged ? 'yes' : '**no**'}`,
  );
  row(
    `rebuild N=${r.n} without change`,
    { ok: true, value: r.unchanged },
    `PDF unchanged: ${r.unchanged.outputSame ? 'yes' : '**no**'}`,
  );
  row(
    `rebuild N=${r.n} after one figure changed, \`build --watch\``,
    r.watch,
    'from the write to „neu erzeugt“; threads and cache kept (not the target: that is a new process)',
  );
} else if (rebuild) row(`rebuild N=${rebuildSize}`, rebuild);
if (large?.ok)
  row('build, one 900 KB text section', large, `${Math.round(large.value.bytes / 1000)} KB`);
else row('build, one 900 KB text section', large);
for (const [what, o] of Object.entries(small)) row(`\`${what}\` (example)`, o);
if (anlageRows?.ok) {
  row('`build content` (example), for the Anlage row', {
    ok: true,
    value: anlageRows.value.without,
  });
  row(
    'example + one 200-page Anlage (PDF, 40 lines a page)',
    { ok: true, value: anlageRows.value.with },
    `adds ${s(anlageRows.value.with.ms - anlageRows.value.without.ms)} s`,
  );
} else if (anlageRows) row('example + one 200-page Anlage', anlageRows);
if (anlagenMeeting?.ok) {
  row(
    `build N=${anlagenSize} with Anlagen (every third copy: 20-page PDF, A3 plan, PNG)`,
    anlagenMeeting,
    `${pagesPerSecond(anlagenMeeting.value).toFixed(1)} pages/s`,
  );
} else if (anlagenMeeting) row(`build N=${anlagenSize} with Anlagen`, anlagenMeeting);
if (extra.length > 0) {
  lines.push(
    '',
    '## Rebuilds, large section, small commands',
    '',
    'Each a new process; the rebuilds keep their cache (`RATSMAPPE_CACHE`) and `--out` folder.',
    '',
    '| measurement | runs | wall s | peak RSS MB | PDF pages | notes; stages (ms) |',
    '| --- | --: | --: | --: | --: | --- |',
    ...extra,
  );
}
if (comparison.length > 0 || compareNote) {
  lines.push(
    '',
    '## Comparison: pandoc → LibreOffice',
    '',
    `${pandoc ?? ''}, ${soffice ?? ''}. The example Vorlage SV-9-1601 as Markdown, made once with`,
    '`pandoc SV-9-1601.docx -t markdown` from ratsmappe’s own DOCX of the example; n copies joined',
    'with page breaks; timed: `pandoc in.md -o in.docx` + `soffice --headless --convert-to pdf`',
    '(fresh LibreOffice profile each run). ratsmappe does more for its N: checks, a PDF and a DOCX',
    'per Vorlage and both Sitzungsmappen, so its PDF pages count each Vorlage two to three times.',
    '',
  );
  if (compareNote) lines.push(compareNote);
  else {
    lines.push(
      '| n | ratsmappe wall s | ratsmappe PDF pages | pandoc+LO wall s | pandoc+LO pages | ratsmappe / pandoc+LO |',
      '| --: | --: | --: | --: | --: | --: |',
    );
    for (const [k, o] of comparison.entries()) {
      const n = compareSizes[k] ?? 0;
      const ours = cold.get(n);
      if (!o.ok) {
        lines.push(`| ${n} | | | | | ${failed(o)} |`);
        continue;
      }
      const mine = ours?.ok ? ours.value : undefined;
      lines.push(
        `| ${n} | ${mine ? s(mine.ms) : '–'} | ${mine?.pages ?? '–'} | ${s(o.value.ms)} | ${o.value.pages} | ${mine ? (mine.ms / o.value.ms).toFixed(1) : '–'} |`,
      );
    }
  }
}
// ---------------------------------------------------------------------------------------------
// The targets of issues 8 and 11, each with what this run measured

const targets: string[] = [];
/** One row: the measured value (undefined: not measured), how it is shown, whether it meets the goal. */
const target = (
  what: string,
  goal: string,
  value: number | undefined,
  show: (v: number) => string,
  met: (v: number) => boolean,
): void => {
  targets.push(
    value === undefined
      ? `| ${what} | ${goal} | – | not measured |`
      : `| ${what} | ${goal} | ${show(value)} | ${met(value) ? 'met' : '**not met**'} |`,
  );
};
const seconds = (ms: number): string => `${s(ms)} s`;
const perSecond = (pps: number): string => `${pps.toFixed(0)} pages/s`;
const wall = (n: number): number | undefined => {
  const o = cold.get(n);
  return o?.ok ? o.value.ms : undefined;
};
const ratio = (a: number, b: number): number | undefined => {
  const x = wall(a);
  const y = wall(b);
  return x === undefined || y === undefined ? undefined : x / y;
};
target(
  'linear: t(100) / t(10)',
  '≤ 12',
  ratio(100, 10),
  (r) => r.toFixed(1),
  (r) => r <= 12,
);
target(
  'linear: t(300) / t(100)',
  '≤ 3.5',
  ratio(300, 100),
  (r) => r.toFixed(2),
  (r) => r <= 3.5,
);
const at100 = cold.get(100);
target(
  'throughput at N = 100',
  '≥ 300 PDF pages/s',
  at100?.ok ? pagesPerSecond(at100.value) : undefined,
  perSecond,
  (pps) => pps >= 300,
);
const rssValues = [...cold.values()].flatMap((o) => (o.ok ? [o.value.rssMb] : []));
target(
  'peak RSS at any N',
  '< 600 MB',
  rssValues.length > 0 ? Math.max(...rssValues) : undefined,
  (rss) => `${mb(rss)} MB`,
  (rss) => rss < 600,
);
target(
  `rebuild at N = ${rebuildSize} after one section changed`,
  '< 1 s',
  rebuild?.ok ? rebuild.value.changed.ms : undefined,
  seconds,
  (ms) => ms < 1000,
);
for (const [what, limit] of [
  ['build content', 750],
  ['check content', 300],
  ['--help', 150],
] as const) {
  const o = small[what];
  target(
    `\`${what}\` (example)`,
    `< ${seconds(limit)}`,
    o?.ok ? o.value.ms : undefined,
    seconds,
    (ms) => ms < limit,
  );
}
target(
  'one 900 KB text section',
  '< 3 s',
  large?.ok ? large.value.ms : undefined,
  seconds,
  (ms) => ms < 3000,
);
target(
  'one 200-page Anlage adds to the example',
  '< 1 s',
  anlageRows?.ok ? anlageRows.value.with.ms - anlageRows.value.without.ms : undefined,
  seconds,
  (ms) => ms < 1000,
);
target(
  `throughput at N = ${anlagenSize} with Anlagen`,
  '≥ 300 PDF pages/s',
  anlagenMeeting?.ok ? pagesPerSecond(anlagenMeeting.value) : undefined,
  perSecond,
  (pps) => pps >= 300,
);
lines.push(
  '',
  '## Targets',
  '',
  '| target | goal | measured | |',
  '| --- | --- | --: | --- |',
  ...targets,
);

if (failures.length > 0) lines.push('', '## Failures', '', ...failures.map((f) => `- ${f}`));
const markdown = `${lines.join('\n')}\n`;
process.stdout.write(markdown);
writeFileSync(resolve(root, env.BENCH_OUT ?? join('bench', 'RESULTS.md')), markdown);
writeFileSync(
  join(root, 'bench', 'result.json'),
  `${JSON.stringify(
    {
      machine: info,
      sizes,
      cold: Object.fromEntries(cold),
      rebuild,
      large,
      small,
      anlageRows,
      anlagenMeeting,
      comparison,
      failures,
    },
    null,
    2,
  )}\n`,
);
process.exitCode = failures.length > 0 ? 1 : 0;
