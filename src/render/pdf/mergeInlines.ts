/**
 * Fewer text operations for the same page (pdfmake 0.3). pdfmake writes every word as a text
 * object of its own (Renderer.renderLine; its source says "TODO: lines without differently
 * styled inlines should be written to pdf as one stream"): per word a colour, a font, a size
 * and a BT … ET. Rendering a 240-page section took longer than laying it out.
 *
 * Before a line is rendered, neighbouring words in exactly the same style (same font object,
 * size, colour, opacity, no decoration, background, link, destination, page reference, font
 * features, character spacing, super- or subscript) that stand edge to edge are joined into
 * one piece. pdfkit lays a string out word by word at the spaces (EmbeddedFont.layout), so the
 * glyphs land where they did; only the number of text objects changes. Not joined: anything
 * with a link or decoration, whose annotations and rules pdfmake draws per piece.
 */
import { requirePdfmake } from './pdfmakeInternals.js';

interface Inline {
  text: string;
  x: number;
  width: number;
  font: unknown;
  fontSize: number;
  color?: unknown;
  opacity?: unknown;
  characterSpacing?: unknown;
  decoration?: unknown;
  background?: unknown;
  link?: unknown;
  linkToPage?: unknown;
  linkToDestination?: unknown;
  fontFeatures?: unknown;
  sup?: unknown;
  sub?: unknown;
  trailingCut?: number;
  _pageNodeRef?: unknown;
  _pageRef?: { _nodeRef?: unknown };
}

interface Line {
  inlines: Inline[];
}

const plain = (i: Inline): boolean =>
  !i.decoration &&
  !i.background &&
  !i.link &&
  !i.linkToPage &&
  !i.linkToDestination &&
  !i._pageNodeRef &&
  !i.fontFeatures &&
  !i.sup &&
  !i.sub &&
  !i.characterSpacing;

const sameStyle = (a: Inline, b: Inline): boolean =>
  a.font === b.font &&
  a.fontSize === b.fontSize &&
  a.color === b.color &&
  a.opacity === b.opacity &&
  Math.abs(a.x + a.width - b.x) < 1e-6;

/**
 * pdfmake points a page reference at its heading (`_pageNodeRef`, which the renderer replaces the
 * placeholder "00000" by the page number for) only on the first line of a text, so a page number
 * after a `break` or on a wrapped line printed "00000". Done for every line before rendering it.
 */
export function resolvePageReferences(line: Line): void {
  for (const inline of line.inlines) {
    if (inline._pageRef !== undefined && inline._pageNodeRef === undefined)
      inline._pageNodeRef = inline._pageRef._nodeRef;
  }
}

/** Joins the pieces of one line in place. */
export function mergeLineInlines(line: Line): void {
  const merged: Inline[] = [];
  for (const inline of line.inlines) {
    const last = merged.at(-1);
    if (last !== undefined && plain(last) && plain(inline) && sameStyle(last, inline)) {
      merged[merged.length - 1] = {
        ...last,
        text: last.text + inline.text,
        width: inline.x + inline.width - last.x,
        trailingCut: inline.trailingCut ?? 0,
      };
    } else {
      merged.push(inline);
    }
  }
  line.inlines = merged;
}

let installed = false;

export function installInlineMerging(): void {
  if (installed) return;
  installed = true;
  const { default: Renderer } = requirePdfmake('./Renderer.js') as {
    default: { prototype: { renderLine(line: Line, x: number, y: number): unknown } };
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call
  const renderLine = Renderer.prototype.renderLine;
  Renderer.prototype.renderLine = function (this: unknown, line: Line, x: number, y: number) {
    resolvePageReferences(line);
    mergeLineInlines(line);
    return renderLine.call(this, line, x, y);
  };
}
