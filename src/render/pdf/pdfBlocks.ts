/**
 * Block model → pdfmake content nodes: paragraphs, headings, lists, quotes, boxes and the
 * three table variants. Page setup, footer and styles (h1–h4) are in renderPdf.ts.
 */
import type {
  Content,
  ContentOrderedList,
  ContentStack,
  ContentTable,
  ContentText,
  ContentUnorderedList,
  CustomTableLayout,
  TableCell as PdfCell,
} from 'pdfmake/interfaces.js';
import type { Block, TableCell } from '../../model/types.js';
import { figureToContent, type FigureContext } from './pdfFigures.js';
import { inlinesToLines, inlinesToPlain, inlinesToText } from './pdfInlines.js';

type Margins = [number, number, number, number];
type BlockNode =
  ContentText | ContentStack | ContentTable | ContentOrderedList | ContentUnorderedList;

/** vertical space after a block, in pt */
const SPACE = {
  paragraph: 7,
  list: 7,
  listItem: 3,
  table: 10,
  box: 12,
  quote: 7,
  figure: 12,
} as const;
/**
 * Style names marking top-level paragraphs for the page-break rules in renderPdf.ts:
 * short ones (up to 4 estimated lines) are never split, long ones leave no single first line.
 */
export const PARAGRAPH_STYLE = { short: 'paragraphShort', long: 'paragraphLong' } as const;
/**
 * A line estimate that errs towards "short": about 85 characters of 11 pt Roboto fit on the
 * 165 mm text width, rarely more than 100. Counting 100 per line, no paragraph of up to four
 * laid-out lines is taken for a long one (a long one taken for short is only kept whole).
 */
const estimatedLines = (lines: string[]): number =>
  lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 100)), 0);
/** 1 cm */
const QUOTE_INDENT = 28.35;
const rule = (width: number) => () => width;

/** the rules' and the box border's colours without an accent colour */
const RULE = '#7f7f7f';
const BOX_BORDER = '#404040';

/** data: horizontal rules only (stronger at top, below the header and at the bottom), grey header */
const dataTableLayout = (headerRows: number, color = RULE): CustomTableLayout => ({
  hLineWidth: (i, node) =>
    i === 0 || i === headerRows || i === node.table.body.length ? 0.8 : 0.3,
  vLineWidth: rule(0),
  hLineColor: () => color,
  fillColor: (row) => (row < headerRows ? '#e6e6e6' : null),
  paddingLeft: rule(4),
  paddingRight: rule(4),
  paddingTop: rule(3),
  paddingBottom: rule(3),
});

/** grid and fields: no rules; the first column starts flush with the body text */
const plainTableLayout: CustomTableLayout = {
  hLineWidth: rule(0),
  vLineWidth: rule(0),
  paddingLeft: (i) => (i === 0 ? 0 : 5),
  paddingRight: (i, node) => (i === (node.table.body[0]?.length ?? 1) - 1 ? 0 : 5),
  paddingTop: rule(1.5),
  paddingBottom: rule(1.5),
};

const boxLayout = (color = BOX_BORDER): CustomTableLayout => ({
  hLineWidth: rule(0.8),
  vLineWidth: rule(0.8),
  hLineColor: () => color,
  vLineColor: () => color,
  fillColor: () => '#f2f2f2',
  paddingLeft: rule(9),
  paddingRight: rule(9),
  paddingTop: rule(8),
  paddingBottom: rule(8),
});

/** A bookmark: heading text, level and the named destination it points at. */
export interface OutlineEntry {
  readonly title: string;
  readonly level: number;
  readonly dest: string;
}

export interface ConvertContext {
  /** destination name of each heading (its own id, or a generated one for the bookmark) */
  readonly headingIds: ReadonlyMap<Block, string>;
  /** filled with the headings down to `outlineDepth` in document order */
  readonly outline: OutlineEntry[];
  readonly outlineDepth: number;
  /** the colour of the rules and the box border (meta.design.accent); default grey */
  readonly accent?: string | undefined;
  /** the font and colours of charts and the body font of SVG pictures */
  readonly figures: FigureContext;
  /**
   * short paragraphs unbreakable, headings grouped with a short paragraph after them (default
   * true; false only for the tests' control layouts without any keep-together rule)
   */
  readonly keepTogether?: boolean;
}

