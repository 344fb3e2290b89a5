/**
 * What the text of a document model's PDF must read as, worked out from the model alone: the text
 * of every block in order (a number before each item of an ordered list, the cells of each table
 * row left to right), where a page must start, and the lines that must stand on their own (each
 * table row that fits on one line, an ordered item's number with the start of its text).
 */
import { chartLabels } from './chartLabels.js';
import type { Block, Document, Inline, TableCell } from '../../src/model/types.js';
import { inlinesToPlain as plainText } from '../../src/render/pdf/pdfInlines.js';

export type PdfToken =
  /** text (without white space) that must come next */
  | { readonly kind: 'text'; readonly text: string }
  /** a heading's text; the page it is found on is the page of its destination `dest` */
  | {
      readonly kind: 'heading';
      readonly text: string;
      readonly level: number;
      readonly dest?: string;
    }
  /** the number of the page the destination `target` is on */
  | { readonly kind: 'pageref'; readonly target: string }
  /** a table row; the table's header row may come again before it at the top of a page */
  | { readonly kind: 'row'; readonly text: string; readonly header?: string }
  /** a new page must start here */
  | { readonly kind: 'pagebreak' };

export interface PdfExpectation {
  readonly tokens: readonly PdfToken[];
  /** lines that must be among the page lines (white space collapsed) */
  readonly lines: readonly string[];
  /** the addresses links point at, and the destinations internal links and page numbers jump to */
  readonly urls: ReadonlySet<string>;
  readonly dests: ReadonlySet<string>;
}

const EXTERNAL = /^(https?:|mailto:)/i;
/** the rows of a table that certainly fit on one line, with the text widths the generator uses */
const ONE_LINE = 40;

export const squeeze = (text: string): string => text.replace(/\s+/g, '');
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

class Collector {
  readonly tokens: PdfToken[] = [];
  readonly lines: string[] = [];
  readonly urls = new Set<string>();
  readonly dests = new Set<string>();
  /** something was laid out already: a page break is honoured */
  started = false;
  pageBreak = false;

  text(text: string): void {
    if (squeeze(text) !== '') this.tokens.push({ kind: 'text', text: squeeze(text) });
  }

  inlines(inlines: readonly Inline[], inLink = false): void {
    for (const inline of inlines) {
      if (inline.type === 'text') this.text(inline.text);
      else if (inline.type === 'pageref') {
        this.tokens.push({ kind: 'pageref', target: inline.target });
        this.dests.add(inline.target);
      } else if (inline.type === 'link') {
        const { href } = inline;
        if (!inLink && href.length > 1 && href.startsWith('#')) this.dests.add(href.slice(1));
        else if (!inLink && EXTERNAL.test(href)) this.urls.add(href);
        this.inlines(inline.children, true);
      } else if (inline.type !== 'break') this.inlines(inline.children, inLink);
    }
  }

  block(block: Block, topLevel: boolean): void {
    if (block.type === 'pagebreak') {
      this.pageBreak = topLevel && this.started;
      return;
    }
    if (this.pageBreak) this.tokens.push({ kind: 'pagebreak' });
    this.pageBreak = false;
    this.started = true;
    switch (block.type) {
      case 'heading': {
        const text = squeeze(plainText(block.children));
        const level = block.level;
        this.tokens.push({ kind: 'heading', text, level, ...(block.id ? { dest: block.id } : {}) });
        break;
      }
      case 'paragraph':
        this.inlines(block.children);
        break;
      case 'list':
        block.items.forEach((item, i) => {
          const first = item[0];
          if (block.ordered) {
            this.text(`${String(i + 1)}.`);
            if (first?.type === 'paragraph') {
              const start = plainText(first.children).trim().split(/\s/)[0] ?? '';
              this.lines.push(`${String(i + 1)}. ${start}`);
            }
          }
          for (const b of item) this.block(b, false);
        });
        break;
      case 'quote':
      case 'box':
        for (const b of block.children) this.block(b, false);
        break;
      case 'table':
        this.table(block);
        break;
      case 'chart':
        // its title, then the labels the SVG draws as text
        this.text(block.title);
        for (const label of chartLabels(block)) this.text(label);
        break;
      case 'image':
        if (block.caption !== undefined) this.text(block.caption);
        break;
    }
  }

  table(block: Extract<Block, { type: 'table' }>): void {
    const rowText = (cells: readonly TableCell[]): string =>
      cells
        .map((c) => collapse(plainText(c.children)))
        .filter((t) => t !== '')
        .join(' ');
    const header = block.header === null ? undefined : squeeze(rowText(block.header));
    (block.header ? [block.header, ...block.rows] : block.rows).forEach((cells, r) => {
      const start = this.tokens.length;
      for (const cell of cells) this.inlines(cell.children);
      // the cells' texts are read as one row
      if (this.tokens.splice(start).some((t) => t.kind !== 'text'))
        throw new Error('the PDF read-back takes only text in table cells');
      const text = rowText(cells);
      const repeated = header !== undefined && header !== '' && r > 0 ? { header } : {};
      if (text !== '' || 'header' in repeated)
        this.tokens.push({ kind: 'row', text: squeeze(text), ...repeated });
      if (text !== '' && text.length <= ONE_LINE) this.lines.push(text);
    });
  }
}

/** what readPdfBack checks the PDF of the document against */
export function expectedPdf(doc: Document): PdfExpectation {
  const collector = new Collector();
  for (const block of doc.blocks) collector.block(block, true);
  const { tokens, lines, urls, dests } = collector;
  return { tokens, lines, urls, dests };
}
