/**
 * A body's own letterhead and design (issue 10, points 3 and 5): a synthetic document with a
 * letterhead (SVG and PNG logo), an accent colour and its own font (Liberation Serif, in
 * test/fixtures/fonts), read back from the PDF (pdf.js, qpdf) and the DOCX's XML.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { coverageOfFonts } from '../src/check/checkGlyphs.js';
import { buildPacket } from '../src/packet/buildPacket.js';
import { renderDocx } from '../src/render/docx/renderDocx.js';
import { renderPdf, renderPdfPart } from '../src/render/pdf/renderPdf.js';
import {
  ACCENT,
  FONT_NAME,
  designedDocument,
  letterhead,
  pngLogo,
} from './helpers/designedDocument.js';
import { docxXml } from './helpers/docxText.js';
import { extractPdfLines, type PdfPageLines } from './helpers/pdfLines.js';
import { objectsOfType, qdfObjects, requireQpdf } from './helpers/pdfStructure.js';
import { sampleDocument } from './helpers/sampleDocument.js';

const fixture = (path: string): Buffer =>
  readFileSync(new URL(`./fixtures/${path}`, import.meta.url));

const lineWith = (page: PdfPageLines | undefined, text: string) =>
  page?.lines.find((line) => line.text.includes(text));

/** the accent colour as pdfkit writes it into a content stream: "r g b SCN" (stroke) or "scn" */
const ACCENT_RGB = [0x1f, 0x5f, 0x8b].map((c) => c / 255);
function usesAccent(stream: string, operator: 'SCN' | 'scn'): boolean {
  return [...stream.matchAll(new RegExp(`([\\d.]+) ([\\d.]+) ([\\d.]+) ${operator}\\b`, 'g'))].some(
    (m) => m.slice(1, 4).every((v, i) => Math.abs(Number(v) - (ACCENT_RGB[i] ?? -1)) < 0.002),
  );
}

const pageStreams = (pdf: Buffer): string =>
  [...qdfObjects(pdf).objects.values()]
    .filter((o) => o.stream !== null && !/\/(Subtype|Type)\s/.test(o.dict))
    .map((o) => o.stream?.toString('latin1') ?? '')
    .join('\n');

/** font names (without subset tags) of a PDF's font descriptors */
const fontNames = (pdf: Buffer): string[] =>
  objectsOfType(qdfObjects(pdf), 'FontDescriptor')
    .map((o) => /\/FontName \/(?:[A-Z]{6}\+)?(\S+)/.exec(o.dict)?.[1] ?? '')
    .sort();