/**
 * Converts a sequence of blocks. Inside a container (list item, quote, box) the last block
 * gets no space below, headings do not take part in keep-with-next and page breaks are ignored.
 */
export function blocksToContent(
  blocks: readonly Block[],
  ctx: ConvertContext,
  inContainer: boolean,
): Content[] {
  const out: Content[] = [];
  let breakBefore = false;
  blocks.forEach((block, index) => {
    if (block.type === 'pagebreak') {
      breakBefore = !inContainer && out.length > 0;
      return;
    }
    // a table without rows shows nothing (pdfmake cannot lay it out); a page break waits
    if (block.type === 'table' && block.header === null && block.rows.length === 0) return;
    const last = inContainer && index === blocks.length - 1;
    const node = blockToContent(block, ctx, last ? 0 : 1, !inContainer);
    if (breakBefore) node.pageBreak = 'before';
    breakBefore = false;
    out.push(node);
  });
  return inContainer || ctx.keepTogether === false ? out : keptWithNext(out);
}

const isHeadingNode = (node: Content): boolean =>
  typeof node === 'object' && 'headlineLevel' in node && node.headlineLevel !== undefined;
/** kept whole by pdfmake: a short paragraph or quote, a chart or picture */
const isUnbreakable = (node: Content): boolean =>
  typeof node === 'object' && 'unbreakable' in node && node.unbreakable === true;

/**
 * Headings directly before a block pdfmake keeps whole (a short paragraph or quote, a figure)
 * go into one unbreakable stack with it: pdfmake moves them to the next page together, in the
 * same layout pass (a break the keep-together callback asks for costs another pass over the
 * whole document). A page break before the headings stays before the group; one before the
 * block keeps them apart.
 */
function keptWithNext(nodes: readonly Content[]): Content[] {
  const out: Content[] = [];
  let headings: Content[] = [];
  for (const node of nodes) {
    if (isHeadingNode(node)) {
      headings.push(node);
      continue;
    }
    const [first] = headings;
    const apart = typeof node === 'object' && 'pageBreak' in node && node.pageBreak !== undefined;
    if (first !== undefined && isUnbreakable(node) && !apart) {
      const group: ContentStack = { stack: [...headings, node], unbreakable: true };
      // a page break before the first heading goes before the group
      if (typeof first === 'object' && 'pageBreak' in first && first.pageBreak !== undefined) {
        group.pageBreak = first.pageBreak;
        group.stack = [{ ...first, pageBreak: undefined }, ...headings.slice(1), node];
      }
      out.push(group);
    } else out.push(...headings, node);
    headings = [];
  }
  out.push(...headings);
  return out;
}

