/**
 * A Gemeinde's own templates and section kind (test/fixtures/gemeinde, Gemeinde Hohenwald): its
 * content/templates/partials/beschlussvorschlag.hbs phrases the Beschlussvorschlag its own way
 * (the rest of the frame stays the built-in one); content/abschnittsarten/bauantrag.* adds a
 * section kind. Built into both packets and read back from the PDF text and the DOCX XML.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { MeetingOutput } from '../src/build.js';
import { docxXml, extractDocxText } from './helpers/docxText.js';
import { firstMeetingOf, gemeindeContentDir, normalizeSpace } from './helpers/exampleBuild.js';
import { extractPdfText } from './helpers/pdfText.js';
import { ratsmappe } from './helpers/cli.js';

const artifact = (output: MeetingOutput, name: string): Uint8Array => {
  const found = output.artifacts.find((a) => a.name === name);
  if (!found) throw new Error(`${name} missing: ${output.artifacts.map((a) => a.name).join(', ')}`);
  return found.bytes;
};

describe('own templates and section kinds (Gemeinde Hohenwald)', function () {
  this.timeout(300_000);
  let output: MeetingOutput;
  before(async () => {
    output = await firstMeetingOf(gemeindeContentDir);
  });

  it('the Vorlage PDF carries the own Beschlussvorschlag wording in the built-in frame and the bauantrag section', async () => {
    const text = normalizeSpace(
      (await extractPdfText(artifact(output, 'oeffentlich/18-2024.pdf'))).text,
    );
    expect(text).to.include('Beschlussempfehlung der Verwaltung');
    // the own partial names the Gremium that decides (the Beratungsfolge's Entscheidung)
    expect(text).to.include(
      'Der Bau- und Planungsausschuss möge beschließen: Das gemeindliche Einvernehmen zum Bauantrag wird nach § 36 BauGB erteilt.',
    );
    expect(text).to.not.match(/Beschlussvorschlag(?! der)/);
    // the built-in frame around it: Federführung, Beratungsfolge, Betreff
    expect(text).to.include('Federführung Bauamt Anlagen ohne Beratungsfolge');
    expect(text).to.include('Bau- und Planungsausschuss 07.05.2024 Entscheidung');
    // the section kind's titel as heading, its template's fields, content literal
    expect(text).to.include('Das Vorhaben');
    expect(text).to.include('Aktenzeichen 63-2024-0117');
    expect(text).to.include('Eingang 17.04.2024');
    expect(text).to.include('Wiesenweg 12, Gemarkung Hohenwald, Flur 7, Flurstück 412/3');
    expect(text).to.include('Tiefgarage und 12 Stellplätzen <oberirdisch & unterirdisch>.');
    expect(text).to.include('Empfehlung der Verwaltung: Einvernehmen erteilen.');
    expect(text).to.include('Schüler*innen');
    // a built-in kind next to the own one
    expect(text).to.include('Die Stellplatzsatzung verlangt für acht Wohnungen zwölf Stellplätze');
  });

  it('the DOCX says the same, with the heading as a heading', async () => {
    const docx = artifact(output, 'oeffentlich/18-2024.docx');
    const text = normalizeSpace(await extractDocxText(docx));
    expect(text).to.include('Der Bau- und Planungsausschuss möge beschließen:');
    expect(text).to.include('Beschlussempfehlung der Verwaltung');
    expect(text).to.include('63-2024-0117');
    expect(text).to.include('Tiefgarage und 12 Stellplätzen <oberirdisch & unterirdisch>.');
    const xml = (await docxXml(docx))['word/document.xml'] ?? '';
    expect(xml).to.include('&lt;oberirdisch &amp; unterirdisch&gt;');
    expect(xml).to.match(/<w:pStyle w:val="Heading\d"\/>(?:(?!<\/w:p>).)*Das Vorhaben/s);
  });

  it('both packets have the sections; the non-public Vorlage only the members’ one', async () => {
    const pub = normalizeSpace(
      (await extractPdfText(artifact(output, 'oeffentlich/sitzungsmappe.pdf'))).text,
    );
    const members = normalizeSpace(
      (await extractPdfText(artifact(output, 'nichtoeffentlich/sitzungsmappe-mitglieder.pdf')))
        .text,
    );
    expect(pub).to.include('Der Bau- und Planungsausschuss möge beschließen:');
    // 17/2024 goes on to the Gemeinderat, which decides
    expect(pub).to.include('Der Gemeinderat möge beschließen:');
    expect(pub).to.include('Aktenzeichen 63-2024-0117');
    expect(pub).to.not.include('63-2024-0121');
    expect(members).to.include('Aktenzeichen 63-2024-0121');
    expect(members).to.include('Empfehlung der Verwaltung: Einvernehmen versagen.');
    expect(members).to.include('Gemeinde Hohenwald');
  });
});

describe('own templates on the command line', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ratsmappe-eigene-'));
    cpSync(gemeindeContentDir, join(dir, 'inhalt'), { recursive: true });
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const template = () => join(dir, 'inhalt', 'abschnittsarten', 'bauantrag.hbs');
  const replace = (from: string, to: string): void => {
    const text = readFileSync(template(), 'utf8');
    expect(text).to.include(from);
    writeFileSync(template(), text.replace(from, to));
  };
  const sha = (file: string): string =>
    createHash('sha256').update(readFileSync(file)).digest('hex');

  it('a fault that shows only with the content: check passes, build names the template line and writes nothing', () => {
    expect(ratsmappe(['build', 'inhalt', '--quiet'], { cwd: dir }).status).to.equal(0);
    const pdf = join(
      dir,
      'out',
      '2024-05-07-bau-und-planungsausschuss',
      'oeffentlich',
      '18-2024.pdf',
    );
    const before = sha(pdf);
    replace(
      '<p><strong>Empfehlung der Verwaltung:</strong> {{empfehlung}}.</p>',
      'Empfehlung: {{empfehlung}}',
    );
    expect(ratsmappe(['check', 'inhalt'], { cwd: dir }).status).to.equal(0);
    const run = ratsmappe(['build', 'inhalt'], { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.include('inhalt/abschnittsarten/bauantrag.hbs:8:1  fehler  RM908');
    expect(run.stderr).to.include('Beim Erzeugen der Vorlage 18/2024');
    expect(run.stderr).to.include('Es wurde nichts geschrieben');
    expect(run.stderr).to.not.include('Interner Fehler');
    expect(sha(pdf)).to.equal(before);
  });

  it('the library build reports the same fault as data, renders and writes nothing', async () => {
    const { build } = await import('../src/index.js');
    const report = await build(join(dir, 'inhalt'), { out: join(dir, 'bibliothek') });
    expect(report.ok).to.equal(false);
    expect(report.meetings).to.deep.equal([]);
    expect(existsSync(join(dir, 'bibliothek'))).to.equal(false);
    expect(report.diagnostics.map((d) => `${d.file}:${String(d.line)} ${d.code}`)).to.deep.equal([
      'abschnittsarten/bauantrag.hbs:8 RM908',
    ]);
  });

  it('triple-stash in an own template is refused by check', () => {
    replace('Empfehlung: {{empfehlung}}', '<p>{{{empfehlung}}}</p>');
    const run = ratsmappe(['check', 'inhalt'], { cwd: dir });
    expect(run.status).to.equal(1);
    expect(run.stdout).to.include('inhalt/abschnittsarten/bauantrag.hbs:8:4  fehler  RM906');
  });
});
