import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  unlinkSync,
  readdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { copyOfExample, ratsmappe } from './helpers/cli.js';
import { extractPdfText } from './helpers/pdfText.js';

const anlagenFixture = new URL('fixtures/anlagen-sitzung/', import.meta.url);

/** A scratch copy of the Anlagen fixture as content/. */
function copyOfAnlagenFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-'));
  cpSync(anlagenFixture, join(dir, 'content'), { recursive: true });
  return dir;
}

/** The archivist's round: archive, archive again, refuse a changed version, store a new one, verify, diff. */
describe('ratsmappe archive / verify / diff on the command line', function () {
  this.timeout(240_000);
  let dir = '';
  const meeting = () =>
    join(
      dir,
      'archiv',
      'Kreis Coesfeld',
      'Integrationsausschuss',
      '2020-02-04-integrationsausschuss',
    );
  const pauschale = () => join(dir, 'content/vorlagen/SV-9-1601/integrationspauschale.yaml');
  before(() => {
    dir = copyOfExample();
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('archives every Vorlage with its sources and the packets, and a second run changes nothing', () => {
    const first = ratsmappe(['archive', 'content', '--to', 'archiv'], { cwd: dir });
    expect(first.status, first.stderr).to.equal(0);
    expect(first.stdout).to.include('3 Einträge gespeichert');
    expect(readdirSync(join(meeting(), 'vorlagen', 'SV-9-1601', 'v1')).sort()).to.deep.equal([
      'SV-9-1601.docx',
      'SV-9-1601.pdf',
      'manifest.json',
      'quellen',
    ]);
    expect(readdirSync(join(meeting(), 'sitzungsmappe', '1')).sort()).to.deep.equal([
      'manifest.json',
      'quellen',
      'sitzungsmappe-mitglieder.pdf',
      'sitzungsmappe.pdf',
    ]);
    // the body's settings file, in the Vorlage's and the packet's sources
    for (const entry of [
      ['vorlagen', 'SV-9-1601', 'v1'],
      ['sitzungsmappe', '1'],
    ])
      expect(readdirSync(join(meeting(), ...entry, 'quellen', 'koerperschaft'))).to.deep.equal([
        'koerperschaft.yaml',
      ]);
    const pdf = readFileSync(
      join(meeting(), 'vorlagen', 'SV-9-1601', 'v1', 'SV-9-1601.pdf'),
      'latin1',
    );
    expect(pdf).to.include('pdfaid:part');
    const again = ratsmappe(['archive', 'content', '--to', 'archiv'], { cwd: dir });
    expect(again.status).to.equal(0);
    expect(again.stdout).to.include('0 Einträge gespeichert, 3 unverändert');
  });

  it('refuses to archive the same version with other content, and writes nothing', () => {
    writeFileSync(
      pauschale(),
      readFileSync(pauschale(), 'utf8')
        .replace('betrag: 626377.32', 'betrag: 600000')
        .replace('betrag: 976377.32', 'betrag: 950000'),
    );
    const run = ratsmappe(['archive', 'content', '--to', 'archiv'], { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.include('Die Vorlage SV-9-1601 ist in Version 1 bereits archiviert');
    expect(run.stderr).to.include('Erhöhen Sie „version“');
    expect(readdirSync(join(meeting(), 'vorlagen', 'SV-9-1601'))).to.deep.equal(['v1']);
  });

  it('lists the changes field by field in German', () => {
    const run = ratsmappe(
      ['diff', join(meeting(), 'vorlagen', 'SV-9-1601', 'v1'), 'content/vorlagen/SV-9-1601'],
      { cwd: dir },
    );
    expect(run.status).to.equal(1);
    expect(run.stdout).to.include(
      'Integrationspauschale › Aufteilung › 2020: 626.377,32 € → 600.000,00 €',
    );
    expect(run.stdout).to.include(
      'Integrationspauschale › Zuweisung › Betrag: 976.377,32 € → 950.000,00 €',
    );
  });

  it('stores version 2 with its aenderungen beside version 1', () => {
    const vorlage = join(dir, 'content/vorlagen/SV-9-1601/vorlage.yaml');
    writeFileSync(
      vorlage,
      readFileSync(vorlage, 'utf8').replace(
        'version: 1',
        'version: 2\naenderungen:\n  - Die Zuweisung beträgt 950.000,00 €; der Anteil 2020 wurde angepasst.',
      ),
    );
    const run = ratsmappe(['archive', 'content', '--to', 'archiv'], { cwd: dir });
    expect(run.status, run.stderr).to.equal(0);
    expect(readdirSync(join(meeting(), 'vorlagen', 'SV-9-1601')).sort()).to.deep.equal([
      'v1',
      'v2',
    ]);
    expect(readdirSync(join(meeting(), 'sitzungsmappe')).sort()).to.deep.equal(['1', '2']);
  });

  it('verify finds a flipped byte, a deleted and an extra file; an untouched archive is clean', () => {
    expect(ratsmappe(['verify', 'archiv'], { cwd: dir }).status).to.equal(0);
    const pdf = join(meeting(), 'vorlagen', 'SV-9-1600', 'v1', 'SV-9-1600.pdf');
    const bytes = readFileSync(pdf);
    bytes[1000] = (bytes[1000] ?? 0) ^ 0xff;
    writeFileSync(pdf, bytes);
    unlinkSync(join(meeting(), 'vorlagen', 'SV-9-1601', 'v1', 'quellen', 'binogi.yaml'));
    writeFileSync(join(meeting(), 'sitzungsmappe', '1', 'notiz.txt'), 'x');
    const run = ratsmappe(['verify', 'archiv'], { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.stdout).to.include(
      'geändert: Kreis Coesfeld/Integrationsausschuss/2020-02-04-integrationsausschuss/vorlagen/SV-9-1600/v1/SV-9-1600.pdf',
    );
    expect(run.stdout).to.include(
      'fehlt: Kreis Coesfeld/Integrationsausschuss/2020-02-04-integrationsausschuss/vorlagen/SV-9-1601/v1/quellen/binogi.yaml',
    );
    expect(run.stdout).to.include(
      'zusätzlich: Kreis Coesfeld/Integrationsausschuss/2020-02-04-integrationsausschuss/sitzungsmappe/1/notiz.txt',
    );
  });
});

/** The body's own files (issue 10): logo, fonts and koerperschaft.yaml of the Stadt, templates and kinds of the Gemeinde. */
describe('ratsmappe archive stores the body’s own files', function () {
  this.timeout(240_000);
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const copyOf = (fixture: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-koerperschaft-'));
    dirs.push(dir);
    cpSync(
      fileURLToPath(new URL(`./fixtures/${fixture}/`, import.meta.url)),
      join(dir, 'content'),
      {
        recursive: true,
      },
    );
    return dir;
  };
  const manifestOf = (entry: string): { files: { path: string; sha256: string; size: number }[] } =>
    JSON.parse(readFileSync(join(entry, 'manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string; size: number }[];
    };
  const sha = (file: string): string =>
    createHash('sha256').update(readFileSync(file)).digest('hex');

  it('Stadt: koerperschaft.yaml, logo and fonts with their sha256 in every manifest; verify notices a changed logo', () => {
    const dir = copyOf('stadt');
    const run = ratsmappe(['archive', 'content', '--to', 'archiv'], { cwd: dir });
    expect(run.status, run.stderr).to.equal(0);
    const meeting = join(
      dir,
      'archiv',
      'Stadt Lindenau',
      'Haupt- und Finanzausschuss',
      '2024-03-12-haupt-und-finanzausschuss',
    );
    const own = [
      'koerperschaft.yaml',
      'logo.svg',
      'schrift/DejaVuSerif-Bold.ttf',
      'schrift/DejaVuSerif.ttf',
    ];
    for (const entry of [
      join(meeting, 'vorlagen', 'V-2024-0815', 'v1'),
      join(meeting, 'sitzungsmappe', '1'),
    ]) {
      const listed = manifestOf(entry).files.filter((f) =>
        f.path.startsWith('quellen/koerperschaft/'),
      );
      expect(listed.map((f) => f.path)).to.deep.equal(own.map((p) => `quellen/koerperschaft/${p}`));
      for (const [i, path] of own.entries()) {
        expect(listed[i]?.sha256).to.equal(sha(join(dir, 'content', path)));
        expect(sha(join(entry, 'quellen', 'koerperschaft', path))).to.equal(listed[i]?.sha256);
      }
    }
    expect(ratsmappe(['verify', 'archiv'], { cwd: dir }).status).to.equal(0);
    const logo = join(
      meeting,
      'vorlagen',
      'V-2024-0816',
      'v1',
      'quellen',
      'koerperschaft',
      'logo.svg',
    );
    writeFileSync(logo, readFileSync(logo, 'utf8').replace('#005A9C', '#9C005A'));
    const verify = ratsmappe(['verify', 'archiv'], { cwd: dir });
    expect(verify.status).to.equal(1);
    expect(verify.stdout).to.include(
      'geändert: Stadt Lindenau/Haupt- und Finanzausschuss/2024-03-12-haupt-und-finanzausschuss/vorlagen/V-2024-0816/v1/quellen/koerperschaft/logo.svg',
    );
  });

  it('Gemeinde: its own templates and section kinds, and a changed template is a changed version', () => {
    const dir = copyOf('gemeinde');
    expect(ratsmappe(['archive', 'content', '--to', 'archiv'], { cwd: dir }).status).to.equal(0);
    const entry = join(
      dir,
      'archiv',
      'Gemeinde Hohenwald',
      'Bau- und Planungsausschuss',
      '2024-05-07-bau-und-planungsausschuss',
      'vorlagen',
      '18-2024',
      'v1',
    );
    expect(
      manifestOf(entry)
        .files.filter((f) => f.path.startsWith('quellen/koerperschaft/'))
        .map((f) => f.path),
    ).to.deep.equal([
      'quellen/koerperschaft/abschnittsarten/bauantrag.hbs',
      'quellen/koerperschaft/abschnittsarten/bauantrag.schema.json',
      'quellen/koerperschaft/koerperschaft.yaml',
      'quellen/koerperschaft/templates/partials/beschlussvorschlag.hbs',
    ]);
    // the same version built with another own template is not the archived one
    const template = join(dir, 'content', 'templates', 'partials', 'beschlussvorschlag.hbs');
    writeFileSync(
      template,
      readFileSync(template, 'utf8').replace('möge beschließen', 'beschließt'),
    );
    const again = ratsmappe(['archive', 'content', '--to', 'archiv'], { cwd: dir });
    expect(again.status).to.equal(1);
    expect(again.stderr).to.include(
      'quellen/koerperschaft/templates/partials/beschlussvorschlag.hbs',
    );
  });
});

describe('ratsmappe archive --pdfa3', function () {
  this.timeout(120_000);

  it('embeds the Vorlage’s YAML sources as associated files of a PDF/A-3b', () => {
    const dir = copyOfExample();
    try {
      const run = ratsmappe(['archive', 'content', '--to', 'archiv', '--pdfa3'], { cwd: dir });
      expect(run.status, run.stderr).to.equal(0);
      const pdf = join(
        dir,
        'archiv',
        'Kreis Coesfeld',
        'Integrationsausschuss',
        '2020-02-04-integrationsausschuss',
        'vorlagen',
        'SV-9-1600',
        'v1',
        'SV-9-1600.pdf',
      );
      expect(readFileSync(pdf, 'latin1')).to.match(/pdfaid:part>3</);
      const list = execFileSync('qpdf', ['--list-attachments', pdf], { encoding: 'utf8' });
      expect(list).to.include('vorlage.yaml').and.to.include('netzwerk.yaml');
      const embedded = execFileSync('qpdf', ['--show-attachment=netzwerk.yaml', pdf]);
      expect(
        embedded.equals(
          readFileSync(join(dir, 'content', 'vorlagen', 'SV-9-1600', 'netzwerk.yaml')),
        ),
      ).to.equal(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const entryOf = (dir: string, nummer: string): string =>
    join(
      dir,
      'archiv',
      'Kreis Musterland',
      'Bauausschuss',
      '2022-03-08-bauausschuss',
      'vorlagen',
      nummer,
      'v1',
    );
  interface Entry {
    path: string;
    pdfa?: string | null;
    ohnePdfaWegen?: string[];
  }
  const manifestOf = (entry: string): Entry[] =>
    (JSON.parse(readFileSync(join(entry, 'manifest.json'), 'utf8')) as { files: Entry[] }).files;

  it('carries the Anlagen after the pages as the built PDF does, and says which Anlage keeps it from PDF/A', async () => {
    const dir = copyOfAnlagenFixture();
    try {
      const build = ratsmappe(['build', 'content', '--out', 'out'], { cwd: dir });
      expect(build.status, build.stderr).to.equal(0);
      const run = ratsmappe(['archive', 'content', '--to', 'archiv', '--pdfa3'], { cwd: dir });
      expect(run.status, run.stderr).to.equal(0);
      const entry = entryOf(dir, 'SV-10-0200');
      const archived = readFileSync(join(entry, 'SV-10-0200.pdf'));
      const builtPdf = readFileSync(
        join(dir, 'out/2022-03-08-bauausschuss/oeffentlich/SV-10-0200.pdf'),
      );
      const [a, b] = await Promise.all([extractPdfText(archived), extractPdfText(builtPdf)]);
      // the same pages: the Vorlage's, then Anlagen 1–4 (Anlage 6 is the members' only)
      expect(a.pages.length).to.equal(b.pages.length).and.to.be.greaterThan(5);
      const stamps = (pages: string[]) =>
        pages.map((p) => /Anlage \d zu SV-10-0200: [^\n]*?(?= Seite|$)/.exec(p)?.[0] ?? null);
      expect(stamps(a.pages)).to.deep.equal(stamps(b.pages));
      expect(a.text).to.include('Anlage 2 zu SV-10-0200: Lageplan');
      expect(a.text).to.include('Maßstab 1:500');
      expect(a.text).not.to.include('GEHEIM-KANARIE-7431');
      // the sources are embedded, but the Lageplan is no PDF/A: the file claims none
      const list = execFileSync('qpdf', ['--list-attachments', join(entry, 'SV-10-0200.pdf')], {
        encoding: 'utf8',
      });
      expect(list).to.include('vorlage.yaml').and.to.include('sachstand.yaml');
      expect(archived.toString('latin1')).not.to.match(/pdfaid:part/);
      const pdf = manifestOf(entry).find((f) => f.path === 'SV-10-0200.pdf');
      expect(pdf?.pdfa).to.equal(null);
      expect(pdf?.ohnePdfaWegen).to.deep.equal([
        'Anlage 2 zu SV-10-0200 (anlagen/lageplan.pdf): sie trägt keine PDF/A-Kennung',
      ]);
      const kosten = manifestOf(entry).find((f) => f.path === 'SV-10-0200-anlage-1.pdf');
      expect(kosten?.pdfa).to.equal('PDF/A-2b');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays PDF/A-3b with its Anlagen when every Anlage in it is PDF/A', async () => {
    const dir = copyOfAnlagenFixture();
    try {
      const yaml = join(dir, 'content/vorlagen/SV-10-0200/vorlage.yaml');
      const text = readFileSync(yaml, 'utf8');
      // without the Lageplan (no PDF/A); the non-public Angebot is not in the Vorlage's own PDF
      writeFileSync(
        yaml,
        text.replace('  - titel: Lageplan\n    datei: anlagen/lageplan.pdf\n', ''),
      );
      unlinkSync(join(dir, 'content/vorlagen/SV-10-0200/anlagen/lageplan.pdf'));
      const run = ratsmappe(['archive', 'content', '--to', 'archiv', '--pdfa3'], { cwd: dir });
      expect(run.status, run.stderr).to.equal(0);
      const entry = entryOf(dir, 'SV-10-0200');
      const archived = readFileSync(join(entry, 'SV-10-0200.pdf'));
      expect(archived.toString('latin1')).to.match(/pdfaid:part>3</);
      const { text: pdfText } = await extractPdfText(archived);
      expect(pdfText).to.include('Anlage 1 zu SV-10-0200: Kostenschätzung');
      expect(pdfText).to.include('Anlage 3 zu SV-10-0200: Foto des Grundstücks');
      const embedded = execFileSync('qpdf', [
        '--show-attachment=vorlage.yaml',
        join(entry, 'SV-10-0200.pdf'),
      ]);
      expect(embedded.equals(readFileSync(yaml))).to.equal(true);
      const pdf = manifestOf(entry).find((f) => f.path === 'SV-10-0200.pdf');
      expect(pdf?.pdfa).to.equal('PDF/A-3b');
      expect(pdf).not.to.have.property('ohnePdfaWegen');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
