/**
 * An SVG logo in the DOCX (issue 10, point 3): the Stadt's logo.svg goes in as SVG with a PNG
 * rasterised from it (Word without SVG support and LibreOffice show that one). The PNG must
 * show the logo, not a blank: decoded and counted; and LibreOffice's print of the DOCX must
 * show it in the letterhead, looked at as pixels of its first page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { sofficeToPdf } from './helpers/soffice.js';
import JSZip from 'jszip';
import { buildContent } from './helpers/exampleBuild.js';
import { logoSize } from '../src/render/docx/letterheadLogo.js';
import { decodePng, inkedPixels, pixelsOfColour } from './helpers/pngPixels.js';

/** the logo's blue (test/fixtures/stadt/logo.svg) */
const BLUE = '#005A9C';
const stadt = fileURLToPath(new URL('./fixtures/stadt/', import.meta.url));

async function stadtDocx(): Promise<Uint8Array> {
  const [meeting] = await buildContent(stadt);
  const found = meeting?.artifacts.find((a) => a.name === 'oeffentlich/V-2024-0815.docx');
  if (!found) throw new Error('no V-2024-0815.docx');
  return found.bytes;
}

describe('the SVG logo in the DOCX', function () {
  this.timeout(180_000);

  it('carries a PNG of the logo beside the SVG, not a blank', async () => {
    const zip = await JSZip.loadAsync(await stadtDocx());
    const rels = Object.keys(zip.files).filter((n) =>
      /^word\/_rels\/header\d+\.xml\.rels$/.test(n),
    );
    expect(rels).to.have.length(1);
    const text = (await zip.file(rels[0] ?? '')?.async('string')) ?? '';
    const targets = [...text.matchAll(/relationships\/image" Target="([^"]+)"/g)].map((m) => m[1]);
    expect(targets.map((t) => t?.replace(/^.*\./, '')).sort()).to.deep.equal(['png', 'svg']);
    const pngName = targets.find((t) => t?.endsWith('.png')) ?? '';
    const png = decodePng(
      (await zip.file(`word/${pngName}`)?.async('uint8array')) ?? new Uint8Array(),
    );
    // 50 × 60 in the SVG, shown 20 mm high (76 px at 96 dpi), rasterised at four times that
    expect(png.height).to.be.within(295, 310);
    expect(png.width / png.height).to.be.closeTo(50 / 60, 0.02);
    const all = png.width * png.height;
    expect(inkedPixels(png) / all).to.be.above(0.6);
    expect(pixelsOfColour(png, BLUE) / all).to.be.above(0.5);
    // the white tree inside the blue square
    expect(pixelsOfColour(png, '#FFFFFF', 10) / all).to.be.above(0.1);
  });

  it('shows in LibreOffice: the first page of its PDF has the blue logo at the top left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-logo-'));
    try {
      writeFileSync(join(dir, 'V-2024-0815.docx'), await stadtDocx());
      sofficeToPdf(dir, 'V-2024-0815.docx');
      // the page at 100 dpi; the letterhead's left column: 25 mm from the left, 10–50 mm from the top
      const mm = (n: number): string => String(Math.round((n / 25.4) * 100));
      execFileSync('pdftoppm', [
        ...['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile'],
        ...['-x', mm(20), '-y', mm(5), '-W', mm(70), '-H', mm(45)],
        join(dir, 'V-2024-0815.pdf'),
        join(dir, 'seite'),
      ]);
      const corner = decodePng(readFileSync(join(dir, 'seite.png')));
      // the logo is about 17 × 20 mm: some 5,000 pixels at 100 dpi, mostly blue
      expect(pixelsOfColour(corner, BLUE)).to.be.above(2500);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the logo’s size in the DOCX header', () => {
  const svg = (attrs: string): string =>
    `<svg xmlns="http://www.w3.org/2000/svg" ${attrs}><rect width="10" height="10"/></svg>`;

  it('reads an SVG’s width and height in their units (mm, pt), as the check does', () => {
    // 60 mm × 85.04 pt is 2:1 (226.8 × 113.4 px): 20 mm high in the 60 × 20 mm box
    const size = logoSize({ type: 'svg', svg: svg('width="60mm" height="85.04pt"') });
    expect(size).to.deep.equal({ width: 151, height: 76 });
  });

  it('takes the viewBox where width and height are missing, and keeps its aspect ratio', () => {
    const size = logoSize({ type: 'svg', svg: svg('viewBox="0 0 300 100"') });
    expect(size).to.deep.equal({ width: 227, height: 76 });
  });
});
