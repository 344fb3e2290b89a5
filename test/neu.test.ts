import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';
import { copyOfExample, ratsmappe } from './helpers/cli.js';

// Issue 12: a new Vorlage with two sections goes from `ratsmappe neu` to a clean check without
// reading a schema; every new file names its editor schema and explains every field in German.

const stadt = fileURLToPath(new URL('./fixtures/stadt/', import.meta.url));
const gemeinde = fileURLToPath(new URL('./fixtures/gemeinde/', import.meta.url));
const run = (dir: string, args: readonly string[]) => ratsmappe(args, { cwd: dir });

/** Every key line of a new file has a comment line (# …) right above it or is a list item. */
function everyFieldExplained(text: string): string[] {
  const lines = text.split('\n');
  return lines.flatMap((line, i) => {
    const key = /^(\s*)(- )?([a-z_]+):/.exec(line);
    if (!key || key[2]) return [];
    const above = lines[i - 1] ?? '';
    return above.trim().startsWith('#') ? [] : [line];
  });
}

describe('ratsmappe neu', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('makes a Vorlage with two sections that passes check at once, with the next free number', () => {
    const dir = copyOfExample();
    dirs.push(dir);
    const vorlage = run(dir, ['neu', 'vorlage', '--art', 'Beschlussvorlage']);
    expect(vorlage.status, vorlage.stderr).to.equal(0);
    expect(vorlage.stdout).to.include('angelegt: content/vorlagen/SV-9-1602/vorlage.yaml');
    expect(run(dir, ['neu', 'abschnitt', 'SV-9-1602', 'text']).status).to.equal(0);
    for (const art of ['integrationspauschale', 'schwerpunktziele', 'sprachmittlerpool', 'uma'])
      expect(run(dir, ['neu', 'abschnitt', 'SV-9-1602', art]).status, art).to.equal(0);
    const check = run(dir, ['check', '--json']);
    const found = JSON.parse(check.stdout) as { code: string; severity: string }[];
    expect(found.filter((d) => d.severity === 'fehler')).to.deep.equal([]);
    expect(found.map((d) => d.code)).to.deep.equal(['RM510']); // on no agenda yet: a warning
    expect(check.status).to.equal(0);

    const folder = join(dir, 'content', 'vorlagen', 'SV-9-1602');
    const header = readFileSync(join(folder, 'vorlage.yaml'), 'utf8');
    expect((parse(header) as { abschnitte: string[] }).abschnitte).to.deep.equal([
      'sachstand.yaml',
      'text.yaml',
      'integrationspauschale.yaml',
      'schwerpunktziele.yaml',
      'sprachmittlerpool.yaml',
      'uma.yaml',
    ]);
    for (const file of [
      'vorlage.yaml',
      'sachstand.yaml',
      'text.yaml',
      'integrationspauschale.yaml',
      'uma.yaml',
    ]) {
      const text = readFileSync(join(folder, file), 'utf8');
      const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
      expect(modeline, file).to.not.equal(null);
      expect(existsSync(resolve(folder, modeline?.[1] ?? '')), `${file}: schema path`).to.equal(
        true,
      );
      expect(everyFieldExplained(text), file).to.deep.equal([]);
    }
    expect(header).to.include('# Betreff: Die Betreffzeile der Vorlage.');
  });

  it('never overwrites (exit 1) and names faults in German (exit 2)', () => {
    const dir = copyOfExample();
    dirs.push(dir);
    const cases: [string[], number, string][] = [
      [['neu', 'vorlage', 'SV-9-1601'], 1, 'Die Vorlage SV-9-1601 gibt es schon'],
      [
        ['neu', 'sitzung', '2020-03-10', 'Integrationsauschuss'],
        2,
        'Meinten Sie „Integrationsausschuss“?',
      ],
      [
        ['neu', 'sitzung', '10.03.2020', 'Integrationsausschuss'],
        2,
        'kein Datum im Format JJJJ-MM-TT',
      ],
      [['neu', 'abschnitt', 'SV-9-1601', 'tetx'], 2, 'Meinten Sie „text“?'],
      [['neu', 'vorlage', '--art', 'Beschlussvorlag'], 2, 'Meinten Sie „Beschlussvorlage“?'],
    ];
    for (const [args, status, message] of cases) {
      const result = run(dir, args);
      expect(result.status, args.join(' ')).to.equal(status);
      expect(result.stderr, args.join(' ')).to.include(message);
    }
  });

  it('makes a meeting that passes check', () => {
    const dir = copyOfExample();
    dirs.push(dir);
    const made = run(dir, ['neu', 'sitzung', '2020-03-10', 'Integrationsausschuss']);
    expect(made.status, made.stderr).to.equal(0);
    const file = join(dir, 'content', 'sitzungen', '2020-03-10-integrationsausschuss.yaml');
    const text = readFileSync(file, 'utf8');
    expect(everyFieldExplained(text)).to.deep.equal([]);
    expect(run(dir, ['check']).status).to.equal(0);
    expect(run(dir, ['neu', 'sitzung', '2020-03-10', 'Integrationsausschuss']).status).to.equal(1);
  });

  it('follows another body’s numbering (V/{jahr}/{laufnummer:4})', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-neu-'));
    dirs.push(dir);
    cpSync(stadt, join(dir, 'content'), { recursive: true });
    const made = run(dir, ['neu', 'vorlage']);
    expect(made.status, made.stderr).to.equal(0);
    const year = new Date().getFullYear();
    const folder = join(dir, 'content', 'vorlagen', `V-${String(year)}-0001`);
    expect(existsSync(join(folder, 'vorlage.yaml')), made.stdout).to.equal(true);
    expect(
      (parse(readFileSync(join(folder, 'vorlage.yaml'), 'utf8')) as { nummer: string }).nummer,
    ).to.equal(`V/${String(year)}/0001`);
    const check = run(dir, ['check', '--json']);
    const errors = (JSON.parse(check.stdout) as { severity: string; code: string }[]).filter(
      (d) => d.severity === 'fehler',
    );
    expect(errors, check.stdout).to.deep.equal([]);
    expect(dirname(folder)).to.equal(join(dir, 'content', 'vorlagen'));
  });

  it('makes a section of an own kind (content/abschnittsarten) from its schema, passing check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-neu-'));
    dirs.push(dir);
    cpSync(gemeinde, join(dir, 'content'), { recursive: true });
    const made = run(dir, ['neu', 'abschnitt', '18/2024', 'bauantrag']);
    expect(made.status, made.stderr).to.equal(0);
    const file = join(dir, 'content', 'vorlagen', '18-2024', 'bauantrag-2.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).to.match(
      /^# yaml-language-server: \$schema=\.\.\/\.\.\/abschnittsarten\/bauantrag\.schema\.json\n/,
    );
    expect(text).to.include(
      '# Aktenzeichen: Das Aktenzeichen der Bauaufsicht, z. B. 63-2024-0117.',
    );
    expect(text).to.include('aktenzeichen: 63-2024-0117');
    const check = run(dir, ['check', '--json']);
    const errors = (JSON.parse(check.stdout) as { severity: string }[]).filter(
      (d) => d.severity === 'fehler',
    );
    expect(errors, check.stdout).to.deep.equal([]);
  });
});
