import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, unlinkSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { copyOfExample, ratsmappe } from './helpers/cli.js';

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
      'sitzungsmappe-mitglieder.pdf',
      'sitzungsmappe.pdf',
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
});