describe('letterhead and design in the PDF', function () {
  this.timeout(120_000);
  let pdf: Buffer;
  let pages: PdfPageLines[];

  before(async () => {
    requireQpdf();
    pdf = await renderPdf(designedDocument(), { pdfa: '2b' });
    pages = await extractPdfLines(pdf);
  });

  it('puts name, address and block on the first page only, sender left, block top right', () => {
    const [first, second] = pages;
    // the sample document: its figures table runs onto page 2, then an explicit page break
    expect(pages).to.have.length(3);
    const width = first?.width ?? 0;
    const name = lineWith(first, letterhead.name);
    expect(name, 'name').not.to.equal(undefined);
    expect(name?.x).to.be.closeTo(25 * (72 / 25.4), 1);
    expect(name?.bold).to.equal(true);
    for (const line of letterhead.anschrift) {
      const found = lineWith(first, line);
      expect(found, line).not.to.equal(undefined);
      expect(found?.x ?? width).to.be.below(width / 2);
      expect(found?.top ?? 0).to.be.below(200);
    }
    for (const { label, value } of letterhead.block) {
      const found = lineWith(first, value);
      expect(found, value).not.to.equal(undefined);
      expect(found?.text).to.equal(`${label} ${value}`);
      // DIN 5008: the information block starts 125 mm from the left edge, at the top
      expect(found?.x ?? 0).to.be.closeTo(125 * (72 / 25.4), 1);
      expect(found?.top ?? 1000).to.be.below(name?.top ?? 0);
    }
    const body = lineWith(first, 'Bericht der Verwaltung');
    expect(body?.top ?? 0).to.be.above(name?.top ?? 1000);
    // page 2: only the footer names the body
    const texts = [
      letterhead.name,
      ...letterhead.anschrift,
      ...letterhead.block.map(({ label, value }) => `${label} ${value}`),
    ];
    for (const text of texts) {
      const found = second?.lines.find((line) => line.text === text);
      expect(found, `page 2: ${text}`).to.equal(undefined);
    }
    expect(pages.at(-1)?.lines[0]?.text).to.equal('Nach dem Seitenumbruch.');
  });

  it('sets body, headings and footer in the own font, in one subset per face', () => {
    const runs = pages.flatMap((p) => p.lines.flatMap((l) => l.runs));
    const fonts = new Set(runs.filter((r) => r.str.trim() !== '').map((r) => r.font));
    expect([...fonts].sort()).to.deep.equal(['LiberationSerif', 'LiberationSerif-Bold']);
    expect(fontNames(pdf)).to.deep.equal(['LiberationSerif', 'LiberationSerif-Bold']);
    expect(lineWith(pages[1], 'Seite 2 von 3')?.runs.at(-1)?.font).to.equal('LiberationSerif');
  });

  it('colours headings (fill) and rules (stroke) with the accent colour', () => {
    const streams = pageStreams(pdf);
    expect(usesAccent(streams, 'scn'), 'heading text').to.equal(true);
    expect(usesAccent(streams, 'SCN'), 'rules').to.equal(true);
    // without a design: no accent anywhere
    return renderPdf(sampleDocument).then((plain) => {
      const other = pageStreams(plain);
      expect(usesAccent(other, 'scn') || usesAccent(other, 'SCN')).to.equal(false);
    });
  });

  it('draws a PNG logo opaque (no soft mask) and an SVG logo as vectors (no image)', async () => {
    const withPng = qdfObjects(await renderPdf(designedDocument(pngLogo), { pdfa: '2b' }));
    const images = [...withPng.objects.values()].filter((o) => o.dict.includes('/Subtype /Image'));
    expect(images).to.have.length(1);
    for (const image of images) expect(image.dict).not.to.match(/\/SMask/);
    const withSvg = [...qdfObjects(pdf).objects.values()];
    expect(withSvg.filter((o) => o.dict.includes('/Subtype /Image'))).to.have.length(0);
  });

  it('is byte-identical run to run, whatever the thread rendered before or beside it', async () => {
    const again = await renderPdf(designedDocument(), { pdfa: '2b' });
    expect(again.equals(pdf)).to.equal(true);
    const plain = await renderPdf(sampleDocument, { pdfa: '2b' });
    const [a, b, c] = await Promise.all([
      renderPdf(designedDocument(), { pdfa: '2b' }),
      renderPdf(sampleDocument, { pdfa: '2b' }),
      renderPdf(designedDocument(pngLogo), { pdfa: '2b' }),
    ]);
    expect(a.equals(pdf)).to.equal(true);
    expect(b.equals(plain)).to.equal(true);
    expect(c.equals(await renderPdf(designedDocument(pngLogo), { pdfa: '2b' }))).to.equal(true);
    expect(fontNames(plain)).to.include('Roboto-Regular');
  });

  it('gives the packet cover the letterhead, and its furniture the own font', async () => {
    const doc = designedDocument();
    const part = await renderPdfPart(sampleDocument, { pdfa: '2b', footer: false });
    const top = {
      nummer: 'x',
      dest: 'top-1',
      title: 'TOP 1: Probe',
      running: 'TOP 1 · Probe',
      anlagen: [],
    };
    const packet = Buffer.from(
      await buildPacket(
        {
          meta: doc.meta,
          cover: doc.blocks.slice(0, 2),
          separator: { meta: doc.meta, blocks: [{ type: 'heading', level: 1, children: [] }] },
          publicTops: [],
          internalTops: [top],
        },
        new Map([
          ['x', { pdf: part.bytes, pages: part.pages, outline: part.outline, anlagen: [] }],
        ]),
      ),
    );
    const packetPages = await extractPdfLines(packet);
    expect(lineWith(packetPages[0], letterhead.name)).not.to.equal(undefined);
    expect(
      packetPages[1]?.lines.find((line) => line.text === letterhead.name),
      'separator',
    ).to.equal(undefined);
    const footer = lineWith(packetPages.at(-1), `Seite ${String(packetPages.length)} von`);
    expect(footer?.runs.at(-1)?.font).to.equal('LiberationSerif');
    expect(
      packetPages.map((p) => lineWith(p, 'TOP 1: Probe')).find(Boolean)?.runs[0]?.font,
    ).to.equal('LiberationSerif-Bold');
  });
});

