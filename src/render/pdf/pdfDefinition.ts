/**
 * The pdfmake document definition: A4 page with DIN 5008 margins, styles, running footer,
 * document information and the keep-heading-with-next rule.
 */
import type {
  Content,
  Node,
  NodeQueries,
  StyleDictionary,
  TDocumentDefinitions,
} from 'pdfmake/interfaces.js';
import type { Block, Document } from '../../model/types.js';
import { blocksToContent, type OutlineEntry } from './pdfContent.js';

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 } as const;
/** DIN 5008: left 25 mm, right 20 mm; the bottom margin holds the footer. */
const MARGIN = { left: 25 * MM, top: 20 * MM, right: 20 * MM, bottom: 25 * MM } as const;
const BODY_SIZE = 11;
/** pdfmake multiplies the font's own line height (Roboto: 1.172 em); 1.03 gives ~1.2 em leading. */
const LINE_HEIGHT = 1.03;
/** a heading needs this much room for the following block below it on the same page (2 lines) */
const MIN_FOLLOWING_SPACE = 2 * BODY_SIZE * 1.172 * LINE_HEIGHT + 2;
const FOOTER_STYLE = 'pageFooter';

const styles: StyleDictionary = {
  h1: { fontSize: 15, bold: true, margin: [0, 10, 0, 7] },
  h2: { fontSize: 13, bold: true, margin: [0, 10, 0, 5] },
  h3: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
  h4: { fontSize: 11, bold: true, margin: [0, 6, 0, 3] },
  [FOOTER_STYLE]: { fontSize: 8.5, color: '#404040', lineHeight: 1 },
};

export interface PdfDefinition {
  readonly definition: TDocumentDefinitions;
  /** level 1–3 headings in document order; renderPdf turns them into bookmarks */
  readonly outline: readonly OutlineEntry[];
}

/** Parses `YYYY-MM-DD` as UTC midnight, so output does not depend on the clock or time zone. */
export function parseIsoDate(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new Error(`meta.date must be YYYY-MM-DD, got "${date}"`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const result = new Date(Date.UTC(y, m - 1, d));
  if (result.getUTCMonth() !== m - 1 || result.getUTCDate() !== d)
    throw new Error(`invalid meta.date "${date}"`);
  return result;
}

/** Every heading of level 1–3 gets a destination for its bookmark; own ids are kept. */
function assignHeadingIds(blocks: readonly Block[]): Map<Block, string> {
  const headings: Extract<Block, { type: 'heading' }>[] = [];
  const visit = (list: readonly Block[]): void => {
    for (const block of list) {
      if (block.type === 'heading') headings.push(block);
      else if (block.type === 'quote' || block.type === 'box') visit(block.children);
      else if (block.type === 'list') block.items.forEach(visit);
    }
  };
  visit(blocks);
  const taken = new Set(headings.flatMap((h) => (h.id === undefined ? [] : [h.id])));
  const ids = new Map<Block, string>();
  let counter = 0;
  for (const heading of headings) {
    if (heading.id !== undefined) {
      ids.set(heading, heading.id);
    } else if (heading.level <= 3) {
      let id: string;
      do id = `_heading-${String(++counter)}`;
      while (taken.has(id));
      ids.set(heading, id);
    }
  }
  return ids;
}

/**
 * pageBreakBefore callback: move a heading to the next page when it would be the last thing
 * on its page, i.e. when the next non-heading block does not start on the same page with
 * at least two lines of room.
 */
export function keepHeadingWithNext(node: Node, queries: NodeQueries): boolean {
  if (node.headlineLevel === undefined) return false;
  // already (nearly) at the top of a page: moving it would only leave an empty page
  if (node.startPosition.verticalRatio * node.startPosition.pageInnerHeight < 3 * BODY_SIZE)
    return false;
  if (node.pageNumbers.length > 1) return true;
  const isContent = (n: Node): boolean => n.headlineLevel === undefined && n.style !== FOOTER_STYLE;
  const next = queries.getFollowingNodesOnPage().find(isContent);
  // nothing after it on this page: move it, unless it is the end of the document
  if (next === undefined) return queries.getNodesOnNextPage().some(isContent);
  if (next.pageNumbers.length === 1) return false;
  const { verticalRatio, pageInnerHeight } = next.startPosition;
  return (1 - verticalRatio) * pageInnerHeight < MIN_FOLLOWING_SPACE;
}

function footer(text: string) {
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  return (currentPage: number, pageCount: number): Content => ({
    style: FOOTER_STYLE,
    margin: [MARGIN.left, 0.45 * MARGIN.bottom, MARGIN.right, 0],
    stack: [
      {
        style: FOOTER_STYLE,
        canvas: [
          { type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.5, lineColor: '#7f7f7f' },
        ],
      },
      {
        style: FOOTER_STYLE,
        margin: [0, 4, 0, 0],
        columns: [
          { style: FOOTER_STYLE, text: text, width: '*' },
          {
            style: FOOTER_STYLE,
            text: `Seite ${String(currentPage)} von ${String(pageCount)}`,
            width: 'auto',
            alignment: 'right',
          },
        ],
      },
    ],
  });
}

export function buildPdfDefinition(doc: Document): PdfDefinition {
  const { meta } = doc;
  const date = parseIsoDate(meta.date);
  const outline: OutlineEntry[] = [];
  const content = blocksToContent(
    doc.blocks,
    { headingIds: assignHeadingIds(doc.blocks), outline },
    false,
  );
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, MARGIN.bottom],
    version: '1.7',
    compress: true,
    language: meta.language,
    info: {
      title: meta.title,
      author: meta.author,
      subject: meta.subject,
      keywords: meta.keywords.join(', '),
      creator: 'ratsmappe',
      producer: 'ratsmappe (pdfmake)',
      creationDate: date,
      modDate: date,
    },
    defaultStyle: {
      font: 'Roboto',
      fontSize: BODY_SIZE,
      lineHeight: LINE_HEIGHT,
      alignment: 'left',
    },
    styles,
    content,
    footer: footer(meta.footer),
    pageBreakBefore: keepHeadingWithNext,
  };
  return { definition, outline };
}
