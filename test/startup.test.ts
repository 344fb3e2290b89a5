import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { checkAndCompose } from '../src/check/checkAndCompose.js';
import { exampleContentDir } from './helpers/exampleBuild.js';
import { caseContent, listCases } from './helpers/diagnosticCases.js';

// Start-up (issue 8): bin/ratsmappe.js runs the precompiled JavaScript in dist/ (built by
// `npm run build:js`, which `npm ci` and `npm test` run); --help, --version and check do not load
// the render stack, and check uses the precompiled schema validators instead of ajv's compiler.

const root = new URL('../', import.meta.url);
const bin = fileURLToPath(new URL('bin/ratsmappe.js', root));
const distCheck = new URL('dist/check/checkAndCompose.js', root);

/**
 * Reports every file the process loads: ES modules as they resolve, CommonJS at exit. Into a
 * file (RATSMAPPE_TRACE): stderr to a pipe is asynchronous, and Node 24 dropped what was still
 * queued at exit (the test was flaky there); a synchronous write to the pipe can fail (EAGAIN).
 */
const hook = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.startsWith('file:')) appendFileSync(process.env.RATSMAPPE_TRACE, 'LOADED ' + result.url + '\\n');
  return result;
}`;
const tracer = `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { isMainThread } from 'node:worker_threads';
register('data:text/javascript,' + ${JSON.stringify(encodeURIComponent(hook))});
process.on('exit', () => {
  const tag = isMainThread ? 'MAIN ' : '';
  for (const path of Object.keys(createRequire('/').cache)) appendFileSync(process.env.RATSMAPPE_TRACE, tag + 'LOADED ' + path + '\\n');
});`;

/** A fresh trace file for one traced process; its lines once the process has ended. */
function traceFile(): { path: string; lines: () => string } {
  const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-trace-'));
  const path = join(dir, 'trace.txt');
  return {
    path,
    lines: () => {
      const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      return text;
    },
  };
}

function traced(args: readonly string[]) {
  const trace = traceFile();
  const run = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(tracer)}`, bin, ...args],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', RATSMAPPE_TRACE: trace.path } },
  );
  const lines = trace.lines();
  const loaded = lines
    .split('\n')
    .map((line) => line.replace(/^MAIN LOADED /, 'LOADED '))
    .filter((line) => line.startsWith('LOADED '))
    .map((line) => decodeURIComponent(line.slice('LOADED '.length)).replace(/^file:\/\//, ''));
  // CommonJS modules the main thread loaded (the render threads load theirs themselves)
  const mainCjs = lines
    .split('\n')
    .filter((line) => line.startsWith('MAIN LOADED '))
    .map((line) => line.slice('MAIN LOADED '.length));
  return { status: run.status, stdout: run.stdout, loaded, mainCjs };
}

const renderStack =
  /node_modules\/(pdfmake|pdfkit|docx|pdf-lib|piscina|handlebars|parse5|jszip|tsx)\/|\/dist\/(render|packet|archive|template|model)\//;

describe('start-up: the command runs from dist/ and loads only what it needs', () => {
  before(function () {
    if (!existsSync(distCheck))
      throw new Error('dist/ is missing: run `npm run build:js` (npm test does it first)');
  });

  for (const args of [['--help'], ['--version']]) {
    it(`${args.join(' ')} loads no more than the command line itself`, () => {
      const run = traced(args);
      expect(run.status).to.equal(0);
      expect(run.loaded.some((path) => path.endsWith('/dist/cli/main.js'))).to.equal(true);
      // the command-line parser only (commander: no dependencies of its own)
      expect(
        run.loaded.filter(
          (path) => path.includes('/node_modules/') && !path.includes('/node_modules/commander/'),
        ),
      ).to.deep.equal([]);
    });
  }

  it('check loads neither the render stack nor ajv’s compiler', () => {
    const run = traced(['check', exampleContentDir]);
    expect(run.stdout).to.contain('Keine Fehler gefunden.');
    expect(run.status).to.equal(0);
    expect(run.loaded.filter((path) => renderStack.test(path))).to.deep.equal([]);
    expect(run.loaded.some((path) => path.endsWith('/dist/check/validators.cjs'))).to.equal(true);
    expect(
      run.loaded.filter((path) => /node_modules\/ajv\/dist\/(core|2020)\.js$/.test(path)),
    ).to.deep.equal([]);
  });

  it('build leaves the render stack to the render threads: the main thread checks meanwhile', () => {
    const out = mkdtempSync(join(tmpdir(), 'ratsmappe-startup-'));
    try {
      const run = traced(['build', exampleContentDir, '--out', out, '--quiet']);
      expect(run.status).to.equal(0);
      expect(
        existsSync(
          join(out, '2020-02-04-integrationsausschuss', 'oeffentlich', 'sitzungsmappe.pdf'),
        ),
      ).to.equal(true);
      // pdfmake, pdfkit and pdf-lib are CommonJS: a main-thread import of the render stack
      // would show in the main thread's require cache
      // (their package.json files only: the cache key's tool fingerprint reads their versions)
      expect(
        run.mainCjs.filter((path) =>
          /node_modules\/(pdfmake|pdfkit|pdf-lib|fontkit)\/.*\.c?js$/.test(path),
        ),
      ).to.deep.equal([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  /** The files a render thread's module loads for `task` (given as JavaScript). */
  function workerLoads(task: string): string[] {
    const entry = new URL('dist/render/renderWorker.js', root).href;
    const trace = traceFile();
    const spawned = spawnSync(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(tracer)}`,
        '--input-type=module',
        '-e',
        `const worker = await import(${JSON.stringify(entry)}); await worker.run(${task});`,
      ],
      { encoding: 'utf8', env: { ...process.env, RATSMAPPE_TRACE: trace.path } },
    );
    const run = { ...spawned, trace: trace.lines() };
    expect(run.status, run.stderr).to.equal(0);
    return run.trace
      .split('\n')
      .filter((line) => /^(MAIN )?LOADED /.test(line))
      .map((line) => decodeURIComponent(line.replace(/^(MAIN )?LOADED (file:\/\/)?/, '')));
  }

  it('a render thread that renders a DOCX first loads neither the PDF stack nor ECharts', () => {
    const doc = {
      meta: {
        title: 'T',
        subject: 'S',
        author: 'A',
        keywords: [],
        language: 'de',
        date: '2020-02-04',
      },
      blocks: [{ type: 'paragraph', children: [{ type: 'text', text: 'Text' }] }],
    };
    const loaded = workerLoads(JSON.stringify({ kind: 'docx', doc }));
    expect(loaded.some((path) => path.endsWith('/dist/vendor/docx.mjs'))).to.equal(true);
    expect(
      loaded.filter((path) =>
        /node_modules\/(pdfmake|pdfkit|pdf-lib)\/|\/dist\/render\/(pdf\/renderPdf|chart\/echartsParts)\.js$/.test(
          path,
        ),
      ),
    ).to.deep.equal([]);
  });

  it('the render code loads ECharts and pdf-lib as one bundled module each, and no part of the check (yaml)', () => {
    // the warm-up loads all a thread may need
    const loaded = workerLoads(JSON.stringify({ kind: 'warmup' }));
    expect(loaded.some((path) => path.includes('/node_modules/pdfmake/'))).to.equal(true);
    expect(loaded.some((path) => path.endsWith('/dist/render/chart/echartsParts.js'))).to.equal(
      true,
    );
    expect(
      loaded.filter((path) => /node_modules\/(echarts|zrender)\/.*\.[cm]?js$/.test(path)),
    ).to.deep.equal([]);
    // pdf-lib: its own ES module bundle (scripts/pdfLibBundle.ts), not its 170 CommonJS files
    const pdfLib = loaded.filter((path) => path.includes('/node_modules/pdf-lib/'));
    expect([...new Set(pdfLib.map((path) => path.replace(/.*node_modules\//, '')))]).to.deep.equal([
      'pdf-lib/dist/pdf-lib.esm.js',
    ]);
    // the packet's plan is made in the main thread; the threads need none of the check's modules
    expect(
      loaded.filter((path) => /node_modules\/yaml\/|\/dist\/(check|load\/parseSource)/.test(path)),
    ).to.deep.equal([]);
  });

  it('the precompiled validators give exactly the diagnostics of ajv at run time', async () => {
    const dist = (await import(distCheck.href)) as typeof import('../src/check/checkAndCompose.js');
    for (const c of listCases()) {
      const files = await caseContent(c);
      expect(dist.checkAndCompose(files).diagnostics, c.name).to.deep.equal(
        checkAndCompose(files).diagnostics,
      );
    }
  });
});
