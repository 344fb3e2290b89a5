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

export function drawAnlageStamp(
  kit: KitDocument,
  fonts: FurnitureFonts,
  width: number,
  text: string,
  page: number,
  pages: number,
): void {
  kit.save();
  useFace(kit, fonts.normal).fontSize(SIZE).fillColor(GREY);
  const label = pageLabel(page, pages);
  const labelWidth = kit.widthOfString(label);
  const right = width - MARGIN.right;
  kit.text(text, MARGIN.left, TOP, {
    width: right - MARGIN.left - labelWidth - 12,
    height: SIZE * 1.3,
    ellipsis: true,
    lineBreak: true,
  });
  kit.text(label, right - labelWidth, TOP, { lineBreak: false });
  kit.restore();
}