function blockToContent(
  block: Exclude<Block, { type: 'pagebreak' }>,
  ctx: ConvertContext,
  spaceFactor: 0 | 1,
  topLevel: boolean,
): BlockNode {
  const below = (space: number, left = 0, top = 0): Margins => [left, top, 0, space * spaceFactor];
  switch (block.type) {
    case 'heading': {
      // pdfmake honours `id` on any text node; its typings only allow it on plain anchors
      const node: ContentText & { id?: string } = {
        text: inlinesToText(block.children),
        style: `h${String(block.level)}`,
      };
      if (topLevel) node.headlineLevel = block.level;
      const id = ctx.headingIds.get(block);
      if (id !== undefined) node.id = id;
      if (id !== undefined && block.level <= ctx.outlineDepth) {
        ctx.outline.push({ title: inlinesToPlain(block.children), level: block.level, dest: id });
      }
      return node;
    }
    case 'paragraph': {
      const node: ContentText = {
        text: inlinesToText(block.children),
        margin: below(SPACE.paragraph),
      };
      if (topLevel) {
        const short = estimatedLines(inlinesToLines(block.children)) <= 4;
        node.style = short ? PARAGRAPH_STYLE.short : PARAGRAPH_STYLE.long;
        // kept whole by pdfmake itself, in the same layout pass (a break from the
        // keep-together callback costs another pass over the whole document)
        if (short && ctx.keepTogether !== false) node.unbreakable = true;
      }
      return node;
    }
    case 'list': {
      const items = block.items.map((item, i) => ({
        stack: blocksToContent(item, ctx, true),
        margin: [0, 0, 0, i === block.items.length - 1 ? 0 : SPACE.listItem] satisfies Margins,
      }));
      const margin = below(SPACE.list);
      return block.ordered ? { ol: items, margin } : { ul: items, margin };
    }
    case 'quote': {
      const node: ContentStack = {
        stack: blocksToContent(block.children, ctx, true),
        margin: below(SPACE.quote, QUOTE_INDENT),
      };
      // a quote of a few lines is kept whole like a short paragraph (and its heading with it)
      const lines = block.children.map((c) =>
        c.type === 'paragraph' ? estimatedLines(inlinesToLines(c.children)) : Infinity,
      );
      if (topLevel && ctx.keepTogether !== false && lines.reduce((a, b) => a + b, 0) <= 4)
        node.unbreakable = true;
      return node;
    }
    case 'box':
      return {
        table: { widths: ['*'], body: [[{ stack: blocksToContent(block.children, ctx, true) }]] },
        layout: boxLayout(ctx.accent),
        margin: below(SPACE.box, 0, 2),
      };
    case 'table':
      return tableToContent(block, below(SPACE.table), ctx.accent);
    case 'chart':
    case 'image':
      return figureToContent(block, ctx.figures, below(SPACE.figure, 0, 4));
  }
}

function tableToContent(
  block: Extract<Block, { type: 'table' }>,
  margin: Margins,
  accent: string | undefined,
): ContentTable {
  const columns = Math.max(block.header?.length ?? 0, ...block.rows.map((row) => row.length), 1);
  const row = (cells: readonly TableCell[], boldFirst: boolean, boldAll: boolean): PdfCell[] => {
    const out = cells.map((cell, i): PdfCell => {
      const bold = boldAll || (boldFirst && i === 0);
      const node: ContentText = { text: inlinesToText(cell.children, bold) };
      if (cell.align === 'right') node.alignment = 'right';
      return node;
    });
    return [...out, ...Array<PdfCell>(columns - out.length).fill('')];
  };
  // a header row (in bold) repeats at the top of each page the table continues on
  const header = block.header === null ? [] : [row(block.header, false, true)];
  const headerRows = header.length;
  const body = [
    ...header,
    ...block.rows.map((cells) => row(cells, block.variant === 'fields', false)),
  ];
  const rest = columns - 1;
  switch (block.variant) {
    case 'data':
      // dontBreakRows + keepWithHeaderRows: the repeated header never stands alone
      return {
        table: {
          headerRows,
          keepWithHeaderRows: headerRows,
          dontBreakRows: true,
          widths: dataWidths(block),
          body,
        },
        layout: dataTableLayout(headerRows, accent),
        margin,
      };
    case 'grid':
      return {
        table: { headerRows, dontBreakRows: true, widths: Array<'*'>(columns).fill('*'), body },
        layout: plainTableLayout,
        margin,
      };
    case 'fields':
      return {
        table: {
          headerRows,
          dontBreakRows: true,
          widths: ['auto', ...Array<'*'>(rest).fill('*')],
          body,
        },
        layout: plainTableLayout,
        margin,
      };
  }
}

/** The column with the longest text takes the remaining width; the others fit their content. */
function dataWidths(block: Extract<Block, { type: 'table' }>): ('*' | 'auto')[] {
  const rows = block.header === null ? block.rows : [block.header, ...block.rows];
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const longest = Array.from({ length: columns }, (_, c) =>
    Math.max(0, ...rows.map((r) => inlinesToPlain(r[c]?.children ?? []).length)),
  );
  const star = longest.indexOf(Math.max(...longest));
  return longest.map((_, c) => (c === star ? '*' : 'auto'));
}
