/**
 * Test helpers that read PDFs back with pdf.js (legacy build, runs in Node without a worker).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfDocumentProxy = Awaited<ReturnType<typeof getDocument>['promise']>;

interface Positioned {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

async function withPdf<T>(buf: Uint8Array, use: (pdf: PdfDocumentProxy) => Promise<T>): Promise<T> {
  // pdf.js transfers (detaches) the buffer it gets, so hand it a copy
  const task = getDocument({ data: new Uint8Array(buf), verbosity: 0, isEvalSupported: false });
  const pdf = await task.promise;
  try {
    return await use(pdf);
  } finally {
    await task.destroy();
  }
}

/**
 * Groups text runs into lines by baseline (top to bottom), orders each line left to right and
 * joins runs directly unless there is a visible gap between them (then one space). Runs that
 * pdf.js marks with hasEOL end at a line break anyway, the baseline change puts it there.
 */
function pageText(items: readonly Positioned[]): string {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Positioned[][] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    const first = line?.[0];
    if (
      line !== undefined &&
      first !== undefined &&
      Math.abs(first.y - item.y) <= Math.max(1.5, 0.3 * item.height)
    ) {
      line.push(item);
    } else {
      lines.push([item]);
    }
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.x - b.x);
      let text = '';
      let end = Number.NEGATIVE_INFINITY;
      for (const item of line) {
        const gap = item.x - end;
        if (text !== '' && gap > 0.2 * item.height && !/\s$/.test(text) && !/^\s/.test(item.str))
          text += ' ';
        text += item.str;
        end = item.x + item.width;
      }
      return text.trimEnd();
    })
    .join('\n');
}

/** Text of each page (lines separated by "\n") and of the whole document (pages joined by "\n"). */
export async function extractPdfText(buf: Uint8Array): Promise<{ pages: string[]; text: string }> {
  return withPdf(buf, async (pdf) => {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items: Positioned[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const transform: unknown[] = item.transform;
        items.push({
          str: item.str,
          x: num(transform[4]),
          y: num(transform[5]),
          width: item.width,
          height: item.height,
        });
      }
      pages.push(pageText(items));
    }
    return { pages, text: pages.join('\n') };
  });
}

export interface PdfOutlineNode {
  readonly title: string;
  /** named destination, or null when the entry uses an explicit destination array */
  readonly dest: string | null;
  /** 1-based page the destination points at, null if it cannot be resolved */
  readonly page: number | null;
  readonly items: readonly PdfOutlineNode[];
}

export interface PdfLink {
  readonly url: string | null;
  /** named destination of an internal link */
  readonly dest: string | null;
  /** 1-based page an internal link jumps to, null if unresolvable */
  readonly destPage: number | null;
  /** [x1, y1, x2, y2] in PDF units */
  readonly rect: readonly number[];
}

export interface PdfInfo {
  /** the document information dictionary as pdf.js reports it (Title, Author, …, Language) */
  readonly info: Readonly<Record<string, unknown>>;
  readonly pageCount: number;
  /** [width, height] of each page in pt */
  readonly pageSizes: readonly (readonly [number, number])[];
  readonly outline: readonly PdfOutlineNode[];
  /** link annotations of each page, index 0 = page 1 */
  readonly links: readonly (readonly PdfLink[])[];
  /** the 1-based page of each named destination (null if unresolvable) */
  readonly destinations: ReadonlyMap<string, number | null>;
}

async function destinationPage(pdf: PdfDocumentProxy, dest: unknown): Promise<number | null> {
  const explicit: unknown = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
  if (!Array.isArray(explicit)) return null;
  const target: unknown = explicit[0];
  if (typeof target === 'number') return target + 1;
  if (typeof target === 'object' && target !== null && 'num' in target && 'gen' in target) {
    return (await pdf.getPageIndex({ num: num(target.num), gen: num(target.gen) })) + 1;
  }
  return null;
}

interface RawOutlineNode {
  readonly title: string;
  readonly dest: unknown;
  readonly items: readonly RawOutlineNode[];
}

async function convertOutline(
  pdf: PdfDocumentProxy,
  nodes: readonly RawOutlineNode[],
): Promise<PdfOutlineNode[]> {
  const out: PdfOutlineNode[] = [];
  for (const node of nodes) {
    out.push({
      title: node.title,
      dest: typeof node.dest === 'string' ? node.dest : null,
      page: await destinationPage(pdf, node.dest),
      items: await convertOutline(pdf, node.items),
    });
  }
  return out;
}

/** Document information, page count, bookmarks and link annotations. */
export async function pdfInfo(buf: Uint8Array): Promise<PdfInfo> {
  return withPdf(buf, async (pdf) => {
    const { info } = await pdf.getMetadata();
    const rawOutline = (await pdf.getOutline()) as RawOutlineNode[] | null; // null without bookmarks
    const links: PdfLink[][] = [];
    const pageSizes: [number, number][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = page.view;
      pageSizes.push([x2 - x1, y2 - y1]);
      const annotations: unknown[] = await page.getAnnotations();
      const pageLinks: PdfLink[] = [];
      for (const a of annotations as Record<string, unknown>[]) {
        if (a.subtype !== 'Link') continue;
        const dest = typeof a.dest === 'string' ? a.dest : null;
        pageLinks.push({
          url: typeof a.url === 'string' ? a.url : null,
          dest,
          destPage: a.dest === undefined ? null : await destinationPage(pdf, a.dest),
          rect: Array.isArray(a.rect) ? a.rect.map(num) : [],
        });
      }
      links.push(pageLinks);
    }
    const destinations = new Map<string, number | null>();
    const named = (await pdf.getDestinations()) as Record<string, unknown>;
    for (const [name, dest] of Object.entries(named))
      destinations.set(name, await destinationPage(pdf, dest));
    return {
      info: info as Record<string, unknown>,
      pageCount: pdf.numPages,
      pageSizes,
      outline: await convertOutline(pdf, rawOutline ?? []),
      links,
      destinations,
    };
  });
}
