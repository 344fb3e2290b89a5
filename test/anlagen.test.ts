/**
 * Anlagen in the outputs of a test meeting with every kind (test/fixtures/anlagen-sitzung):
 * SV-10-0200 (public) has a PDF/A Kostenschätzung of three A4 pages, an A3 landscape Lageplan
 * (a landscape page and a turned portrait page, no PDF/A, active content), a PNG, a JPEG, a
 * name only and a non-public Angebot; SV-10-0201 (non-public) has a Wertgutachten.
 */
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import type { MeetingOutput } from '../src/build.js';
import type { Manifest } from '../src/packet/manifest.js';
import { buildContent, normalizeSpace } from './helpers/exampleBuild.js';
import { extractPdfText, pdfInfo, type PdfOutlineNode } from './helpers/pdfText.js';
import { qdfObjects, qpdfCheck } from './helpers/pdfStructure.js';

export const anlagenContentDir = fileURLToPath(
  new URL('./fixtures/anlagen-sitzung/', import.meta.url),
);

const file = (output: MeetingOutput, name: string): Uint8Array => {
  const found = output.artifacts.find((a) => a.name === name);
  if (!found) throw new Error(`${name} missing`);
  return found.bytes;
};

const manifest = (output: MeetingOutput, folder: string): Manifest =>
  JSON.parse(Buffer.from(file(output, `${folder}/manifest.json`)).toString('utf8')) as Manifest;

