/**
 * Text lines with their positions, read back with pdf.js, for tests of the page layout.
 *
 * Each text run pdf.js reports carries its transform [a, b, c, d, e, f] (a: font size for the
 * unrotated text written here, e: left edge, f: baseline, measured from the bottom) and the
 * id of its font. The font's real name (Roboto-Medium is the bold face) is only known after
 * pdf.js has loaded the font for painting, so a page's operator list is built when one of its
 * runs uses a font not seen before in the document (the fonts are document-wide objects).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One text run (pdf.js text item) with its position; `top` is measured from the top. */
export interface PdfRun {
  readonly str: string;
  readonly x: number;
  readonly top: number;
  readonly width: number;
  readonly size: number;
  /** the font's name without its subset tag, e.g. "Roboto-Medium" */
  readonly font: string;
}

/** Runs on one baseline, left to right. */
export interface PdfLine {
  readonly text: string;
  /** baseline, in pt from the top of the page */
  readonly top: number;
  /** left edge of the first run that is not white space */
  readonly x: number;
  /** the largest font size on the line */
  readonly size: number;
  /** every run that is not white space is in a bold face (Roboto-Medium, -MediumItalic) */
  readonly bold: boolean;
  /** widest horizontal gap between two runs that are not white space (table columns) */
  readonly widestGap: number;
  readonly runs: readonly PdfRun[];
}

export interface PdfPageLines {
  readonly width: number;
  readonly height: number;
  readonly lines: readonly PdfLine[];
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const isBlank = (run: PdfRun): boolean => run.str.trim() === '';
const boldFace = (font: string): boolean => /-(Medium|Bold)/.test(font);

function toLine(runs: PdfRun[]): PdfLine {
  runs.sort((a, b) => a.x - b.x);
  const solid = runs.filter((r) => !isBlank(r));
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  let widestGap = 0;
  for (const run of solid) {
    const gap = run.x - end;
    if (text !== '') widestGap = Math.max(widestGap, gap);
    if (text !== '' && gap > 0.2 * run.size && !/\s$/.test(text) && !/^\s/.test(run.str))
      text += ' ';
    text += run.str;
    end = run.x + run.width;
  }
  const first = solid[0] ?? runs[0];
  return {
    text: text.trim(),
    top: first?.top ?? 0,
    x: first?.x ?? 0,
    size: Math.max(0, ...solid.map((r) => r.size)),
    bold: solid.length > 0 && solid.every((r) => boldFace(r.font)),
    widestGap,
    runs,
  };
}

/** Groups runs into lines by baseline (within a fraction of the font size), top to bottom. */
function groupLines(runs: readonly PdfRun[]): PdfLine[] {
  const sorted = [...runs].sort((a, b) => a.top - b.top || a.x - b.x);
  const groups: PdfRun[][] = [];
  for (const run of sorted) {
    const group = groups.at(-1);
    const first = group?.[0];
    if (
      group !== undefined &&
      first !== undefined &&
      Math.abs(first.top - run.top) <= 0.2 * run.size
    )
      group.push(run);
    else groups.push([run]);
  }
  return groups.map(toLine).filter((line) => line.text !== '');
}

/** The lines of every page of a PDF. */
export async function extractPdfLines(buf: Uint8Array): Promise<PdfPageLines[]> {
  // pdf.js transfers (detaches) the buffer it gets, so hand it a copy
  const task = getDocument({ data: new Uint8Array(buf), verbosity: 0, isEvalSupported: false });
  const pdf = await task.promise;
  const fontNames = new Map<string, string>();
  try {
    const pages: PdfPageLines[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = page.view;
      const height = y2 - y1;
      const content = await page.getTextContent();
      const items = content.items.flatMap((item) =>
        'str' in item && item.str !== '' ? [item] : [],
      );
      if (items.some((item) => !fontNames.has(item.fontName))) {
        await page.getOperatorList(); // loads the page's fonts into the document's objects
        for (const { fontName } of items) {
          if (fontNames.has(fontName) || !page.commonObjs.has(fontName)) continue;
          const font: unknown = page.commonObjs.get(fontName);
          const name =
            typeof font === 'object' && font !== null && 'name' in font ? String(font.name) : '';
          fontNames.set(fontName, name.replace(/^[A-Z]{6}\+/, ''));
        }
      }
      const runs = items.map((item): PdfRun => {
        const transform: unknown[] = item.transform;
        return {
          str: item.str,
          x: num(transform[4]),
          top: height - num(transform[5]),
          width: item.width,
          size: Math.hypot(num(transform[0]), num(transform[1])),
          font: fontNames.get(item.fontName) ?? '',
        };
      });
      pages.push({ width: x2 - x1, height, lines: groupLines(runs) });
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}
