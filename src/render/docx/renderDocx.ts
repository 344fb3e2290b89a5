/**
 * Renders the document model as a Word document (DOCX) with the docx library: real heading styles
 * with outline levels, real lists and tables, bookmarks for internal links, a running footer with
 * page numbers, and a byte-for-byte reproducible package (see normalizeDocx.ts).
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document as DocxDocument,
  ExternalHyperlink,
  Footer,
  InternalHyperlink,
  Packer,
  PageNumber,
  PageReference,
  Paragraph,
  ShadingType,
  Tab,
  TabStopType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { IParagraphOptions, ITableBordersOptions, ParagraphChild } from 'docx';

import type {
  Block,
  Document,
  Inline,
  TableCell as ModelCell,
  TableVariant,
} from '../../model/types.js';
import {
  COLORS,
  FOOTER_SIZE,
  INDENT_STEP,
  PAGE,
  STYLE,
  TEXT_WIDTH,
  docxStyles,
  listDefinition,
  LIST_HANGING,
  listReference,
} from './docxStyles.js';
import { normalizeDocx } from './normalizeDocx.js';

type Body = Paragraph | Table;

interface RunFormat {
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly style?: string;
}

/** state shared by the whole document while its blocks are rendered */
interface RenderState {
  /** list instances handed out so far; each list gets the next one, so it starts anew */
  listInstances: number;
  /** numbering definitions (by reference) the document's lists use */
  readonly listReferences: Set<string>;
  /** a pagebreak block was seen and the next paragraph has to start a new page */
  pageBreakPending: boolean;
  /** the last block was a table: the next paragraph keeps some distance from it */
  afterTable: boolean;
}

/** where the blocks being rendered sit */
interface Context {
  /** left indent of the blocks, from quotes and list items */
  readonly indent: number;
  /** nesting depth of lists around the blocks */
  readonly listDepth: number;
  readonly quote: boolean;
}

const EXTERNAL_LINK = /^(https?:|mailto:)/i;

function renderInlines(
  inlines: readonly Inline[],
  format: RunFormat,
  inLink = false,
): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  for (const inline of inlines) {
    switch (inline.type) {
      case 'text':
        inline.text.split('\n').forEach((line, index) => {
          children.push(new TextRun({ ...format, text: line, ...(index > 0 ? { break: 1 } : {}) }));
        });
        break;
      case 'break':
        children.push(new TextRun({ ...format, break: 1 }));
        break;
      case 'strong':
        children.push(...renderInlines(inline.children, { ...format, bold: true }, inLink));
        break;
      case 'emphasis':
        children.push(...renderInlines(inline.children, { ...format, italics: true }, inLink));
        break;
      case 'link': {
        if (inLink) {
          children.push(...renderInlines(inline.children, format, true));
          break;
        }
        const linkChildren = renderInlines(
          inline.children,
          { ...format, style: STYLE.hyperlink },
          true,
        );
        if (inline.href.startsWith('#')) {
          children.push(
            new InternalHyperlink({ anchor: inline.href.slice(1), children: linkChildren }),
          );
        } else if (EXTERNAL_LINK.test(inline.href)) {
          children.push(new ExternalHyperlink({ link: inline.href, children: linkChildren }));
        } else {
          children.push(...renderInlines(inline.children, format, true));
        }
        break;
      }
      case 'pageref':
        // PageReference is a Run, which ParagraphChild accepts; the rule mistakes it for TextRun
        // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
        children.push(new PageReference(inline.target));
        break;
    }
  }
  return children;
}

/** space between a table and the paragraph after it, in twips */
const TABLE_GAP = 160;

/**
 * paragraph options every body paragraph gets: indentation, a pending page break, and some space
 * after a table (headings have their own)
 */
function paragraphBase(state: RenderState, context: Context, heading = false): IParagraphOptions {
  const pageBreakBefore = state.pageBreakPending;
  const afterTable = state.afterTable && !heading && !pageBreakBefore;
  state.pageBreakPending = false;
  state.afterTable = false;
  return {
    ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(afterTable ? { spacing: { before: TABLE_GAP } } : {}),
    ...(context.quote ? { style: STYLE.quote } : {}),
    ...(context.indent > 0 ? { indent: { left: context.indent } } : {}),
  };
}

