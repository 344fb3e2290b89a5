/**
 * PDF renderer: document model → pdfmake document definition → PDF bytes.
 *
 * Page: A4, DIN 5008 margins (left 25 mm, right 20 mm), Roboto 11 pt flush left, running
 * footer "<meta.footer> … Seite x von y". Blocks and inlines are converted in pdfBlocks.ts
 * and pdfInlines.ts; PDF/A, attachments and the XMP metadata are in pdfArchive.ts. With
 * meta.letterhead the first page begins with it (pdfLetterhead.ts); meta.design sets the font
 * (pdfFonts.ts, also for the footer) and the accent colour of headings and rules.
 *
 * pdfmake 0.3 exports one shared instance (`module.exports = new pdfmake()`); fonts and access
 * policies are instance state. They are set to the same values before every call (fresh
 * objects, pdfmake writes into the font dictionary), so repeated and concurrent calls do not
 * depend on each other or on other users of pdfmake.
 */
import pdfmake from 'pdfmake';
import type {
  Content,
  Node,
  NodeQueries,
  StyleDictionary,
  TDocumentDefinitions,
} from 'pdfmake/interfaces.js';
import type { Block, Design, Document } from '../../model/types.js';
import {
  checkPdfOptions,
  embedAttachments,
  patchMetadata,
  type PdfAttachment,
  type PdfOptions,
} from './pdfArchive.js';
import { chartStyle } from '../chart/chartStyle.js';
import { prepareCharts, type ChartCacheRef } from '../chart/chartStore.js';
import { withOpaqueImages } from './pdfFigures.js';
import { blocksToContent, PARAGRAPH_STYLE, type OutlineEntry } from './pdfBlocks.js';
import { MARGIN } from './pageGeometry.js';
import { drawFooters, RULE_GREY, type KitDocument } from './pageFurniture.js';
import { mayRead, pdfFontsOf, pdfmakeFonts } from './pdfFonts.js';
import { ROBOTO } from './roboto.js';
import { letterheadContent, withOpaqueLogo } from './pdfLetterhead.js';
import { installFastMeasure } from './fastMeasure.js';
import { installFastStyles } from './fastStyles.js';
import { installInlineMerging } from './mergeInlines.js';
import { installLineFitTolerance } from './lineFit.js';
import { installMeasureOnce } from './measureOnce.js';
import { planBreaks } from './planBreaks.js';
import { shareParsedFonts } from './sharedFonts.js';

export type { PdfAttachment, PdfOptions } from './pdfArchive.js';

shareParsedFonts(ROBOTO.normal);
installFastStyles();
installFastMeasure();
installInlineMerging();
installLineFitTolerance();
installMeasureOnce();

const BODY_SIZE = 11;
/** pdfmake multiplies the font's own line height (Roboto: 1.172 em); 1.03 gives ~1.2 em. */
const LINE_HEIGHT = 1.03;
/** two body lines: the least a heading needs below it, and a paragraph on a page */
const TWO_LINES = 2 * BODY_SIZE * 1.172 * LINE_HEIGHT + 2;

const styles: StyleDictionary = {
  h1: { fontSize: 15, bold: true, margin: [0, 10, 0, 7] },
  h2: { fontSize: 13, bold: true, margin: [0, 10, 0, 5] },
  h3: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
  h4: { fontSize: 11, bold: true, margin: [0, 6, 0, 3] },
  h5: { fontSize: 11, bold: true, italics: true, margin: [0, 6, 0, 3] },
  [PARAGRAPH_STYLE.short]: {},
  [PARAGRAPH_STYLE.long]: {},
};

/** The styles, with the headings in the accent colour when there is one. */
function stylesFor(accent: string | undefined): StyleDictionary {
  if (accent === undefined) return styles;
  const out: StyleDictionary = { ...styles };
  for (const name of ['h1', 'h2', 'h3', 'h4', 'h5']) out[name] = { ...styles[name], color: accent };
  return out;
}

/** Parses `YYYY-MM-DD` as UTC midnight: the output must not depend on clock or time zone. */
function parseIsoDate(date: string): Date {
  const [y = NaN, m = NaN, d = NaN] =
    /^(\d{4})-(\d\d)-(\d\d)$/.exec(date)?.slice(1).map(Number) ?? [];
  const result = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(result.getTime()) || result.getUTCDate() !== d) {
    throw new Error(`meta.date must be a valid YYYY-MM-DD date, got "${date}"`);
  }
  return result;
}

/** Destinations of headings: own ids are kept, level 1–3 headings without one get one. */
function headingIds(blocks: readonly Block[], depth: number): Map<Block, string> {
  const headings: Extract<Block, { type: 'heading' }>[] = [];
  const visit = (list: readonly Block[]): void => {
    for (const block of list) {
      if (block.type === 'heading') headings.push(block);
      else if (block.type === 'quote' || block.type === 'box') visit(block.children);
      else if (block.type === 'list') block.items.forEach(visit);
    }
  };
  visit(blocks);
  const taken = new Set(headings.map((h) => h.id));
  const ids = new Map<Block, string>();
  let counter = 0;
  for (const heading of headings) {
    let id = heading.id;
    if (id === undefined && heading.level <= depth) {
      do id = `_heading-${String(++counter)}`;
      while (taken.has(id));
    }
    if (id !== undefined) ids.set(heading, id);
  }
  return ids;
}

