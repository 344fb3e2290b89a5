/**
 * An Anlage file made ready to be a part of a packet (pdf-lib; no hand-written PDF): its pages
 * only, with nothing active, and a free band at the top of every page for the stamp
 * „Anlage n zu <Nummer>: <Titel>“ that the assembly draws (stampAnlage.ts).
 *
 * - A PDF's pages are copied into a new document, so that nothing of its catalogue comes along
 *   (/OpenAction, /AA, the /JavaScript and /EmbeddedFiles name trees, /AcroForm, its XMP). Form
 *   fields are flattened first (their visible content becomes page content). On each page /AA
 *   and article beads go, and of its annotations only links to web and mail addresses stay;
 *   everything else (widgets, file attachments, media, comments, links with actions or to
 *   other pages) is removed.
 * - A foreign page keeps its size, its box and its /Rotate; its content is shrunk towards the
 *   foot of the page (as it is seen) just enough to free the band (BAND, about 5.6 mm: 1.9 % of
 *   an A4 or A3 landscape page), because ratsmappe cannot know where a foreign page's content
 *   ends and never lets the stamp cover any of it.
 * - A PNG or JPEG stands alone on an A4 page (landscape when the picture is wider than high),
 *   scaled to fit inside the DIN 5008 margins, so the band is free without shrinking.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFString,
  PDFHexString,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { loadAnlagePdf, own, type AnlageArt } from '../../load/inspectAnlage.js';
import { MARGIN, PAGE_HEIGHT, PAGE_WIDTH } from '../pdf/pageGeometry.js';
import { SAVE_OPTIONS } from '../renderVorlage.js';
import { apply, num, sharedStreams, shrinkTowardsFoot } from './pageMatrix.js';

/** The band at the top of an Anlage page that the stamp stands in (pt). */
export const BAND = 16;

export interface PreparedAnlage {
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** the document `pdf` was saved from, for assemblies in this thread (no second parse) */
  readonly doc: PDFDocument;
}

const N = (name: string): PDFName => PDFName.of(name);

const textOf = (value: unknown): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

/** A link that only opens a web or mail address. */
function isSafeLink(annot: PDFDict): boolean {
  if (annot.get(N('Subtype')) !== N('Link') || annot.has(N('AA'))) return false;
  const action = annot.lookupMaybe(N('A'), PDFDict);
  if (action?.get(N('S')) !== N('URI') || action.has(N('Next'))) return false;
  return /^(https?:|mailto:)/i.test(textOf(action.lookup(N('URI'))) ?? '');
}

/** Removes what is active from a page of the source document (before it is copied). */
function sanitizePage(page: PDFPage): void {
  for (const key of ['AA', 'B', 'PresSteps', 'Thumb']) page.node.delete(N(key));
  const annots = page.node.Annots();
  if (annots === undefined) return;
  const kept = annots.asArray().filter((ref) => {
    const annot = page.doc.context.lookup(ref);
    return annot instanceof PDFDict && isSafeLink(annot);
  });
  if (kept.length === 0) page.node.delete(N('Annots'));
  else page.node.set(N('Annots'), page.doc.context.obj(kept));
}

/**
 * Shrinks a copied page's content below the band and moves its links along; pages of one size
 * share the wrapping streams (sharedStreams).
 */
function freeBand(page: PDFPage, stream: (text: string) => PDFRef): void {
  const { context } = page.doc;
  const m = shrinkTowardsFoot(page, BAND);
  const contents = page.node.get(N('Contents'));
  const streams =
    contents instanceof PDFArray ? contents.asArray() : contents === undefined ? [] : [contents];
  const before = stream(`q ${m.map(num).join(' ')} cm\n`);
  const after = stream('\nQ\n');
  page.node.set(N('Contents'), context.obj([before, ...streams, after]));
  const annots = page.node.Annots();
  for (let i = 0; i < (annots?.size() ?? 0); i++) {
    const annot = annots?.lookupMaybe(i, PDFDict);
    const rect = annot?.lookupMaybe(N('Rect'), PDFArray)?.asArray();
    if (annot === undefined || rect?.length !== 4) continue;
    const [x1, y1, x2, y2] = rect.map((v) => (v instanceof PDFNumber ? v.asNumber() : 0)) as [
      number,
      number,
      number,
      number,
    ];
    const [ax, ay] = apply(m, x1, y1);
    const [bx, by] = apply(m, x2, y2);
    annot.set(
      N('Rect'),
      context.obj([Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)]),
    );
    annot.delete(N('QuadPoints'));
    annot.set(N('F'), PDFNumber.of(4)); // print, as PDF/A wants
  }
}

async function preparePdf(bytes: Uint8Array): Promise<PreparedAnlage> {
  const src = await loadAnlagePdf(bytes);
  if (src.catalog.has(N('AcroForm'))) {
    try {
      src.getForm().flatten({ updateFieldAppearances: false });
    } catch {
      // a form pdf-lib cannot flatten loses its fields (the widgets are removed below)
    }
  }
  for (const page of src.getPages()) sanitizePage(page);
  const out = await PDFDocument.create({ updateMetadata: false });
  const copied = await out.copyPages(src, src.getPageIndices());
  const stream = sharedStreams(out.context);
  for (const page of copied) {
    out.addPage(page);
    freeBand(page, stream);
  }
  return { pdf: await out.save(SAVE_OPTIONS), pages: copied.length, doc: out };
}

async function prepareImage(art: 'png' | 'jpeg', bytes: Uint8Array): Promise<PreparedAnlage> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const image = art === 'png' ? await out.embedPng(own(bytes)) : await out.embedJpg(own(bytes));
  const landscape = image.width > image.height;
  const [width, height] = landscape ? [PAGE_HEIGHT, PAGE_WIDTH] : [PAGE_WIDTH, PAGE_HEIGHT];
  const page = out.addPage([width, height]);
  const boxWidth = width - MARGIN.left - MARGIN.right;
  const boxHeight = height - MARGIN.top - MARGIN.bottom;
  const scale = Math.min(boxWidth / image.width, boxHeight / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  page.drawImage(image, {
    x: MARGIN.left + (boxWidth - w) / 2,
    y: height - MARGIN.top - h,
    width: w,
    height: h,
  });
  return { pdf: await out.save(SAVE_OPTIONS), pages: 1, doc: out };
}

/** The Anlage as a part: sanitized pages with a free band at the top. Pure (pdf-lib in memory). */
export function prepareAnlage(art: AnlageArt, bytes: Uint8Array): Promise<PreparedAnlage> {
  return art === 'pdf' ? preparePdf(bytes) : prepareImage(art, bytes);
}
