/**
 * The stamp of an Anlage page: one small line in the band at the top of the page as it is seen
 * („Anlage 2 zu SV-9-1601: Lageplan“ on the left, „Seite 14 von 40“ on the right), placed for the
 * page's own width, so an A3 landscape plan has it across its own top edge. The band is free
 * (prepareAnlage.ts), so the stamp covers nothing.
 */
import { pageLabel, useFace, type FurnitureFonts, type KitDocument } from '../pdf/pageFurniture.js';
import { MARGIN } from '../pdf/pageGeometry.js';

const SIZE = 7.5;
const GREY = '#404040';
/** top of the line, from the page's top edge (pt); the band is 16 pt */
const TOP = 5;

/**
 * The text cut to `room` points with an ellipsis where it is longer, as pdfkit's line wrapper
 * with `ellipsis` would, but measured once per text and room (an Anlage of 200 pages has the
 * same stamp on every page; the wrapper took most of a packet's furniture time).
 */
function fitted(kit: KitDocument, text: string, room: number, memo: Map<string, string>): string {
  const key = `${String(room)}\u0000${text}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  let fit = text;
  if (kit.widthOfString(text) > room) {
    // characters from the end (whole graphemes), until the text with „…“ fits
    const segments = [...new Intl.Segmenter('de').segment(text)].map((g) => g.segment);
    const cut = (n: number): string => `${segments.slice(0, n).join('').trimEnd()}…`;
    let n = segments.length;
    while (n > 0 && kit.widthOfString(cut(n)) > room) n--;
    fit = cut(n);
  }
  memo.set(key, fit);
  return fit;
}

/** Draws the stamp; `memo` keeps the fitted texts of one overlay document (same font). */
export function drawAnlageStamp(
  kit: KitDocument,
  fonts: FurnitureFonts,
  width: number,
  text: string,
  page: number,
  pages: number,
  memo = new Map<string, string>(),
): void {
  kit.save();
  useFace(kit, fonts.normal).fontSize(SIZE).fillColor(GREY);
  const label = pageLabel(page, pages);
  const labelWidth = kit.widthOfString(label);
  const right = width - MARGIN.right;
  const room = right - MARGIN.left - labelWidth - 12;
  kit.text(fitted(kit, text, room, memo), MARGIN.left, TOP, { lineBreak: false });
  kit.text(label, right - labelWidth, TOP, { lineBreak: false });
  kit.restore();
}
