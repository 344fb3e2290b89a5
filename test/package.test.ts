import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { exampleContentDir, normalizeSpace } from './helpers/exampleBuild.js';
import { extractPdfText } from './helpers/pdfText.js';

// Issue 9: the packed tarball, installed with production dependencies only into an empty
// project, runs every command and offers the library API with its types. The Node binaries
// listed in RATSMAPPE_TEST_NODES (colon-separated; .ci/run passes Node 22 and 24) run the
// installed command too.

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const meeting = '2020-02-04-integrationsausschuss';

interface Packed {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string }[];
}

const ok = (run: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> => {
  expect(run.status, `${what}\n${run.stdout}\n${run.stderr}`).to.equal(0);
  return run;
};

describe('the npm package, installed into an empty project', function () {
  this.timeout(600_000);
  let work = '';
  let project = '';
  let packed: Packed;
  let install: SpawnSyncReturns<string>;
  const bin = () => join(project, 'node_modules', 'ratsmappe', 'bin', 'ratsmappe.js');
  const run = (args: readonly string[], node = process.execPath) =>
    spawnSync(node, [bin(), ...args], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', RATSMAPPE_CACHE: 'aus' },
    });

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'ratsmappe-paket-'));
    // dist/ is fresh: `npm test` builds it first (pretest)
    const pack = ok(
      spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
        cwd: root,
        encoding: 'utf8',
      }),
      'npm pack',
    );
    [packed] = JSON.parse(pack.stdout) as [Packed];
    project = join(work, 'projekt');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'probe', version: '1.0.0', private: true, type: 'module' }),
    );
    install = spawnSync(
      npm,
      [
        'install',
        '--omit=dev',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        join(work, packed.filename),
      ],
      { cwd: project, encoding: 'utf8' },
    );
    cpSync(exampleContentDir, join(project, 'content'), { recursive: true });
  });
  after(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('ships only what runs: the compiled code, schemas, templates, README, LICENSE, NOTICE', () => {
    const paths = packed.files.map((f) => f.path);
    const allowed =
      /^(bin\/|dist\/|schemas\/|templates\/)|^(README\.md|LICENSE|NOTICE\.md|package\.json)$/;
    expect(paths.filter((p) => !allowed.test(p))).to.deep.equal([]);
    expect(
      paths.filter((p) => p.endsWith('.map') || (p.endsWith('.ts') && !p.endsWith('.d.ts'))),
    ).to.deep.equal([]);
    for (const needed of [
      'bin/ratsmappe.js',
      'dist/cli/main.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/check/validators.cjs',
      'dist/vendor/docx.mjs',
      'dist/vendor/docx.LICENSE',
      'schemas/vorlage.schema.json',
      'templates/vorlage.hbs',
      'README.md',
      'LICENSE',
      'NOTICE.md',
    ])
      expect(paths, needed).to.include(needed);
    expect(packed.size).to.be.below(1_000_000);
  });

  it('installs with production dependencies only, without an engine warning', () => {
    expect(install.status, install.stderr).to.equal(0);
    expect(install.stderr).to.not.match(/EBADENGINE|Unsupported engine/);
    const installed = spawnSync(npm, ['ls', '--all', '--omit=dev', '--parseable'], {
      cwd: project,
      encoding: 'utf8',
    }).stdout;
    for (const dev of ['tsx', 'typescript', 'mocha', 'nanoid', 'esbuild'])
      expect(installed, dev).to.not.match(new RegExp(`/node_modules/${dev}$`, 'm'));
  });

  it('runs check, build, archive, verify and diff', async () => {
    const check = ok(
      spawnSync(npm, ['exec', '--no', '--', 'ratsmappe', 'check'], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      }),
      'npx ratsmappe check',
    );
    expect(check.stdout).to.include('Keine Fehler gefunden.');
    ok(run(['build', '--quiet']), 'build');
    const pdf = readFileSync(join(project, 'out', meeting, 'oeffentlich', 'SV-9-1601.pdf'));
    const { text } = await extractPdfText(pdf);
    expect(normalizeSpace(text)).to.include(
      'Bericht der Verwaltung zum Asyl-, Flüchtlings- und Integrationsgeschehen',
    );
    const docx = readFileSync(join(project, 'out', meeting, 'oeffentlich', 'SV-9-1601.docx'));
    expect(docx.subarray(0, 2).toString()).to.equal('PK');
    ok(run(['archive', '--to', 'archiv']), 'archive');
    const verify = ok(run(['verify', 'archiv', '--json']), 'verify');
    expect((JSON.parse(verify.stdout) as { ok: boolean }).ok).to.equal(true);
    const vorlage = join('content', 'vorlagen', 'SV-9-1601');
    const diff = ok(run(['diff', vorlage, vorlage]), 'diff');
    expect(diff.stdout).to.equal('Keine inhaltlichen Unterschiede.\n');
  });

  it('offers check and build as a library, with types', () => {
    writeFileSync(
      join(project, 'probe.ts'),
      `import { build, check, type BuildReport, type CheckReport, type Diagnostic } from 'ratsmappe';
const checked: CheckReport = await check('content');
const first: Diagnostic | undefined = checked.diagnostics[0];
const built: BuildReport = await build('content', { date: '2020-01-28' });
const names = built.meetings.flatMap((m) => m.artifacts.map((a) => a.name));
console.log(JSON.stringify({ ok: checked.ok, first: first?.code ?? null, meetings: checked.meetings.length, names }));
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          types: [],
          outDir: 'js',
        },
        files: ['probe.ts'],
      }),
    );
    // the repository's TypeScript compiles the probe against the installed package's types
    ok(
      spawnSync(
        process.execPath,
        [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
        {
          cwd: project,
          encoding: 'utf8',
        },
      ),
      'tsc on a consumer of the types',
    );
    const probe = ok(
      spawnSync(process.execPath, [join(project, 'js', 'probe.js')], {
        cwd: project,
        encoding: 'utf8',
      }),
      'library probe',
    );
    const result = JSON.parse(probe.stdout) as { ok: boolean; meetings: number; names: string[] };
    expect(result.ok).to.equal(true);
    expect(result.meetings).to.equal(1);
    expect(result.names).to.include.members([
      'oeffentlich/SV-9-1601.pdf',
      'oeffentlich/sitzungsmappe.pdf',
      'nichtoeffentlich/sitzungsmappe-mitglieder.pdf',
    ]);
  });

  const nodes = [
    process.execPath,
    ...(process.env.RATSMAPPE_TEST_NODES ?? '').split(':').filter(Boolean),
  ];
  for (const node of nodes) {
    it(`builds the example with ${node === process.execPath ? `this Node (${process.version})` : node}`, () => {
      const version = ok(spawnSync(node, ['--version'], { encoding: 'utf8' }), 'node --version');
      const out = `out-${version.stdout.trim()}`;
      ok(run(['build', '--quiet', '--out', out], node), `build on ${version.stdout}`);
      const files = readFileSync(
        join(project, out, meeting, 'oeffentlich', 'manifest.json'),
        'utf8',
      );
      expect(files).to.include('SV-9-1601.pdf');
      expect(
        readFileSync(join(project, out, meeting, 'oeffentlich', 'sitzungsmappe.pdf'))
          .subarray(0, 5)
          .toString(),
      ).to.equal('%PDF-');
    });
  }
});