const RULE = { style: BorderStyle.SINGLE, size: 4, color: COLORS.rule } as const;
const DATA_BORDERS: ITableBordersOptions = {
  top: RULE,
  bottom: RULE,
  left: RULE,
  right: RULE,
  insideHorizontal: RULE,
  insideVertical: RULE,
};

/** column widths in twips that add up to `width`, weighted by the length of the columns' texts */
function columnWidths(
  variant: TableVariant,
  rows: readonly (readonly ModelCell[])[],
  width: number,
): number[] {
  const count = Math.max(1, ...rows.map((row) => row.length));
  const weights = Array.from({ length: count }, (_, column) => {
    if (variant === 'grid') return 1;
    const longest = Math.max(
      0,
      ...rows.map((row) => inlineText(row[column]?.children ?? []).length),
    );
    if (variant === 'fields') return column === 0 ? Math.min(Math.max(longest, 12), 30) : 40;
    return Math.min(Math.max(longest, 6), 40);
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => Math.floor((width * weight) / total));
  const last = widths.length - 1;
  widths[last] = (widths[last] ?? 0) + width - widths.reduce((sum, w) => sum + w, 0);
  return widths;
}

function inlineText(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) =>
      inline.type === 'text'
        ? inline.text
        : 'children' in inline
          ? inlineText(inline.children)
          : ' ',
    )
    .join('');
}

function renderTable(
  block: Extract<Block, { type: 'table' }>,
  state: RenderState,
  context: Context,
): Body[] {
  const out: Body[] = [];
  if (block.rows.length === 0 && !block.header) return out;
  if (state.pageBreakPending)
    out.push(new Paragraph({ ...paragraphBase(state, context), style: STYLE.tableText }));
  const width = TEXT_WIDTH - context.indent;
  const allRows = block.header ? [block.header, ...block.rows] : block.rows;
  const widths = columnWidths(block.variant, allRows, width);
  const ruled = block.variant === 'data';
  const cell = (model: ModelCell | undefined, column: number, header: boolean): TableCell =>
    new TableCell({
      width: { size: widths[column] ?? 0, type: WidthType.DXA },
      ...(header
        ? { shading: { fill: COLORS.headerFill, type: ShadingType.CLEAR, color: 'auto' } }
        : {}),
      children: [
        new Paragraph({
          style: STYLE.tableText,
          ...(model?.align === 'right' ? { alignment: AlignmentType.RIGHT } : {}),
          children: renderInlines(model?.children ?? [], {
            ...(header || (block.variant === 'fields' && column === 0) ? { bold: true } : {}),
          }),
        }),
      ],
    });
  const row = (cells: readonly ModelCell[], header: boolean): TableRow =>
    new TableRow({
      cantSplit: true,
      ...(header ? { tableHeader: true } : {}),
      children: widths.map((_, column) => cell(cells[column], column, header)),
    });
  out.push(
    new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      ...(context.indent > 0 ? { indent: { size: context.indent, type: WidthType.DXA } } : {}),
      borders: ruled ? DATA_BORDERS : TableBorders.NONE,
      margins: ruled
        ? { top: 40, bottom: 40, left: 100, right: 100 }
        : { top: 0, bottom: 40, left: 0, right: 170 },
      rows: [
        ...(block.header ? [row(block.header, true)] : []),
        ...block.rows.map((cells) => row(cells, false)),
      ],
    }),
  );
  return out;
}

function renderBox(children: readonly Block[], state: RenderState, context: Context): Body[] {
  const out: Body[] = [];
  if (state.pageBreakPending)
    out.push(new Paragraph({ ...paragraphBase(state, context), style: STYLE.tableText }));
  const width = TEXT_WIDTH - context.indent;
  const inner = renderBlocks(children, state, { indent: 0, listDepth: 0, quote: false });
  if (!(inner.at(-1) instanceof Paragraph)) inner.push(new Paragraph({ style: STYLE.tableText }));
  const border = { style: BorderStyle.SINGLE, size: 8, color: COLORS.boxBorder } as const;
  out.push(
    new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: [width],
      layout: TableLayoutType.FIXED,
      ...(context.indent > 0 ? { indent: { size: context.indent, type: WidthType.DXA } } : {}),
      borders: { top: border, bottom: border, left: border, right: border },
      margins: { top: 120, bottom: 0, left: 170, right: 170 },
      rows: [
        new TableRow({
          children: [
            new TableCell({
              width: { size: width, type: WidthType.DXA },
              shading: { fill: COLORS.boxFill, type: ShadingType.CLEAR, color: 'auto' },
              children: inner,
            }),
          ],
        }),
      ],
    }),
  );
  return out;
}

