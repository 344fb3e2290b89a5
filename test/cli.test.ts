import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { copyOfExample, ratsmappe } from './helpers/cli.js';
import { exampleContentDir } from './helpers/exampleBuild.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('command line', () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = copyOfExample();
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('check on the example content is clean (exit 0)', () => {
    const run = ratsmappe(['check', exampleContentDir]);
    expect(run.stdout).to.include('Keine Fehler gefunden.');
    expect(run.status).to.equal(0);
  });

  it('check reports a content fault with file, line and column (exit 1), also as JSON', () => {
    const dir = scratch();
    const file = join(dir, 'content/vorlagen/SV-9-1601/sprachmittlerpool.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('anzahl: 1300', 'anzahl: 1.300'));
    const run = ratsmappe(['check', 'content'], { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.stdout).to.match(
      /vorlagen\/SV-9-1601\/sprachmittlerpool\.yaml:\d+:\d+ {2}fehler {2}RM201 {2}1\.300 wurde als 1,3 gelesen/,
    );
    expect(run.stdout).to.include('Hinweis: Schreiben Sie die Zahl ohne Tausenderpunkt: 1300.');
    expect(run.stdout).to.not.include('\u001b[');
    expect(run.stdout).to.not.match(/at .*\.ts:\d+/);
    const json = ratsmappe(['check', 'content', '--json'], { cwd: dir });
    const diagnostics = JSON.parse(json.stdout) as { code: string; file: string; line: number }[];
    expect(diagnostics.map((d) => d.code)).to.deep.equal(['RM201']);
    expect(json.status).to.equal(1);
  });

  it('misuse exits 2 with a German usage text', () => {
    const unknown = ratsmappe(['drucken']);
    expect(unknown.status).to.equal(2);
    expect(unknown.stderr).to.include('Unbekannter Befehl „drucken“');
    const missing = ratsmappe(['check', '/nicht/vorhanden']);
    expect(missing.status).to.equal(2);
    expect(missing.stderr).to.include('existiert nicht');
  });

  it('build writes one PDF and one DOCX per Vorlage into a folder per meeting', () => {
    const dir = scratch();
    const run = ratsmappe(['build', 'content', '--out', 'out', '--quiet'], { cwd: dir });
    expect(run.status, run.stderr).to.equal(0);
    const folder = join(dir, 'out', '2020-02-04-integrationsausschuss', 'oeffentlich');
    expect(readdirSync(folder).sort()).to.deep.equal([
      'SV-9-1600.docx',
      'SV-9-1600.pdf',
      'SV-9-1601.docx',
      'SV-9-1601.pdf',
      'manifest.json',
      'sitzungsmappe.pdf',
    ]);
    expect(readdirSync(join(folder, '..', 'nichtoeffentlich')).sort()).to.deep.equal([
      'manifest.json',
      'sitzungsmappe-mitglieder.pdf',
    ]);
    expect(readFileSync(join(folder, 'SV-9-1601.pdf')).subarray(0, 5).toString()).to.equal('%PDF-');
    expect(readFileSync(join(folder, 'SV-9-1601.docx')).subarray(0, 2).toString()).to.equal('PK');
    expect(readdirSync(join(dir, 'out')).filter((n) => n.startsWith('.'))).to.deep.equal([]);
  });

  it('build with a fault writes nothing and the last good output stays', () => {
    const dir = scratch();
    expect(ratsmappe(['build', 'content', '--quiet'], { cwd: dir }).status).to.equal(0);
    const pdf = join(
      dir,
      'out',
      '2020-02-04-integrationsausschuss',
      'oeffentlich',
      'SV-9-1601.pdf',
    );
    const before = sha(pdf);
    const file = join(dir, 'content/vorlagen/SV-9-1601/integrationspauschale.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('betrag: 626377.32', 'betrag: 600000'));
    const run = ratsmappe(['build', 'content'], { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.include('RM401');
    expect(run.stderr).to.include('Es wurde nichts geschrieben');
    expect(sha(pdf)).to.equal(before);
    expect(
      existsSync(
        join(dir, 'out', '2020-02-04-integrationsausschuss', 'oeffentlich', 'SV-9-1600.docx'),
      ),
    ).to.equal(true);
  });

  it('shows progress as plain lines when not on a terminal, nothing with --quiet', () => {
    const dir = scratch();
    const loud = ratsmappe(['build', 'content'], { cwd: dir });
    expect(loud.stderr).to.match(/^2020-02-04-integrationsausschuss: [1-4] von 4: SV-9-1600$/m);
    // Vorlagen and packets are rendered in parallel: the lines come in the order they finish
    expect(loud.stderr).to.match(/^2020-02-04-integrationsausschuss: 4 von 4: /m);
    expect(loud.stderr).to.match(
      /^2020-02-04-integrationsausschuss: [34] von 4: Sitzungsmappe für die Mitglieder$/m,
    );
    const quiet = ratsmappe(['build', 'content', '--quiet'], { cwd: dir });
    expect(quiet.stderr).to.equal('');
    expect(quiet.stdout).to.equal('');
  });
});

describe('command line colours', () => {
  it('colours the report on a terminal and honours NO_COLOR', async () => {
    const { main } = await import('../src/cli/main.js');
    const dir = copyOfExample();
    try {
      const file = join(dir, 'content/vorlagen/SV-9-1601/jugendamt.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('anzahl: 6934', 'anzahl: 6.934'));
      const run = async (env: Record<string, string | undefined>) => {
        let out = '';
        const code = await main(['check', join(dir, 'content')], {
          stdout: (t) => (out += t),
          stderr: (t) => (out += t),
          env,
          tty: { stdout: true, stderr: true },
        });
        return { code, out };
      };
      const coloured = await run({});
      expect(coloured.code).to.equal(1);
      expect(coloured.out).to.include('\u001b[31;1mfehler\u001b[0m');
      const plain = await run({ NO_COLOR: '1' });
      expect(plain.out).to.not.include('\u001b[');
      expect(plain.out).to.include('fehler  RM201  6.934 wurde als 6,934 gelesen');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('command line progress on a terminal', () => {
  it('rewrites one progress line per step and clears it at the end', async function () {
    this.timeout(60_000);
    const { main } = await import('../src/cli/main.js');
    const dir = copyOfExample();
    try {
      let err = '';
      let out = '';
      const code = await main(['build', join(dir, 'content'), '--out', join(dir, 'out')], {
        stdout: (t) => (out += t),
        stderr: (t) => (err += t),
        env: { NO_COLOR: '1' },
        tty: { stdout: true, stderr: true },
      });
      expect(code).to.equal(0);
      // rendered in parallel: the steps are counted in the order they finish
      for (const what of ['SV-9-1600', 'SV-9-1601', 'Sitzungsmappe für die Mitglieder']) {
        expect(err).to.match(
          new RegExp(`\r\u001b\\[2K2020-02-04-integrationsausschuss: [1-4] von 4: ${what}`),
        );
      }
      expect(err).to.include('\r\u001b[2K2020-02-04-integrationsausschuss: 4 von 4: ');
      expect(err).to.not.include('\n');
      expect(out).to.include('oeffentlich: 6 Dateien (zur Veröffentlichung)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
