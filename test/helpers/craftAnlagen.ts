/**
 * Anlage files crafted for the tests (pdf-lib and ratsmappe's own renderer): a PDF/A-2b
 * Kostenschätzung of three A4 pages, an A3 landscape Lageplan that is no PDF/A (Helvetica not
 * embedded) and carries every kind of active content, and the faulty files of the diagnostic
 * cases. `npx tsx test/helpers/craftAnlagen.ts` writes the fixture files (the PNG and the JPEG
 * were made once from a rendered page with pdftoppm and are committed as they are).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PDFDocument,
  PDFName,
  PDFString,
  StandardFonts,
  degrees,
  rgb,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { Document } from '../../src/model/types.js';
import { renderPdfPart } from '../../src/render/pdf/renderPdf.js';

const fixed = new Date('2022-02-01T00:00:00Z');

/** An empty plain PDF (no PDF/A) with fixed dates, so equal input gives equal bytes. */
export async function plainDoc(): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  doc.setProducer('ratsmappe test');
  doc.setCreator('ratsmappe test');
  return doc;
}

/** A PDF/A-2b document of three A4 pages, rendered by ratsmappe itself (Roboto embedded, sRGB). */
export async function kostenschaetzung(): Promise<Uint8Array> {
  const rows = Array.from({ length: 70 }, (_, i) => ({
    type: 'paragraph' as const,
    children: [
      {
        type: 'text' as const,
        text: `Position ${String(i + 1)}: Gewerk ${['Rohbau', 'Dach', 'Sanitär', 'Elektro'][i % 4] ?? ''}, geschätzt ${String(1000 * (i + 3))} Euro.`,
      },
    ],
  }));
  const doc: Document = {
    meta: {
      title: 'Kostenschätzung Feuerwehrgerätehaus',
      author: 'Kreis Musterland – Hochbauamt',
      subject: 'Kostenschätzung',
      keywords: ['Kostenschätzung'],
      language: 'de-DE',
      footer: 'Hochbauamt · Kostenschätzung',
      date: '2022-02-01',
    },
    blocks: [
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Kostenschätzung' }] },
      ...rows,
    ],
  };
  return (await renderPdfPart(doc, { pdfa: '2b' })).bytes;
}

/** A site plan: frame, a building, the title and a scale line. */
export function drawPlan(page: PDFPage, font: PDFFont, title: string): void {
  const { width, height } = page.getSize();
  page.drawRectangle({
    x: 20,
    y: 20,
    width: width - 40,
    height: height - 40,
    borderColor: rgb(0, 0, 0),
    borderWidth: 1,
  });
  page.drawRectangle({ x: 200, y: 200, width: 300, height: 180, color: rgb(0.8, 0.2, 0.2) });
  page.drawText(title, { x: 40, y: height - 60, size: 24, font });
  page.drawText('Maßstab 1:500 – Flurstück 12/4', { x: 40, y: 40, size: 12, font });
}

/**
 * A3 landscape, two pages: the first with a landscape MediaBox, the second A3 portrait turned
 * by /Rotate 90. Helvetica is not embedded (no PDF/A), and it carries active content: an
 * /OpenAction with JavaScript, a /JavaScript name tree, an embedded file, a form field, /AA on
 * a page, a link with /Launch, and one harmless web link.
 */
export async function lageplan(): Promise<Uint8Array> {
  const doc = await plainDoc();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const first = doc.addPage([1190.55, 841.89]);
  drawPlan(first, font, 'Lageplan Feuerwehrgerätehaus');
  const second = doc.addPage([841.89, 1190.55]);
  second.setRotation(degrees(90));
  second.drawText('Lageplan Blatt 2 (gedreht)', {
    x: 60,
    y: 60,
    size: 24,
    font,
    rotate: degrees(90),
  });
  const { context } = doc;
  const js = context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("aktiv")') });
  doc.catalog.set(PDFName.of('OpenAction'), js);
  doc.catalog.set(
    PDFName.of('Names'),
    context.obj({
      JavaScript: context.obj({ Names: [PDFString.of('gruss'), context.register(js)] }),
    }),
  );
  await doc.attach(Buffer.from('geheime Beilage'), 'beilage.txt', {
    mimeType: 'text/plain',
    creationDate: fixed,
    modificationDate: fixed,
  });
  const field = doc.getForm().createTextField('bemerkung');
  field.setText('Feld im Plan');
  field.addToPage(first, { x: 600, y: 100, width: 200, height: 24, font });
  first.node.set(PDFName.of('AA'), context.obj({ O: js }));
  const link = (y: number, action: Record<string, unknown>) =>
    context.register(
      context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [40, y, 200, y + 20],
        Border: [0, 0, 0],
        A: action as never,
      }),
    );
  const annots = first.node.Annots();
  annots?.push(link(100, { S: 'Launch', F: PDFString.of('cmd.exe') }));
  annots?.push(link(130, { S: 'URI', URI: PDFString.of('https://www.example.org/plan') }));
  return doc.save({ useObjectStreams: false });
}

/** A one-page A4 letter whose text is `text` (Helvetica, no PDF/A). */
export async function brief(text: string): Promise<Uint8Array> {
  const doc = await plainDoc();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText(text, { x: 72, y: 700, size: 12, font });
  return doc.save({ useObjectStreams: false });
}

/** A PDF that says it is encrypted (an /Encrypt dictionary in its trailer). */
export async function verschluesselt(): Promise<Uint8Array> {
  const doc = await plainDoc();
  doc.addPage([595.28, 841.89]);
  doc.context.trailerInfo.Encrypt = doc.context.register(
    doc.context.obj({
      Filter: 'Standard',
      V: 1,
      R: 2,
      O: PDFString.of('o'),
      U: PDFString.of('u'),
      P: -4,
    }),
  );
  return doc.save({ useObjectStreams: false });
}

/** A PDF cut off after its first 300 bytes. */
export async function abgeschnitten(): Promise<Uint8Array> {
  return (await brief('Dieser Brief ist unvollständig.')).subarray(0, 300);
}

/** Writes the crafted files into the fixture folders. */
async function writeFixtures(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const fixtures = join(here, '..', 'fixtures');
  const write = (path: string, bytes: Uint8Array): void => {
    const full = join(fixtures, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, bytes);
  };
  const sitzung = 'anlagen-sitzung/vorlagen';
  write(`${sitzung}/SV-10-0200/anlagen/kostenschaetzung.pdf`, await kostenschaetzung());
  write(`${sitzung}/SV-10-0200/anlagen/lageplan.pdf`, await lageplan());
  write(
    `${sitzung}/SV-10-0200/anlagen/angebot.pdf`,
    await brief('Kaufpreisangebot GEHEIM-KANARIE-7431: 410.000 Euro'),
  );
  write(
    `${sitzung}/SV-10-0201/anlagen/wertgutachten.pdf`,
    await brief('Wertgutachten GEHEIM-KANARIE-7431: Verkehrswert 395.000 Euro'),
  );
  const diag = 'diagnostics';
  write(
    `${diag}/rm703-anlage-beschaedigt/vorlagen/SV-9-1601/anlagen/bericht.pdf`,
    await abgeschnitten(),
  );
  write(
    `${diag}/rm704-anlage-verschluesselt/vorlagen/SV-9-1601/anlagen/bericht.pdf`,
    await verschluesselt(),
  );
  write(
    `${diag}/rm706-rm707-anlage-aktive-inhalte/vorlagen/SV-9-1601/anlagen/lageplan.pdf`,
    await lageplan(),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeFixtures();
