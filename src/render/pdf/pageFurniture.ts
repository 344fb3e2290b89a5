/**
 * Page furniture drawn after layout with pdfkit's own text API: the running footer
 * ("<text> … Seite x von y") and, in the packet, the TOP header at the top of a Vorlage's pages.
 *
 * The body of a page is laid out once (pdfmake); the footer of a Vorlage's own PDF goes into a
 * second content stream of each page, so the packet can take the page without it and put its
 * own footer (with the packet's page numbers) over it. Nothing here changes the layout.
 */
import { MARGIN, PAGE_HEIGHT, TEXT_WIDTH } from './pageGeometry.js';

/** The parts of a pdfkit 0.19 document used here (internals partly, not all in its typings). */
export interface KitDocument {
  page: { content: KitRef; dictionary: KitRef };
  ref(data?: Record<string, unknown>): KitRef;
  bufferedPageRange(): { start: number; count: number };
  switchToPage(n: number): unknown;
  addPage(options?: Record<string, unknown>): KitDocument;
  font(src: string): KitDocument;
  registerFont(name: string, src: Uint8Array): KitDocument;
  _registeredFonts?: Record<string, unknown>;
  fontSize(size: number): KitDocument;
  fillColor(color: string): KitDocument;
  strokeColor(color: string): KitDocument;
  lineWidth(width: number): KitDocument;
  moveTo(x: number, y: number): KitDocument;
  lineTo(x: number, y: number): KitDocument;
  stroke(): KitDocument;
  save(): KitDocument;
  restore(): KitDocument;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options?: Record<string, unknown>): KitDocument;
}

interface KitRef {
  data: Record<string, unknown>;
  end(): void;
}

/** A face to draw with: a font file's path (key = the path), or its bytes under a unique key. */
export interface FontFace {
  readonly src: string | Uint8Array;
  readonly key: string;
}

export interface FurnitureFonts {
  readonly normal: FontFace;
  readonly bold: FontFace;
}

/**
 * Makes the face the current font. Bytes are registered under their key, once per document,
 * so every page uses one font object (pdfkit finds the one pdfmake opened for the body by its
 * name and embeds one subset).
 */
export function useFace(kit: KitDocument, face: FontFace): KitDocument {
  if (typeof face.src === 'string') return kit.font(face.src);
  if (kit._registeredFonts?.[face.key] === undefined) kit.registerFont(face.key, face.src);
  return kit.font(face.key);
}

const FOOTER_SIZE = 8.5;
const GREY = '#404040';
/** the footer rule's colour without an accent colour */
export const RULE_GREY = '#7f7f7f';
/** the rule above the footer, 0.45 of the bottom margin below the text area */
const RULE_Y = PAGE_HEIGHT - 0.55 * MARGIN.bottom;
const RIGHT = MARGIN.left + TEXT_WIDTH;

/** "Seite x von y" */
export const pageLabel = (page: number, pages: number): string =>
  `Seite ${String(page)} von ${String(pages)}`;

/** Draws the footer on the current page (pdfkit's top-down coordinates). */
export function drawFooter(
  kit: KitDocument,
  fonts: FurnitureFonts,
  text: string,
  page: number,
  pages: number,
  rule = RULE_GREY,
): void {
  drawFooterText(kit, fonts, text, pageLabelWidth(kit, fonts, page, pages), rule);
  drawPageLabel(kit, fonts, page, pages);
}

/** The width of "Seite x von y" in the footer's face and size (sets them). */
export function pageLabelWidth(
  kit: KitDocument,
  fonts: FurnitureFonts,
  page: number,
  pages: number,
): number {
  useFace(kit, fonts.normal).fontSize(FOOTER_SIZE);
  return kit.widthOfString(pageLabel(page, pages));
}

const FOOTER_Y = RULE_Y + 4;

/**
 * The footer without its page label: the rule and the text, which leaves room for a label
 * `labelWidth` wide (so pages with labels of one width share it).
 */
export function drawFooterText(
  kit: KitDocument,
  fonts: FurnitureFonts,
  text: string,
  labelWidth: number,
  rule = RULE_GREY,
): void {
  kit.save();
  kit.moveTo(MARGIN.left, RULE_Y).lineTo(RIGHT, RULE_Y).lineWidth(0.5).strokeColor(rule);
  kit.stroke();
  useFace(kit, fonts.normal).fontSize(FOOTER_SIZE).fillColor(GREY);
  // one line; a text too long for it ends in an ellipsis instead of running into the number
  kit.text(text, MARGIN.left, FOOTER_Y, {
    width: TEXT_WIDTH - labelWidth - 12,
    height: FOOTER_SIZE * 1.3,
    ellipsis: true,
    lineBreak: true,
  });
  kit.restore();
}

/** "Seite x von y" at the right end of the footer. */
export function drawPageLabel(
  kit: KitDocument,
  fonts: FurnitureFonts,
  page: number,
  pages: number,
): void {
  kit.save();
  useFace(kit, fonts.normal).fontSize(FOOTER_SIZE).fillColor(GREY);
  const label = pageLabel(page, pages);
  kit.text(label, RIGHT - kit.widthOfString(label), FOOTER_Y, { lineBreak: false });
  kit.restore();
}

/**
 * The TOP line at the top of a Vorlage's pages in the packet: on its first page in bold (up to
 * two lines), on the following pages small and grey (one line). It stands in the top margin,
 * above the Vorlage's own first line.
 */
export function drawTopHeader(
  kit: KitDocument,
  fonts: FurnitureFonts,
  text: string,
  first: boolean,
): void {
  kit.save();
  if (first) {
    useFace(kit, fonts.bold).fontSize(11).fillColor('black');
    kit.text(text, MARGIN.left, 0.3 * MARGIN.top, {
      width: TEXT_WIDTH,
      height: 2 * 11 * 1.25,
      ellipsis: true,
      lineBreak: true,
    });
  } else {
    useFace(kit, fonts.normal).fontSize(FOOTER_SIZE).fillColor(GREY);
    kit.text(text, MARGIN.left, 0.45 * MARGIN.top, {
      width: TEXT_WIDTH,
      height: FOOTER_SIZE * 1.3,
      ellipsis: true,
      lineBreak: true,
    });
  }
  kit.restore();
}

/**
 * Draws the footer on every buffered page of a rendered document, each into a content stream
 * of its own after the page's body stream (pdfkit: bufferPages). Call before the document ends.
 */
export function drawFooters(
  kit: KitDocument,
  text: string,
  fonts: FurnitureFonts,
  rule = RULE_GREY,
): void {
  const { start, count } = kit.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    kit.switchToPage(start + i);
    const body = kit.page.content;
    const footer = kit.ref();
    kit.page.dictionary.data.Contents = [body, footer];
    body.end();
    kit.page.content = footer;
    drawFooter(kit, fonts, text, i + 1, count, rule);
  }
}
