import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { MeetingOutput } from '../src/build.js';
import type { Manifest } from '../src/packet/manifest.js';
import {
  buildContent,
  exampleContentDir,
  normalizeSpace,
  secondContentDir,
} from './helpers/exampleBuild.js';
import { extractPdfText, pdfInfo, type PdfOutlineNode } from './helpers/pdfText.js';

const file = (output: MeetingOutput, name: string): Uint8Array => {
  const found = output.artifacts.find((a) => a.name === name);
  if (!found)
    throw new Error(`${name} missing; have ${output.artifacts.map((a) => a.name).join(', ')}`);
  return found.bytes;
};

/** 1-based page whose first line starts with `text` (each TOP starts a page) */
const pageOf = (pages: readonly string[], text: string): number =>
  pages.findIndex((p) => p.startsWith(text)) + 1;

const flat = (
  nodes: readonly PdfOutlineNode[],
  depth = 0,
): { title: string; depth: number; page: number | null }[] =>
  nodes.flatMap((n) => [{ title: n.title, depth, page: n.page }, ...flat(n.items, depth + 1)]);

describe('Sitzungsmappe of the example meeting', function () {
  this.timeout(120_000);
  let output: MeetingOutput;
  let pages: string[];
  before(async () => {
    const outputs = await buildContent(exampleContentDir);
    const [first] = outputs;
    if (!first) throw new Error('no meeting');
    output = first;
    pages = (await extractPdfText(file(output, 'oeffentlich/sitzungsmappe.pdf'))).pages;
  });

  it('opens with the invitation: Körperschaft, Gremium, Sitzung, Datum, Beginn, Ort', () => {
    const cover = normalizeSpace(pages[0] ?? '');
    for (const text of [
      // the letterhead: the body, and the block with Gremium, date and start
      'Kreis Coesfeld',
      'Gremium Integrationsausschuss',
      'Sitzung 04.02.2020',
      'Beginn 17:00 Uhr',
      // the invitation below it, each said once
      'Sitzung des Integrationsausschusses in der 9. Wahlperiode am Dienstag, 04.02.2020, um 17:00 Uhr',
      'Ort Kreishaus I, Sitzungssaal, Friedrich-Ebert-Straße 7, 48653 Coesfeld',
    ]) {
      expect(cover).to.include(text);
    }
    expect(cover).to.not.include('Körperschaft');
  });

  it('lists the Tagesordnung with TOP, title, Vorlage and the page where each Vorlage starts', () => {
    const top1 = pageOf(pages, 'TOP 1: Netzwerk Chancengerechtigkeit');
    const top2 = pageOf(pages, 'TOP 2: Bericht der Verwaltung');
    expect(top1).to.equal(2);
    expect(top2).to.be.greaterThan(top1);
    const agenda = pages[0] ?? '';
    expect(agenda).to.match(new RegExp(`^1 Netzwerk Chancengerechtigkeit SV-9-1600 ${top1}$`, 'm'));
    expect(agenda).to.match(
      new RegExp(`^2 Bericht der Verwaltung zum Asyl-, Flüchtlings- und SV-9-1601 ${top2}$`, 'm'),
    );
    // items without a Vorlage: in the Tagesordnung only
    expect(agenda).to.match(/^3 Anfragen der Ausschussmitglieder$/m);
    expect(agenda).to.match(/^4 Mitteilungen der Verwaltung$/m);
    expect(pages.slice(1).join('\n')).to.not.include('Anfragen der Ausschussmitglieder');
  });

  it('starts every Vorlage on a new page, in agenda order, complete', () => {
    for (const heading of [
      'TOP 1: Netzwerk Chancengerechtigkeit',
      'TOP 2: Bericht der Verwaltung',
    ]) {
      const page = pages[pageOf(pages, heading) - 1] ?? '';
      expect(page.split('\n')[0], heading).to.match(new RegExp(`^${heading}`));
    }
    // the body text only: a sentence may go on on the next page, past the footer and TOP line
    const body = pages.map((page) => {
      const lines = page.split('\n');
      lines.pop(); // the footer
      if (/^TOP \d+ · /.test(lines[0] ?? '')) lines.shift();
      return lines.join('\n');
    });
    const text = normalizeSpace(body.join('\n'));
    expect(text).to.include(
      'Im Sprachmittlerpool des KI engagieren sich aktuell ca. 30 Sprachmittler*innen ehrenamtlich.',
    );
    expect(text).to.include(
      '15 ehemalige unbegleitete Minderjährige werden aktuell im Rahmen der jungen Volljährigen betreut',
    );
  });

  it('has a running footer with the meeting and "Seite x von y" over the whole packet', () => {
    pages.forEach((page, i) => {
      expect(page.split('\n').at(-1)).to.equal(
        `Kreis Coesfeld · Integrationsausschuss · Sitzung am 04.02.2020 Seite ${i + 1} von ${pages.length}`,
      );
    });
  });

  it('has bookmarks TOP → Vorlage → section, each pointing at its page', async () => {
    const info = await pdfInfo(file(output, 'oeffentlich/sitzungsmappe.pdf'));
    const marks = flat(info.outline);
    const at = (title: string) => marks.find((m) => m.title === title);
    expect(at('TOP 1: Netzwerk Chancengerechtigkeit')).to.deep.include({
      depth: 0,
      page: pageOf(pages, 'TOP 1:'),
    });
    expect(at('Netzwerk Chancengerechtigkeit')).to.deep.include({ depth: 1 });
    const top2 = info.outline.find((n) => n.title.startsWith('TOP 2:'));
    const vorlage = top2?.items[0];
    expect(vorlage?.title).to.equal(
      'Bericht der Verwaltung zum Asyl-, Flüchtlings- und Integrationsgeschehen',
    );
    const group = vorlage?.items.find((n) => n.title === 'Kommunales Integrationszentrum');
    expect(group?.items.map((n) => n.title)).to.include.members([
      'Schwerpunktziele 2020 und 2021',
      'Integrationspauschale',
      'Sprachmittlerpool',
    ]);
    const pool = group?.items.find((n) => n.title === 'Sprachmittlerpool');
    expect(pool?.page).to.equal(
      pages.findIndex((p) => p.split('\n').includes('Sprachmittlerpool')) + 1,
    );
    expect(info.info.Title).to.equal('Sitzungsmappe Integrationsausschuss 04.02.2020');
    expect(info.info.Language).to.equal('de-DE');
  });

  it('links each Tagesordnung entry to its TOP, and "SV-9-1600" in the report to that Vorlage', async () => {
    const info = await pdfInfo(file(output, 'oeffentlich/sitzungsmappe.pdf'));
    const agendaLinks = info.links[0] ?? [];
    expect(agendaLinks.filter((l) => l.dest === 'top-1').map((l) => l.destPage)).to.include(
      pageOf(pages, 'TOP 1:'),
    );
    expect(agendaLinks.filter((l) => l.dest === 'top-2').map((l) => l.destPage)).to.include(
      pageOf(pages, 'TOP 2:'),
    );
    const mention = info.links.flat().find((l) => l.dest === 'vorlage-SV-9-1600');
    expect(mention?.destPage).to.equal(pageOf(pages, 'TOP 1:'));
  });

  it('keeps no link in a Vorlage’s own PDF whose destination is not in that PDF', async () => {
    const own = await pdfInfo(file(output, 'oeffentlich/SV-9-1601.pdf'));
    const dests = own.links.flat().flatMap((l) => (l.dest === null ? [] : [l.dest]));
    // the report mentions SV-9-1600: a link in the packet, plain text in the Vorlage alone
    expect(dests).to.not.include('vorlage-SV-9-1600');
    for (const dest of dests) expect(own.destinations.get(dest), dest).to.be.a('number');
    expect(own.links.flat().filter((l) => l.url !== null)).to.have.length.greaterThan(0);
  });

  it('writes a manifest per folder: every file with sha256 and size, the meeting and the tool version', () => {
    const manifest = JSON.parse(
      new TextDecoder().decode(file(output, 'oeffentlich/manifest.json')),
    ) as Manifest;
    expect(manifest.werkzeug.name).to.equal('ratsmappe');
    expect(manifest.werkzeug.version).to.match(/^\d+\.\d+\.\d+/);
    expect(manifest.sitzung).to.deep.include({
      id: '2020-02-04-integrationsausschuss',
      gremium: 'Integrationsausschuss',
      datum: '2020-02-04',
    });
    const listed = manifest.dateien.map((d) => `oeffentlich/${d.pfad}`).sort();
    const present = output.artifacts
      .map((a) => a.name)
      .filter((n) => n.startsWith('oeffentlich/') && n !== 'oeffentlich/manifest.json')
      .sort();
    expect(listed).to.deep.equal(present);
    for (const d of manifest.dateien) {
      const bytes = file(output, `oeffentlich/${d.pfad}`);
      expect(d.sha256).to.equal(createHash('sha256').update(bytes).digest('hex'));
      expect(d.groesse).to.equal(bytes.length);
    }
  });
});