describe('letterhead and design in the DOCX', function () {
  this.timeout(60_000);
  let docx: Buffer;
  let parts: Record<string, string>;

  before(async () => {
    docx = await renderDocx(designedDocument());
    parts = await docxXml(docx);
  });

  const part = (name: string): string => parts[name] ?? '';

  it('has the letterhead as the first page header (titlePg), the following pages none', () => {
    const document = part('word/document.xml');
    expect(document).to.include('<w:titlePg/>');
    const refs = [...document.matchAll(/<w:headerReference w:type="(\w+)" r:id="(\w+)"\/>/g)];
    expect(refs.map((m) => m[1])).to.deep.equal(['first']);
    const rels = part('word/_rels/document.xml.rels');
    const target = new RegExp(`Id="${refs[0]?.[2] ?? ''}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    const header = part(`word/${target ?? ''}`);
    for (const text of [letterhead.name, ...letterhead.anschrift]) expect(header).to.include(text);
    for (const { label, value } of letterhead.block) {
      expect(header).to.match(
        new RegExp(`${label}</w:t>.*?<w:tab/><w:t[^>]*>${value.replace(/\//g, '\\/')}`),
      );
    }
    // both footers (first page and the others) carry the page numbers
    expect(document.match(/<w:footerReference w:type="(first|default)"/g)).to.have.length(2);
  });

  it('links the logo from the header with alt text, SVG with a PNG fallback', async () => {
    const rels = Object.entries(parts).filter(([name]) =>
      /^word\/_rels\/header\d+\.xml\.rels$/.test(name),
    );
    expect(rels).to.have.length(1);
    const [, headerRels] = rels[0] ?? ['', ''];
    expect(headerRels).to.match(/relationships\/image" Target="media\/image1\.svg"/);
    expect(headerRels).to.match(/relationships\/image" Target="media\/image1\.png"/);
    const header =
      Object.entries(parts).find(([name]) => /^word\/header\d+\.xml$/.test(name))?.[1] ?? '';
    expect(header).to.match(/<wp:docPr [^>]*descr="Logo: Stadt Musterhausen"/);
    expect(header).to.include('asvg:svgBlip');
    const png = await docxXml(await renderDocx(designedDocument(pngLogo)));
    expect(Object.keys(png)).to.include('word/media/image1.png');
    expect(Object.keys(png)).not.to.include('word/media/image1.svg');
  });

  it('colours headings, table rules and the box border with the accent colour', () => {
    const color = ACCENT.slice(1);
    const styles = part('word/styles.xml');
    const heading1 = /<w:style [^>]*w:styleId="Heading1".*?<\/w:style>/s.exec(styles)?.[0] ?? '';
    expect(heading1).to.include(`<w:color w:val="${color}"/>`);
    const document = part('word/document.xml');
    expect(document).to.match(new RegExp(`<w:tblBorders>.*?w:color="${color}"`, 's'));
    expect(document).to.match(new RegExp(`<w:tcBorders>|<w:top [^>]*w:color="${color}"`));
  });

  it('names the own font in the styles and embeds its faces, deobfuscating to the files', () => {
    expect(part('word/styles.xml')).to.include(`w:ascii="${FONT_NAME}"`);
    const table = part('word/fontTable.xml');
    expect(table).to.include(`<w:font w:name="${FONT_NAME}">`);
    const embedded = [...table.matchAll(/<w:(embed\w+) r:id="(\w+)" w:fontKey="\{([^}]+)\}"/g)];
    expect(embedded.map((m) => m[1])).to.deep.equal(['embedRegular', 'embedBold']);
    return (async () => {
      const JSZip = (await import('jszip')).default;
      const zip = await JSZip.loadAsync(docx);
      const rels = part('word/_rels/fontTable.xml.rels');
      const files = ['LiberationSerif-Regular.ttf', 'LiberationSerif-Bold.ttf'];
      for (const [i, [, , id, key]] of embedded.entries()) {
        const target = new RegExp(`Id="${id ?? ''}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
        const data = await zip.file(`word/${target ?? ''}`)?.async('uint8array');
        const keyBytes = Buffer.from((key ?? '').replace(/-/g, ''), 'hex').reverse();
        const face = Buffer.from(data ?? []);
        for (let b = 0; b < 32; b++) face[b] = (face[b] ?? 0) ^ (keyBytes[b % 16] ?? 0);
        expect(face.equals(fixture(`fonts/${files[i] ?? ''}`)), files[i]).to.equal(true);
      }
    })();
  });

  it('is byte-identical run to run', async () => {
    expect((await renderDocx(designedDocument())).equals(docx)).to.equal(true);
    const plain = await docxXml(await renderDocx(sampleDocument));
    expect(plain['word/document.xml']).not.to.include('<w:titlePg/>');
    expect(plain['word/fontTable.xml'] ?? '').not.to.include('embedRegular');
  });
});

describe('glyph coverage of an own font', () => {
  it('tells the characters its regular and bold face both have', () => {
    const coverage = coverageOfFonts(FONT_NAME, [
      fixture('fonts/LiberationSerif-Regular.ttf'),
      fixture('fonts/LiberationSerif-Bold.ttf'),
    ]);
    expect(coverage.fonts).to.equal(FONT_NAME);
    for (const char of 'äöüßÄ€„“Жжğış')
      expect(coverage.has(char.codePointAt(0) ?? 0), char).to.equal(true);
    for (const char of 'عሰ中') expect(coverage.has(char.codePointAt(0) ?? 0), char).to.equal(false);
  });
});
