import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { checkAndCompose } from '../src/check/checkAndCompose.js';
import { readContent } from '../src/load/readContent.js';
import { packetPlan } from '../src/packet/packetDocument.js';
import { loadTemplates } from '../src/template/loadTemplates.js';
import { vorlageDocument } from '../src/template/vorlageDocument.js';
import { exampleContentDir } from './helpers/exampleBuild.js';
import { caseContent, listCases } from './helpers/diagnosticCases.js';

// Start-up (issue 8): bin/ratsmappe.js runs the precompiled JavaScript in dist/ (built by
// `npm run build:js`, which `npm ci` and `npm test` run); --help, --version and check do not load
// the render stack, and check uses the precompiled schema validators instead of ajv's compiler.

const root = new URL('../', import.meta.url);
const bin = fileURLToPath(new URL('bin/ratsmappe.js', root));
const distCheck = new URL('dist/check/checkAndCompose.js', root);
const dist = (path: string): Promise<unknown> => import(new URL(`dist/${path}`, root).href);

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

function traced(args: readonly string[], env: Record<string, string> = {}) {
  const trace = traceFile();
  const run = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(tracer)}`, bin, ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', RATSMAPPE_TRACE: trace.path, ...env },
    },
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
    // without a cache folder: every file is validated (the validators are loaded)
    const run = traced(['check', exampleContentDir], { RATSMAPPE_CACHE: 'aus' });
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
      // the built-in templates precompiled, Handlebars' compiler not run
      expect(run.mainCjs.some((path) => path.endsWith('/dist/template/precompiled.cjs'))).to.equal(
        true,
      );
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
        // a line after the task: what follows it was loaded after the task's result
        `const worker = await import(${JSON.stringify(entry)}); await worker.run(${task}); (await import('node:fs')).appendFileSync(process.env.RATSMAPPE_TRACE, 'LOADED TASK-DONE\\n');`,
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

  it('a render thread that renders a DOCX first loads neither the PDF stack nor ECharts for it, and the packet’s stack after it', () => {
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
    const all = workerLoads(JSON.stringify({ kind: 'docx', doc }));
    const done = all.indexOf('TASK-DONE');
    expect(done).to.be.above(0);
    // the ES modules in the order they were loaded; CommonJS (pdfmake, pdfkit) at the exit
    const loaded = all.slice(0, done);
    expect(loaded.some((path) => path.endsWith('/dist/vendor/docx.mjs'))).to.equal(true);
    expect(
      all.filter((path) => /node_modules\/(pdfmake|pdfkit)\//.test(path)),
      'pdfmake, pdfkit at all',
    ).to.deep.equal([]);
    // while the thread waits for its next task, it loads what the packets need
    const after = all.slice(done);
    expect(after.some((path) => path.endsWith('/dist/packet/splicePdf.js'))).to.equal(true);
    expect(after.some((path) => path.endsWith('/pdf-lib/dist/pdf-lib.esm.js'))).to.equal(true);
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

  it('the precompiled templates give exactly the documents of the templates compiled at run time', async () => {
    // dist/ takes the built-in templates from dist/template/precompiled.cjs (src/ has none)
    expect(existsSync(new URL('dist/template/precompiled.cjs', root))).to.equal(true);
    const distTemplates = (await dist('template/loadTemplates.js')) as {
      loadTemplates: typeof loadTemplates;
    };
    const distDocument = (await dist('template/vorlageDocument.js')) as {
      vorlageDocument: typeof vorlageDocument;
    };
    const distPlan = (await dist('packet/packetDocument.js')) as { packetPlan: typeof packetPlan };
    const [precompiled, compiled] = await Promise.all([
      distTemplates.loadTemplates(),
      loadTemplates(),
    ]);
    expect(precompiled.fingerprint).to.equal(compiled.fingerprint);
    const { meetings } = checkAndCompose(await readContent(exampleContentDir));
    expect(meetings).to.have.length.above(0);
    for (const meeting of meetings) {
      const linkziele = meeting.vorlagen.map((v) => v.nummer);
      for (const vorlage of meeting.vorlagen) {
        const doc = distDocument.vorlageDocument(precompiled, vorlage, linkziele);
        expect(doc.blocks.length, vorlage.nummer).to.be.above(3);
        expect(doc).to.deep.equal(vorlageDocument(compiled, vorlage, linkziele));
      }
      for (const fassung of ['oeffentlich', 'mitglieder'] as const)
        expect(distPlan.packetPlan(precompiled, meeting, fassung), fassung).to.deep.equal(
          packetPlan(compiled, meeting, fassung),
        );
    }
  });
});