describe('Sitzungsmappe of a second, different meeting (test/fixtures/zweite-sitzung)', function () {
  this.timeout(120_000);
  let output: MeetingOutput;
  before(async () => {
    const [first] = await buildContent(secondContentDir);
    if (!first) throw new Error('no meeting');
    output = first;
  });

  it('puts public Vorlagen in oeffentlich/ and the non-public one only in nichtoeffentlich/', () => {
    const names = output.artifacts.map((a) => a.name).sort();
    expect(names.filter((n) => n.startsWith('oeffentlich/'))).to.deep.equal([
      'oeffentlich/SV-10-0100.docx',
      'oeffentlich/SV-10-0100.pdf',
      'oeffentlich/SV-10-0101.docx',
      'oeffentlich/SV-10-0101.pdf',
      'oeffentlich/SV-10-0102.docx',
      'oeffentlich/SV-10-0102.pdf',
      'oeffentlich/manifest.json',
      'oeffentlich/sitzungsmappe.pdf',
    ]);
    expect(names.filter((n) => n.startsWith('nichtoeffentlich/'))).to.deep.equal([
      'nichtoeffentlich/SV-10-0103.docx',
      'nichtoeffentlich/SV-10-0103.pdf',
      'nichtoeffentlich/manifest.json',
      'nichtoeffentlich/sitzungsmappe-mitglieder.pdf',
    ]);
  });

  it('numbers sub-items and lists the non-public part in the public Tagesordnung without a page or link', async () => {
    const { pages } = await extractPdfText(file(output, 'oeffentlich/sitzungsmappe.pdf'));
    const agenda = pages.slice(0, 2).join('\n');
    expect(agenda).to.match(
      /^3\.1 Förderung der Migrationsberatung für Erwachsene ab 2022 SV-10-0101 \d+$/m,
    );
    expect(agenda).to.match(
      /^3\.2 Ergänzung zur Förderung der Migrationsberatung für( Erwachsene)? SV-10-0102 \d+$/m,
    );
    expect(agenda).to.match(/^3\.3 Bericht der Wohlfahrtsverbände aus der Beratungspraxis$/m);
    expect(agenda).to.include('Nichtöffentlicher Teil');
    expect(agenda).to.match(/^6 Vergabe von Dolmetschleistungen SV-10-0103$/m);
    expect(pages.join('\n')).to.not.include('TOP 6');
    const info = await pdfInfo(file(output, 'oeffentlich/sitzungsmappe.pdf'));
    expect(info.links.flat().map((l) => l.dest)).to.not.include('top-6');
    expect(info.links.flat().map((l) => l.dest)).to.not.include('vorlage-SV-10-0103');
  });

  it('gives the members the whole meeting, the non-public part marked as such', async () => {
    const { pages } = await extractPdfText(
      file(output, 'nichtoeffentlich/sitzungsmappe-mitglieder.pdf'),
    );
    const separator = pageOf(pages, 'Nichtöffentlicher Teil');
    const top6 = pageOf(pages, 'TOP 6 (nichtöffentlich): Vergabe von Dolmetschleistungen');
    expect(separator).to.be.greaterThan(1);
    expect(top6).to.be.greaterThan(separator);
    expect(pages[separator - 1]).to.include('Vertraulich.');
    expect(pageOf(pages, 'TOP 3.2: Ergänzung zur Förderung')).to.be.lessThan(separator);
    expect(pages[0]).to.match(/^6 Vergabe von Dolmetschleistungen SV-10-0103 (\d+)$/m);
    expect(
      /^6 Vergabe von Dolmetschleistungen SV-10-0103 (\d+)$/m.exec(pages[0] ?? '')?.[1],
    ).to.equal(String(top6));
    pages.forEach((page) =>
      expect(page.split('\n').at(-1)).to.match(/· vertraulich Seite \d+ von \d+$/),
    );
  });

  it('prints clerk text literally and links Vorlage numbers inside the packet', async () => {
    const { pages } = await extractPdfText(file(output, 'oeffentlich/sitzungsmappe.pdf'));
    const text = normalizeSpace(pages.join('\n'));
    for (const literal of ['Schüler*innen', 'a_b_c', '<b>nicht fett</b>', '{{keine Vorlage}}'])
      expect(text).to.include(literal);
    const info = await pdfInfo(file(output, 'oeffentlich/sitzungsmappe.pdf'));
    expect(info.links.flat().map((l) => l.dest)).to.include('vorlage-SV-10-0101');
  });
});