/** room left on the page below a position, in pt */
const spaceBelow = (at: Node['startPosition']): number =>
  (1 - at.verticalRatio) * at.pageInnerHeight;

/**
 * Whether the block after a heading leaves the heading alone at the bottom of the page.
 * Rows of tables with header rows or dontBreakRows are laid out as unbreakable blocks, and
 * pdfmake reports the position such a block had before it was moved to the next page; so for
 * those tables only the room left is judged, generously.
 */
function leavesHeadingAlone(next: Node): boolean {
  const space = spaceBelow(next.startPosition);
  if (next.table?.dontBreakRows === true || (next.table?.headerRows ?? 0) > 0) {
    return space < 2.5 * TWO_LINES;
  }
  if (next.pageNumbers.length === 1) return false;
  return next.style === PARAGRAPH_STYLE.short || space < TWO_LINES + 10;
}

/**
 * pageBreakBefore callback (pdfmake lays the document out again after each break it adds,
 * and asks about every node once):
 * - a short top-level paragraph is not split: it moves to the next page (no widow, no orphan);
 * - a long one moves when it would leave a single line at the bottom of the page (orphan);
 * - a top-level heading moves when the block after it would not start below it on the page.
 */
function keepTogether(node: Node, queries: NodeQueries): boolean {
  const isHeading = node.headlineLevel !== undefined;
  if (!isHeading && node.style !== PARAGRAPH_STYLE.short && node.style !== PARAGRAPH_STYLE.long) {
    return false;
  }
  // already at the top of a page: moving it would only leave an empty page
  if (node.startPosition.verticalRatio * node.startPosition.pageInnerHeight < 3 * BODY_SIZE) {
    return false;
  }
  if (node.pageNumbers.length > 1) {
    return node.style !== PARAGRAPH_STYLE.long || spaceBelow(node.startPosition) < TWO_LINES;
  }
  if (!isHeading) return false;
  const isContent = (n: Node): boolean => n.headlineLevel === undefined;
  const next = queries.getFollowingNodesOnPage().find(isContent);
  // nothing follows on this page: move it, unless it ends the document
  if (next === undefined) return queries.getNodesOnNextPage().some(isContent);
  return leavesHeadingAlone(next);
}

/**
 * The pdfmake definition and the bookmarks (level 1–3 headings) for a document. `keepTogether`
 * false: without any keep-together rule, neither the callback nor the unbreakable groups (the
 * tests' control layouts).
 */
export function buildPdfDefinition(
  doc: Document,
  { keepTogether: rules = true }: { readonly keepTogether?: boolean } = {},
): {
  definition: TDocumentDefinitions;
  outline: OutlineEntry[];
} {
  const { meta } = doc;
  const date = parseIsoDate(meta.date);
  const outline: OutlineEntry[] = [];
  const fonts = pdfFontsOf(meta.design);
  const accent = meta.design?.accent;
  const body = blocksToContent(
    doc.blocks,
    {
      headingIds: headingIds(doc.blocks, meta.outlineDepth ?? 3),
      outline,
      outlineDepth: meta.outlineDepth ?? 3,
      accent,
      figures: { chart: chartStyle(meta.design), family: fonts.family },
      keepTogether: rules,
    },
    false,
  );
  const content =
    meta.letterhead === undefined
      ? body
      : [...letterheadContent(meta.letterhead, fonts.family, accent), ...body];
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, MARGIN.bottom],
    version: '1.7',
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
      font: fonts.family,
      fontSize: BODY_SIZE,
      lineHeight: LINE_HEIGHT,
      alignment: 'left',
    },
    styles: stylesFor(accent),
    content,
    ...(rules ? { pageBreakBefore: keepTogether } : {}),
  };
  return { definition, outline };
}

/** The parts of pdfkit's outline object used here (pdfkit 0.19 internals, not in its typings). */
interface KitOutline {
  outlineData: Record<string, unknown>;
  addItem(title: string, options?: { expanded?: boolean }): KitOutline;
}

/**
 * pdfmake's own `outline` option points bookmarks at the page's top right corner (pdfkit
 * writes /XYZ pageWidth pageHeight), so the bookmarks are built here and pointed at the
 * headings' named destinations instead.
 */
