/**
 * The letterhead on the first page of a Vorlage (and of the packet's cover), as pdfmake
 * content placed before the body: it takes room on the first page only, the following pages
 * keep the plain layout. Like a Vorlage of a German administration (DIN 5008-like): logo,
 * Körperschaft and address on the left; the information block (Vorlagenart, Vorlagen-Nr.,
 * Datum, Status) at the right, 125 mm from the page's left edge; a rule below both.
 *
 * The logo is drawn as vectors (SVG, by pdfmake's svg-to-pdfkit) or as an image (PNG, made
 * opaque on white first by `withOpaqueLogo`: see opaquePng.ts), so the page has no
 * transparency (PDF/A-2b as every PDF of ratsmappe; pdfArchive.ts).
 */
import type { Content, ContentTable, CustomTableLayout } from 'pdfmake/interfaces.js';
import type { Document, Letterhead } from '../../model/types.js';
import { opaquePng } from './opaquePng.js';
import { MARGIN, MM, PAGE_WIDTH, TEXT_WIDTH } from './pageGeometry.js';

/** DIN 5008: the information block starts 125 mm from the page's left edge */
const BLOCK_LEFT = 125 * MM - MARGIN.left;
const BLOCK_WIDTH = PAGE_WIDTH - MARGIN.right - 125 * MM;
/** the largest logo: 60 mm wide, 20 mm high, its aspect ratio kept */
const LOGO_FIT: [number, number] = [60 * MM, 20 * MM];
const GREY = '#4d4d4d';
/** the rule below the letterhead without an accent colour */
const RULE = '#7f7f7f';

const blockLayout: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (i) => (i === 0 ? 0 : 6),
  paddingRight: () => 0,
  paddingTop: () => 1,
  paddingBottom: () => 1,
};

function logoContent(logo: NonNullable<Letterhead['logo']>, family: string): Content {
  if (logo.type === 'svg') {
    // text in the SVG is set in the document's font (pdfmake's fallback is Roboto)
    return { svg: logo.svg, fit: LOGO_FIT, font: family, margin: [0, 0, 0, 6] };
  }
  const data = Buffer.from(logo.bytes).toString('base64');
  return { image: `data:image/png;base64,${data}`, fit: LOGO_FIT, margin: [0, 0, 0, 6] };
}

function infoBlock(letterhead: Letterhead): ContentTable {
  return {
    table: {
      widths: ['auto', '*'],
      body: letterhead.block.map(({ label, value, strong }) => [
        // never broken ("Vorlagen-" / "Nr." in DejaVu Serif): the auto column is as wide as
        // pdfmake measures the longest label in the document's font
        { text: label, fontSize: 8.5, color: GREY, noWrap: true },
        { text: value, fontSize: 9.5, bold: strong === true },
      ]),
    },
    layout: blockLayout,
  };
}

/** The letterhead's content nodes: the two columns and the rule below them. */
export function letterheadContent(
  letterhead: Letterhead,
  family: string,
  accent: string | undefined,
): Content[] {
  const sender: Content[] = [
    ...(letterhead.logo === undefined ? [] : [logoContent(letterhead.logo, family)]),
    { text: letterhead.name, bold: true, fontSize: 13, margin: [0, 0, 0, 2] },
    ...letterhead.anschrift.map((line): Content => ({ text: line, fontSize: 9, color: GREY })),
  ];
  return [
    {
      columns: [
        { width: BLOCK_LEFT - 10, stack: sender },
        { width: 10, text: '' },
        { width: BLOCK_WIDTH, stack: [infoBlock(letterhead)] },
      ],
      columnGap: 0,
    },
    {
      canvas: [
        {
          type: 'line',
          x1: 0,
          y1: 0,
          x2: TEXT_WIDTH,
          y2: 0,
          lineWidth: 0.8,
          lineColor: accent ?? RULE,
        },
      ],
      margin: [0, 10, 0, 14],
    },
  ];
}

/** The document with its PNG logo made opaque (see opaquePng.ts); others as they are. */
export async function withOpaqueLogo(doc: Document): Promise<Document> {
  const letterhead = doc.meta.letterhead;
  if (letterhead?.logo?.type !== 'png') return doc;
  const bytes = await opaquePng(letterhead.logo.bytes);
  if (bytes === letterhead.logo.bytes) return doc;
  return {
    ...doc,
    meta: { ...doc.meta, letterhead: { ...letterhead, logo: { type: 'png', bytes } } },
  };
}
