/**
 * Charts and pictures (issue 11, points 5 and 6), tested on what the files say: the PDF draws a
 * chart as vectors and text (no image XObject) whose labels extract as text, and has no soft
 * mask; the DOCX has a drawing whose descr is the German alt text, with a PNG and an SVG part;
 * the HTML has figure, figcaption and aria-label / alt; equal input gives equal bytes. The
 * example's Sprachmittlerpool shows its requests per Kommune as a chart.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { unzipSync } from 'fflate';
import { checkAndCompose } from '../src/build.js';
import { readContent } from '../src/load/readContent.js';
import { chartAlt } from '../src/model/chartText.js';
import type { Block, Document, ImageFile } from '../src/model/types.js';
import { renderDocx } from '../src/render/docx/renderDocx.js';
import { renderHtml } from '../src/render/html/renderHtml.js';
import { renderPdf } from '../src/render/pdf/renderPdf.js';
import { chartSvg } from '../src/render/chart/chartSvg.js';
import { chartStyle } from '../src/render/chart/chartStyle.js';
import { loadTemplates } from '../src/template/loadTemplates.js';
import { vorlageDocument } from '../src/template/vorlageDocument.js';
import { imageInfo } from '../src/load/imageInfo.js';
import { jpegFault } from '../src/load/jpegFrame.js';
import { execFileSync } from 'node:child_process';
import { design } from './helpers/designedDocument.js';
import { exampleContentDir, normalizeSpace } from './helpers/exampleBuild.js';
import { extractPdfText } from './helpers/pdfText.js';
import { qdfObjects, qpdfCheck } from './helpers/pdfStructure.js';
import { sampleDocument } from './helpers/sampleDocument.js';
import { decodePng } from './helpers/pngPixels.js';
import { Resvg } from '@resvg/resvg-wasm';
import { rasteriser } from '../src/render/chart/rasterise.js';

const fixture = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`fixtures/${path}`, import.meta.url)));

const kosten = [
  { label: 'Sanitär', value: 238000 },
  { label: 'Elektro', value: 120000 },
  { label: 'Dach', value: 88000 },
];
const chart: Block = {
  type: 'chart',
  kind: 'columns',
  title: 'Kosten nach Gewerk',
  unit: '€',
  data: kosten,
  alt: chartAlt('columns', 'Kosten nach Gewerk', '€', kosten),
};
const ALT =
  'Säulendiagramm Kosten nach Gewerk: Sanitär 238.000\u00a0€, Elektro 120.000\u00a0€, Dach 88.000\u00a0€';

const picture = (path: string): ImageFile => {
  const bytes = fixture(path);
  const info = imageInfo(bytes);
  if (info === undefined) throw new Error(path);
  return { ...info, bytes };
};

const withBlocks = (blocks: readonly Block[], doc: Document = sampleDocument): Document => ({
  ...doc,
  blocks: [{ type: 'paragraph', children: [{ type: 'text', text: 'Vorher.' }] }, ...blocks],
});

const chartDoc = withBlocks([chart]);
const picturesDoc = withBlocks([
  {
    type: 'image',
    file: picture('bilder/wappen.png'),
    alt: 'Wappen (PNG)',
    caption: 'Abbildung 1: Wappen',
  },
  { type: 'image', file: picture('bilder/seite.jpg'), alt: 'Eine Seite (JPEG)' },
  { type: 'image', file: picture('logos/wappen.svg'), alt: 'Wappen (SVG)', caption: 'Abbildung 3' },
]);

const images = (pdf: Uint8Array) =>
  [...qdfObjects(pdf).objects.values()].filter((o) => /\/Subtype\s*\/Image\b/.test(o.dict));

describe('charts and pictures', function () {
  this.timeout(300_000);

  it('states the figures in German as the alt text', () => {
    expect(chart).to.have.property('alt', ALT);
  });

  it('PDF: a chart is vectors and text, no image; its labels extract as text', async () => {
    const pdf = await renderPdf(chartDoc, { pdfa: '2b' });
    expect(images(pdf)).to.have.length(0);
    const { text } = await extractPdfText(pdf);
    for (const word of ['Kosten nach Gewerk', 'Sanitär', 'Elektro', 'Dach', '238.000', '250.000'])
      expect(text).to.include(word);
    expect(qpdfCheck(pdf).status).to.equal(0);
    // a line chart too: no clip path that would become a soft mask (transparency)
    const line = await renderPdf(withBlocks([{ ...chart, kind: 'line' }]), { pdfa: '2b' });
    expect(
      [...qdfObjects(line).objects.values()].some((o) =>
        /\/SMask|\/S\s*\/Transparency/.test(o.dict),
      ),
    ).to.equal(false);
    expect((await extractPdfText(line)).text).to.include('Kosten nach Gewerk');
  });

  it('PDF: pictures are images without soft masks, captions are text', async () => {
    const pdf = await renderPdf(picturesDoc, { pdfa: '2b' });
    const found = images(pdf);
    expect(found).to.have.length(2); // PNG and JPEG; the SVG is drawn as vectors
    for (const image of found) expect(image.dict).not.to.match(/\/SMask/);
    expect(found.some((i) => i.dict.includes('/DCTDecode'))).to.equal(true);
    const { text } = await extractPdfText(pdf);
    expect(text).to.include('Abbildung 1: Wappen');
    expect(text).to.include('Abbildung 3');
  });

  it('DOCX: drawings with descr = alt text, a PNG and an SVG part', async () => {
    const parts = unzipSync(await renderDocx(withBlocks([chart, ...picturesDoc.blocks.slice(1)])));
    const xml = new TextDecoder().decode(parts['word/document.xml']);
    const descr = [...xml.matchAll(/<wp:docPr\b[^>]*\bdescr="([^"]*)"/g)].map((m) => m[1]);
    expect(descr).to.deep.equal([ALT, 'Wappen (PNG)', 'Eine Seite (JPEG)', 'Wappen (SVG)']);
    const media = Object.keys(parts).filter((p) => p.startsWith('word/media/'));
    expect(media.filter((m) => m.endsWith('.svg'))).to.have.length(2);
    expect(media.filter((m) => m.endsWith('.png')).length).to.be.at.least(3);
    expect(media.filter((m) => /\.jpe?g$/.test(m))).to.have.length(1);
    expect(xml).to.include('Kosten nach Gewerk');
    expect(xml).to.include('Abbildung 1: Wappen');
    // the chart's PNG is a real picture, not a placeholder pixel
    const png = media.map((m) => parts[m]).find((b) => b !== undefined && b.length > 5000);
    expect(png, 'a rasterised chart').not.to.equal(undefined);
  });

  it("DOCX: the chart's PNG fallback has exactly the pixels resvg drew (RGB, opaque)", async () => {
    const parts = unzipSync(await renderDocx(chartDoc));
    const media = Object.keys(parts).filter((p) => p.startsWith('word/media/'));
    const svgName = media.find((m) => m.endsWith('.svg'));
    const pngName = media.find((m) => m.endsWith('.png'));
    const [svg, png] = [svgName, pngName].map((m) => (m === undefined ? undefined : parts[m]));
    if (svg === undefined || png === undefined) throw new Error('no SVG with its PNG fallback');
    const ours = decodePng(png);
    expect(Buffer.from(png).readUInt8(25), 'colour type RGB').to.equal(2);
    // resvg's own PNG of the same SVG at the same width, decoded the same way
    await rasteriser();
    const style = chartStyle(undefined);
    const resvg = new Resvg(new TextDecoder().decode(svg), {
      font: {
        fontBuffers: [style.normal, style.bold],
        defaultFontFamily: style.family,
        sansSerifFamily: style.family,
      },
      fitTo: { mode: 'width', value: ours.width },
      background: '#ffffff',
      shapeRendering: 2,
      textRendering: 1,
    });
    const theirs = decodePng(resvg.render().asPng());
    expect([ours.width, ours.height]).to.deep.equal([theirs.width, theirs.height]);
    expect(ours.width, 'twice the shown width').to.be.greaterThan(1000);
    expect(Buffer.from(ours.rgb).equals(Buffer.from(theirs.rgb)), 'same pixels').to.equal(true);
    // a chart, not a blank: the accent colour's bars and dark text
    const dark = [...Array(ours.width * ours.height).keys()].filter(
      (i) => (ours.rgb[i * 3] ?? 255) < 80 && (ours.rgb[i * 3 + 1] ?? 255) < 80,
    ).length;
    expect(dark, 'dark pixels (text)').to.be.greaterThan(500);
  });

  it('JPEG: a progressive one shows in PDF and DOCX as the baseline one does; CMYK is refused', async () => {
    expect(jpegFault(fixture('bilder/foto-cmyk.jpg'))).to.equal(
      'im Farbraum CMYK gespeichert (für den Druck)',
    );
    expect(jpegFault(fixture('bilder/foto-progressiv.jpg'))).to.equal(null);
    expect(jpegFault(fixture('bilder/foto-rgb.jpg'))).to.equal(null);
    // the same picture, baseline and progressive: the pages look the same (pixels by poppler)
    const pixels = async (path: string): Promise<Buffer> => {
      const pdf = await renderPdf(
        withBlocks([{ type: 'image', file: picture(path), alt: 'Foto' }]),
      );
      return execFileSync('pdftoppm', ['-r', '30', '-f', '1', '-l', '1', '-gray', '-'], {
        input: pdf,
      });
    };
    const [baseline, progressive] = await Promise.all([
      pixels('bilder/foto-rgb.jpg'),
      pixels('bilder/foto-progressiv.jpg'),
    ]);
    expect(progressive.length).to.equal(baseline.length);
    let differing = 0;
    let dark = 0;
    for (let i = 0; i < baseline.length; i++) {
      if (Math.abs((baseline[i] ?? 0) - (progressive[i] ?? 0)) > 24) differing++;
      if ((progressive[i] ?? 255) < 160) dark++;
    }
    expect(dark, 'the picture is drawn').to.be.greaterThan(200);
    expect(differing).to.be.lessThan(baseline.length / 1000);
    const docx = unzipSync(
      await renderDocx(
        withBlocks([{ type: 'image', file: picture('bilder/foto-progressiv.jpg'), alt: 'Foto' }]),
      ),
    );
    const jpeg = Object.entries(docx).find(([name]) => /^word\/media\/.*\.jpe?g$/.test(name));
    expect(
      jpeg && Buffer.from(jpeg[1]).equals(Buffer.from(fixture('bilder/foto-progressiv.jpg'))),
    ).to.equal(true);
  });

  it('DOCX: the chart title and the picture caption are Word captions (style Caption, „Beschriftung“)', async () => {
    const parts = unzipSync(await renderDocx(withBlocks([chart, ...picturesDoc.blocks.slice(1)])));
    const xml = new TextDecoder().decode(parts['word/document.xml']);
    const captions = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>/gs)]
      .map((m) => m[0])
      .filter((p) => p.includes('<w:pStyle w:val="Caption"/>'))
      .map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    expect(captions).to.deep.equal(['Kosten nach Gewerk', 'Abbildung 1: Wappen', 'Abbildung 3']);
    const styles = new TextDecoder().decode(parts['word/styles.xml']);
    expect(styles).to.match(
      /<w:style w:type="paragraph" w:styleId="Caption">\s*<w:name w:val="caption"\/>/,
    );
  });

  it('HTML: figure with figcaption, the SVG with role img and aria-label, img with alt', () => {
    const html = renderHtml(withBlocks([chart, ...picturesDoc.blocks.slice(1)]));
    expect(html).to.include(`<figure class="diagramm"><svg role="img" aria-label="${ALT}"`);
    expect(html).to.include('<figcaption>Kosten nach Gewerk</figcaption></figure>');
    expect(html).to.match(/<img src="data:image\/png;base64,[^"]+" alt="Wappen \(PNG\)"/);
    expect(html).to.include('<figcaption>Abbildung 1: Wappen</figcaption>');
    expect(html).not.to.match(/ style=|<style|class="zr/);
  });

  it('the document font and accent colour draw the chart', () => {
    const designed = renderHtml(
      withBlocks([chart], { ...sampleDocument, meta: { ...sampleDocument.meta, design } }),
    );
    expect(designed).to.include('font-family="Liberation Serif"');
    expect(designed.toLowerCase()).to.include('fill="#1f5f8b"');
    expect(renderHtml(chartDoc)).to.include('font-family="Roboto"');
  });

  it('renders the same bytes twice (PDF, DOCX, HTML)', async () => {
    const doc = withBlocks([chart, ...picturesDoc.blocks.slice(1)]);
    const designed = { ...doc, meta: { ...doc.meta, design } };
    for (const d of [doc, designed]) {
      expect(Buffer.compare(await renderPdf(d), await renderPdf(d))).to.equal(0);
      expect(Buffer.compare(await renderDocx(d), await renderDocx(d))).to.equal(0);
      expect(renderHtml(d)).to.equal(renderHtml(d));
    }
  });

  it('the example shows the Sprachmittlerpool requests per Kommune and the minors over the years as charts, the figures stay in the text', async () => {
    const templates = await loadTemplates();
    const { meetings } = checkAndCompose(await readContent(exampleContentDir));
    const vorlage = meetings[0]?.vorlagen.find((v) => v.nummer === 'SV-9-1601');
    if (vorlage === undefined) throw new Error('SV-9-1601');
    const doc = vorlageDocument(templates, vorlage);
    const charts = doc.blocks.filter((b) => b.type === 'chart');
    expect(charts.map((c) => c.alt)).to.deep.equal([
      'Balkendiagramm Anfragen nach Städten und Gemeinden: Coesfeld 468\u00a0Anfragen, Ascheberg 16\u00a0Anfragen',
      'Liniendiagramm Unbegleitete Minderjährige im Kreisjugendamt: 01.11.2015 41\u00a0Minderjährige, Februar 2016 80\u00a0Minderjährige, 31.12.2019 32\u00a0Minderjährige',
    ]);
    // the uma Verlauf stands on a time axis: its points by their dates, the years below
    const verlauf = charts[1];
    expect(verlauf?.data.map((p) => p.at)).to.deep.equal([
      Date.UTC(2015, 10, 1),
      Date.UTC(2016, 1, 1),
      Date.UTC(2019, 11, 31),
    ]);
    if (verlauf === undefined) throw new Error('no uma chart');
    const svg = chartSvg(verlauf, chartStyle(undefined));
    for (const year of ['2016', '2017', '2018', '2019'])
      expect(svg).to.match(new RegExp(`font-size="9" font-family="Roboto"[^>]*>${year}</text>`));
    const xs = [
      ...svg.matchAll(/<path d="M[\d.]+ 0A1 1[^"]*" transform="matrix\(2\.5,0,0,2\.5,([\d.]+),/g),
    ].map((m) => Number(m[1]));
    expect(xs).to.have.length(3);
    const [a = 0, b = 0, c = 0] = xs;
    // three months, then 46 months: the gaps in proportion
    expect((c - b) / (b - a)).to.be.within(14, 16);
    // each figure's label clear of the line: above the peak, below the points whose
    // neighbours are higher (the line rising from 41 crossed a label above it)
    const points = [...svg.matchAll(/matrix\(2\.5,0,0,2\.5,([\d.]+),([\d.]+)\)/g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
    }));
    const labelY = (figure: string, x: number): number => {
      const found = [
        ...svg.matchAll(
          new RegExp(
            `text-anchor="middle"[^>]*translate\\(([\\d.]+) ([\\d.]+)\\)[^>]*>${figure}<`,
            'g',
          ),
        ),
      ].find((m) => Math.abs(Number(m[1]) - x) < 0.01);
      if (found === undefined) throw new Error(`no label ${figure} at ${String(x)}`);
      return Number(found[2]);
    };
    const [p41, p80, p32] = points;
    if (p41 === undefined || p80 === undefined || p32 === undefined) throw new Error('points');
    expect(labelY('41', p41.x)).to.be.above(p41.y);
    expect(labelY('80', p80.x)).to.be.below(p80.y);
    expect(labelY('32', p32.x)).to.be.above(p32.y);
    const { text } = await extractPdfText(await renderPdf(doc));
    expect(normalizeSpace(text)).to.include('468 Anfragen aus Coesfeld');
    expect(normalizeSpace(text)).to.include('Unbegleitete Minderjährige im Kreisjugendamt');
  });

  it('a bild block and diagramm: true come through the content to the model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-bild-'));
    try {
      cpSync(exampleContentDir, dir, { recursive: true });
      const folder = join(dir, 'vorlagen', 'SV-9-1601');
      writeFileSync(join(folder, 'plan.png'), fixture('bilder/wappen.png'));
      const uma = join(folder, 'jugendamt.yaml');
      writeFileSync(
        uma,
        readFileSync(uma, 'utf8').replace(
          /\ninhalt:\n/,
          '\ninhalt:\n  - bild: {datei: plan.png, alt: Das Wappen des Kreises, unterschrift: Abbildung 1}\n',
        ),
      );
      const result = checkAndCompose(await readContent(dir));
      expect(result.diagnostics.filter((d) => d.severity === 'fehler')).to.deep.equal([]);
      const vorlage = result.meetings[0]?.vorlagen.find((v) => v.nummer === 'SV-9-1601');
      if (vorlage === undefined) throw new Error('SV-9-1601');
      const doc = vorlageDocument(await loadTemplates(), vorlage);
      const image = doc.blocks.find((b) => b.type === 'image');
      expect(
        image?.type === 'image' && [image.alt, image.caption, image.file.format],
      ).to.deep.equal(['Das Wappen des Kreises', 'Abbildung 1', 'png']);
      const line = doc.blocks.find((b) => b.type === 'chart' && b.kind === 'line');
      expect(line?.type === 'chart' && line.alt).to.match(
        /^Liniendiagramm .*: \d\d\.\d\d\.\d{4} \d+/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