function addOutline(root: KitOutline, entries: readonly OutlineEntry[]): void {
  const parents: { level: number; item: KitOutline }[] = [];
  entries.forEach((entry, index) => {
    while ((parents.at(-1)?.level ?? 0) >= entry.level) parents.pop();
    const hasChildren = (entries[index + 1]?.level ?? 0) > entry.level;
    const item = (parents.at(-1)?.item ?? root).addItem(entry.title, { expanded: hasChildren });
    // a PDF string (not a name) refers to the /Dests name tree pdfkit writes for `id`
    item.outlineData.Dest = new String(entry.dest);
    parents.push({ level: entry.level, item });
  });
}

/** Files to embed (PDF/A-3 only), with the date they carry. */
export interface PdfFiles {
  readonly attachments: readonly PdfAttachment[];
  readonly date: Date;
}

/** What else goes into a rendered definition. */
export interface PdfExtras {
  readonly files?: PdfFiles | undefined;
  /** left part of the running footer; the page numbers are added ("Seite x von y") */
  readonly footer?: string | undefined;
  /** false: leave the keep-together breaks to pdfmake's own passes (the tests compare both) */
  readonly plan?: boolean | undefined;
  /** the document's design: its fonts (the definition's font is its family) and accent colour */
  readonly design?: Design | undefined;
}

/** A rendered PDF with what the packet needs to reuse it as a part. */
export interface RenderedPdf {
  readonly bytes: Buffer;
  readonly pages: number;
  readonly outline: readonly OutlineEntry[];
}

/**
 * Renders a pdfmake definition with the bundled Roboto or the design's own font (`design`, the
 * one buildPdfDefinition was given); no network or other file access.
 * The XMP metadata is written by pdfArchive.ts (escaped, with the info dictionary's dates).
 * The footer is drawn after layout into a second content stream of every page (see
 * pageFurniture.ts), so the packet can reuse the page without it.
 */
export async function renderPdfDefinition(
  definition: TDocumentDefinitions,
  outline: readonly OutlineEntry[] = [],
  { files, footer, plan, design }: PdfExtras = {},
): Promise<Buffer> {
  return (await renderCounted(definition, outline, { files, footer, plan, design })).bytes;
}

async function renderCounted(
  definition: TDocumentDefinitions,
  outline: readonly OutlineEntry[],
  { files, footer, plan = true, design }: PdfExtras,
): Promise<{ bytes: Buffer; pages: number }> {
  const fonts = pdfFontsOf(design);
  pdfmake.setFonts(pdfmakeFonts());
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(mayRead);
  const rule = definition.pageBreakBefore;
  if (plan && rule !== undefined && Array.isArray(definition.content)) {
    await planBreaks(definition as TDocumentDefinitions & { content: Content[] }, rule);
  }
  const created = pdfmake.createPdf(definition, { bufferPages: true });
  const kit = await created.getStream(); // laid out and rendered, not yet ended
  const pages = (kit as unknown as KitDocument).bufferedPageRange().count;
  if (footer !== undefined) {
    const rule = design?.accent ?? RULE_GREY;
    drawFooters(kit as unknown as KitDocument, footer, fonts.furniture, rule);
  }
  addOutline(kit.outline as unknown as KitOutline, outline);
  patchMetadata(kit);
  if (files !== undefined) embedAttachments(kit, files.attachments, files.date);
  return { bytes: await created.getBuffer(), pages };
}

/**
 * Renders a document with its running footer. With `pdfa` the file is written as PDF/A-2b or
 * PDF/A-3b (level b: the appearance is preserved; there is no structure tree, so no level a/u
 * and no PDF/UA), with `attachments` (PDF/A-3b only) the files are embedded as associated
 * files dated meta.date. The output is byte-identical for equal input.
 */
export async function renderPdf(doc: Document, options: PdfOptions = {}): Promise<Buffer> {
  return (await renderPdfPart(doc, options)).bytes;
}

/**
 * renderPdf, with the page count and the bookmarks the packet reuses; `charts`: where the
 * charts' pictures are cached.
 */
export async function renderPdfPart(
  doc: Document,
  options: PdfOptions & {
    readonly footer?: boolean;
    readonly charts?: ChartCacheRef | undefined;
  } = {},
): Promise<RenderedPdf> {
  const subset = checkPdfOptions(options);
  // the charts' SVGs, from the cache where it has them (chartStore.ts)
  await prepareCharts(doc.blocks, chartStyle(doc.meta.design), options.charts);
  const { definition, outline } = buildPdfDefinition(
    await withOpaqueImages(await withOpaqueLogo(doc)),
  );
  const footer = options.footer === false ? undefined : doc.meta.footer;
  if (subset !== undefined) {
    definition.version = '1.7'; // pdfkit writes PDF/A only for PDF ≥ 1.4; pdfmake's default is 1.3
    definition.subset = subset;
  }
  const attachments = options.attachments ?? [];
  const files =
    attachments.length > 0 ? { attachments, date: parseIsoDate(doc.meta.date) } : undefined;
  const design = doc.meta.design;
  const { bytes, pages } = await renderCounted(definition, outline, { files, footer, design });
  return { bytes, pages, outline };
}