function renderList(
  block: Extract<Block, { type: 'list' }>,
  state: RenderState,
  context: Context,
): Body[] {
  const reference = listReference(block.ordered, context.listDepth);
  state.listReferences.add(reference);
  state.listInstances += 1;
  const numbering = { reference, level: 0, instance: state.listInstances } as const;
  // the item's text starts one step right of the blocks around the list, its bullet hangs left of it
  const indent = { left: context.indent + INDENT_STEP, hanging: LIST_HANGING };
  const itemContext: Context = {
    indent: indent.left,
    listDepth: context.listDepth + 1,
    quote: false,
  };
  const out: Body[] = [];
  for (const item of block.items) {
    const [first, ...rest] = item;
    const base = paragraphBase(state, context);
    const inlines = first?.type === 'paragraph' ? first.children : [];
    out.push(new Paragraph({ ...base, indent, numbering, children: renderInlines(inlines, {}) }));
    out.push(...renderBlocks(first?.type === 'paragraph' ? rest : item, state, itemContext));
  }
  return out;
}

function renderBlocks(blocks: readonly Block[], state: RenderState, context: Context): Body[] {
  const out: Body[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'heading': {
        const runs = renderInlines(block.children, {});
        out.push(
          new Paragraph({
            ...paragraphBase(state, context, true),
            style: `Heading${block.level}`,
            children:
              block.id === undefined ? runs : [new Bookmark({ id: block.id, children: runs })],
          }),
        );
        break;
      }
      case 'paragraph':
        out.push(
          new Paragraph({
            ...paragraphBase(state, context),
            children: renderInlines(block.children, {}),
          }),
        );
        break;
      case 'list':
        out.push(...renderList(block, state, context));
        break;
      case 'table':
        out.push(...renderTable(block, state, context));
        state.afterTable = true;
        break;
      case 'quote':
        out.push(
          ...renderBlocks(block.children, state, {
            ...context,
            indent: context.indent + INDENT_STEP,
            quote: true,
          }),
        );
        break;
      case 'box':
        out.push(...renderBox(block.children, state, context));
        state.afterTable = true;
        break;
      case 'pagebreak':
        state.pageBreakPending = true;
        break;
    }
  }
  return separateTables(out);
}

/** Word joins tables that follow each other into one, so a small paragraph goes between them */
function separateTables(elements: readonly Body[]): Body[] {
  return elements.flatMap((element, index) =>
    element instanceof Table && elements[index - 1] instanceof Table
      ? [new Paragraph({ style: STYLE.tableText }), element]
      : [element],
  );
}

function renderFooter(text: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [
          new TextRun({ text, size: FOOTER_SIZE }),
          new TextRun({
            size: FOOTER_SIZE,
            children: [new Tab(), 'Seite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });
}

/** Renders the document as a DOCX package; the same document always gives the same bytes. */
export async function renderDocx(doc: Document): Promise<Buffer> {
  const { meta } = doc;
  const state: RenderState = {
    listInstances: 0,
    listReferences: new Set(),
    pageBreakPending: false,
    afterTable: false,
  };
  const children = renderBlocks(doc.blocks, state, { indent: 0, listDepth: 0, quote: false });
  if (children.length === 0) children.push(new Paragraph({}));

  const file = new DocxDocument({
    title: meta.title,
    subject: meta.subject,
    creator: meta.author,
    keywords: meta.keywords.join(', '),
    lastModifiedBy: 'ratsmappe',
    revision: 1,
    styles: docxStyles(meta.language),
    numbering: { config: [...state.listReferences].sort().map(listDefinition) },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.marginTop,
              bottom: PAGE.marginBottom,
              left: PAGE.marginLeft,
              right: PAGE.marginRight,
              header: PAGE.footer,
              footer: PAGE.footer,
              gutter: 0,
            },
          },
        },
        footers: { default: renderFooter(meta.footer) },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(file);
  return normalizeDocx(packed, { date: meta.date, language: meta.language });
}