const flat = (nodes: readonly PdfOutlineNode[], depth = 0): string[] =>
  nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.title} @${String(n.page)}`,
    ...flat(n.items, depth + 1),
  ]);

/**
 * The stamp of a page as „<text> Seite x von y“ when the page carries `text` and a page label:
 * on a turned page pdf.js gives the text in the page's unturned space, so its lines do not
 * come out in reading order; the stamp's two parts are looked for anywhere on the page.
 */
const stampOf = (page: string, text: string): string => {
  const label = /Seite \d+ von \d+/.exec(page)?.[0] ?? '';
  return normalizeSpace(page).includes(text) ? `${text} ${label}` : normalizeSpace(page);
};

/** the stamps of pages (the text part from the expected list) */
const stampsOf = (pages: readonly string[], expected: readonly string[]): string[] =>
  pages.map((p, i) => stampOf(p, (expected[i] ?? '').replace(/ Seite \d+ von \d+$/, '')));

const claimsPdfa = (bytes: Uint8Array): boolean =>
  Buffer.from(bytes).toString('latin1').includes('pdfaid:part');

describe('Anlagen in the outputs (test/fixtures/anlagen-sitzung)', function () {
  this.timeout(300_000);
  let output: MeetingOutput;
  before(async () => {
    const [first] = await buildContent(anlagenContentDir);
    if (!first) throw new Error('no meeting');
    output = first;
  });

  it('writes each Anlage with a file beside its DOCX, non-public ones only in nichtoeffentlich/', () => {
    const names = output.artifacts.map((a) => a.name).sort();
    expect(names).to.deep.equal([
      'nichtoeffentlich/SV-10-0200-anlage-6.pdf',
      'nichtoeffentlich/SV-10-0201-anlage-1.pdf',
      'nichtoeffentlich/SV-10-0201.docx',
      'nichtoeffentlich/SV-10-0201.pdf',
      'nichtoeffentlich/manifest.json',
      'nichtoeffentlich/sitzungsmappe-mitglieder.pdf',
      'oeffentlich/SV-10-0200-anlage-1.pdf',
      'oeffentlich/SV-10-0200-anlage-2.pdf',
      'oeffentlich/SV-10-0200-anlage-3.pdf',
      'oeffentlich/SV-10-0200-anlage-4.pdf',
      'oeffentlich/SV-10-0200.docx',
      'oeffentlich/SV-10-0200.pdf',
      'oeffentlich/manifest.json',
      'oeffentlich/sitzungsmappe.pdf',
    ]);
  });

  it('lists the Anlagen in the head of the PDF and the DOCX, a non-public one without its title', async () => {
    const { pages } = await extractPdfText(file(output, 'oeffentlich/SV-10-0200.pdf'));
    const head = normalizeSpace(pages[0] ?? '');
    expect(head).to.include(
      'Anlagen 1. Kostenschätzung 2. Lageplan 3. Ansicht Nord 4. Foto des Grundstücks 5. Bodengutachten (liegt in Papierform vor) 6. nichtöffentliche Anlage (nur für die Mitglieder)',
    );
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(file(output, 'oeffentlich/SV-10-0200.docx'));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).to.include('4. Foto des Grundstücks').and.to.include('5. Bodengutachten');
  });

  it("stamps every Anlage page „Anlage n zu <Nummer>: <Titel>“ with the packet's „Seite x von y“", async () => {
    const { pages } = await extractPdfText(file(output, 'oeffentlich/sitzungsmappe.pdf'));
    // cover, Vorlage (1 page), Kostenschätzung 3, Lageplan 2, PNG 1, JPEG 1
    expect(pages).to.have.length(9);
    const expected = [
      'Anlage 1 zu SV-10-0200: Kostenschätzung Seite 3 von 9',
      'Anlage 1 zu SV-10-0200: Kostenschätzung Seite 4 von 9',
      'Anlage 1 zu SV-10-0200: Kostenschätzung Seite 5 von 9',
      'Anlage 2 zu SV-10-0200: Lageplan Seite 6 von 9',
      'Anlage 2 zu SV-10-0200: Lageplan Seite 7 von 9',
      'Anlage 3 zu SV-10-0200: Ansicht Nord Seite 8 von 9',
      'Anlage 4 zu SV-10-0200: Foto des Grundstücks Seite 9 von 9',
    ];
    expect(stampsOf(pages.slice(2), expected)).to.deep.equal(expected);
    // the Anlage's own content follows its stamp
    expect(pages[2]).to.include('Kostenschätzung').and.to.include('Position 1: Gewerk Rohbau');
    expect(pages[5]).to.include('Lageplan Feuerwehrgerätehaus');
    expect(pages[1]).to.match(/Seite 2 von 9$/);
  });

  it("keeps each page's size and rotation; pictures on A4 in their orientation", async () => {
    const doc = await PDFDocument.load(file(output, 'oeffentlich/sitzungsmappe.pdf'));
    const sizes = doc.getPages().map((p) => {
      const { width, height } = p.getMediaBox();
      return `${width.toFixed(0)}x${height.toFixed(0)}/${String(p.getRotation().angle)}`;
    });
    expect(sizes).to.deep.equal([
      '595x842/0',
      '595x842/0',
      '595x842/0',
      '595x842/0',
      '595x842/0',
      '1191x842/0', // A3 landscape
      '842x1191/90', // A3 portrait, turned: seen as landscape
      '842x595/0', // the PNG is wider than high: A4 landscape
      '595x842/0', // the JPEG: A4 portrait
    ]);
  });

  it('gives bookmarks „Anlage n: <Titel>“ under the TOP and page numbers in the Tagesordnung', async () => {
    const packet = file(output, 'oeffentlich/sitzungsmappe.pdf');
    const info = await pdfInfo(packet);
    expect(flat(info.outline)).to.include.members([
      'TOP 2: Neubau des Feuerwehrgerätehauses Beispielhausen @2',
      '  Anlage 1: Kostenschätzung @3',
      '  Anlage 2: Lageplan @6',
      '  Anlage 3: Ansicht Nord @8',
      '  Anlage 4: Foto des Grundstücks @9',
    ]);
    const { pages } = await extractPdfText(packet);
    const cover = pages[0] ?? '';
    expect(cover).to.match(/^Anlage 1: Kostenschätzung 3$/m);
    expect(cover).to.match(/^Anlage 2: Lageplan 6$/m);
    expect(cover).to.match(/^Anlage 4: Foto des Grundstücks 9$/m);
    const targets = info.links[0]?.map((l) => l.destPage) ?? [];
    expect(targets).to.include.members([2, 3, 6, 8, 9]);
  });

  it("the members' packet holds the non-public Anlage of the public Vorlage and the non-public Vorlage with its own", async () => {
    const packet = file(output, 'nichtoeffentlich/sitzungsmappe-mitglieder.pdf');
    const { pages } = await extractPdfText(packet);
    const stamps = pages.map((p) => normalizeSpace(p.split('\n')[0] ?? ''));
    expect(stamps).to.include(
      'Anlage 6 zu SV-10-0200: Kaufpreisangebot GEHEIM-KANARIE-7431 Seite 10 von 13',
    );
    expect(stamps.at(-1)).to.equal(
      `Anlage 1 zu SV-10-0201: Wertgutachten GEHEIM-KANARIE-7431 Seite ${String(pages.length)} von ${String(pages.length)}`,
    );
    const info = await pdfInfo(packet);
    expect(flat(info.outline)).to.include('  Anlage 6: Kaufpreisangebot GEHEIM-KANARIE-7431 @10');
  });

  it("the Vorlage's own PDF carries its public Anlagen after its pages, counted in its footer", async () => {
    const own = file(output, 'oeffentlich/SV-10-0200.pdf');
    const { pages } = await extractPdfText(own);
    expect(pages).to.have.length(8);
    expect(pages[0]).to.match(/Seite 1 von 8$/);
    expect(normalizeSpace(pages[7]?.split('\n')[0] ?? '')).to.equal(
      'Anlage 4 zu SV-10-0200: Foto des Grundstücks Seite 8 von 8',
    );
    const info = await pdfInfo(own);
    expect(flat(info.outline)).to.include('Anlage 2: Lageplan @5');
    const single = await extractPdfText(file(output, 'oeffentlich/SV-10-0200-anlage-2.pdf'));
    const expected = [
      'Anlage 2 zu SV-10-0200: Lageplan Seite 1 von 2',
      'Anlage 2 zu SV-10-0200: Lageplan Seite 2 von 2',
    ];
    expect(stampsOf(single.pages, expected)).to.deep.equal(expected);
  });

  it('no active content of an Anlage reaches any output (qpdf, pdf-lib); web links stay', async () => {
    for (const a of output.artifacts.filter((x) => x.name.endsWith('.pdf'))) {
      expect(qpdfCheck(a.bytes).status, a.name).to.equal(0);
      const qdf = qdfObjects(a.bytes);
      const all = [...qdf.objects.values()].map((o) => o.dict).join('\n') + qdf.trailer;
      for (const key of [
        '/JavaScript',
        '/JS',
        '/OpenAction',
        '/Launch',
        '/AcroForm',
        '/EmbeddedFile',
        '/EmbeddedFiles',
        '/Widget',
        '/AA',
        '/FileAttachment',
        '/Encrypt',
      ]) {
        expect(
          all.includes(`${key} `) ||
            all.includes(`${key}\n`) ||
            all.includes(`${key}/`) ||
            all.includes(`${key}<`) ||
            all.includes(`${key}(`),
          `${a.name}: ${key}`,
        ).to.equal(false);
      }
      const doc = await PDFDocument.load(a.bytes);
      const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
      expect(names?.has(PDFName.of('JavaScript')) ?? false, a.name).to.equal(false);
      expect(names?.has(PDFName.of('EmbeddedFiles')) ?? false, a.name).to.equal(false);
    }
    const plan = await pdfInfo(file(output, 'oeffentlich/SV-10-0200-anlage-2.pdf'));
    expect(plan.links.flat().map((l) => l.url)).to.deep.equal(['https://www.example.org/plan']);
  });

  it('claims PDF/A-2b only where every Anlage in the file is; the manifest names the one that prevents it', () => {
    const claims = Object.fromEntries(
      output.artifacts
        .filter((a) => a.name.endsWith('.pdf'))
        .map((a) => [a.name, claimsPdfa(a.bytes)]),
    );
    expect(claims).to.deep.equal({
      'oeffentlich/SV-10-0200.pdf': false, // the Lageplan is no PDF/A
      'oeffentlich/SV-10-0200-anlage-1.pdf': true, // PDF/A-2b with embedded fonts
      'oeffentlich/SV-10-0200-anlage-2.pdf': false,
      'oeffentlich/SV-10-0200-anlage-3.pdf': true, // pictures: ratsmappe's own page
      'oeffentlich/SV-10-0200-anlage-4.pdf': true,
      'oeffentlich/sitzungsmappe.pdf': false,
      'nichtoeffentlich/SV-10-0200-anlage-6.pdf': false,
      'nichtoeffentlich/SV-10-0201.pdf': false,
      'nichtoeffentlich/SV-10-0201-anlage-1.pdf': false,
      'nichtoeffentlich/sitzungsmappe-mitglieder.pdf': false,
    });
    const files = manifest(output, 'oeffentlich').dateien;
    const packet = files.find((f) => f.pfad === 'sitzungsmappe.pdf');
    expect(packet?.pdfa).to.equal(null);
    expect(packet?.ohnePdfaWegen).to.deep.equal([
      'Anlage 2 zu SV-10-0200 (anlagen/lageplan.pdf): sie trägt keine PDF/A-Kennung',
    ]);
    const kosten = files.find((f) => f.pfad === 'SV-10-0200-anlage-1.pdf');
    expect(kosten).to.deep.include({ art: 'anlage-pdf', pdfa: 'PDF/A-2b' });
    expect(kosten?.anlage).to.deep.include({
      nummer: 1,
      titel: 'Kostenschätzung',
      quelle: 'anlagen/kostenschaetzung.pdf',
    });
    expect(kosten?.anlage?.quelleSha256).to.match(/^[0-9a-f]{64}$/);
  });
});

describe('the render cache key of a Vorlage with Anlagen', () => {
  it('changes with an Anlage file’s bytes (its sha256), not with anything else', async () => {
    const { checkAndCompose, vorlageCacheKey } = await import('../src/build.js');
    const { readContent } = await import('../src/load/readContent.js');
    const { loadTemplates } = await import('../src/template/loadTemplates.js');
    const templates = await loadTemplates();
    const [meeting] = checkAndCompose(await readContent(anlagenContentDir)).meetings;
    const vorlage = meeting?.vorlagen[0];
    if (vorlage === undefined) throw new Error('no Vorlage');
    const key = (v: typeof vorlage): string =>
      vorlageCacheKey('', '0', templates, undefined, [], v);
    const changed = {
      ...vorlage,
      anlagen: vorlage.anlagen.map((a) =>
        a.datei === null ? a : { ...a, datei: { ...a.datei, sha256: '0'.repeat(64) } },
      ),
    };
    expect(key(vorlage)).to.equal(key({ ...vorlage }));
    expect(key(changed)).to.not.equal(key(vorlage));
  });
});
