/**
 * Measure each text once per document (pdfmake 0.3). When the keep-together callback adds a
 * page break, pdfmake lays the document out again and measures every text again (glyph widths
 * of every word, with about twenty style lookups each): the larger part of each pass. The
 * words, their styles and widths do not change between the passes of one document, so the
 * measured pieces of a text node are kept on the node and handed out as fresh copies in later
 * passes (layout consumes and moves them). Texts whose content pdfmake replaces (page
 * references, tables of contents) are measured every time, as before. Byte-identical output.
 */
import { requirePdfmake } from './pdfmakeInternals.js';

interface LeafNode {
  text: unknown;
  _textRef?: unknown;
  _inlines?: Record<string, unknown>[];
  _minWidth?: number;
  _maxWidth?: number;
  rmMeasured?: { inlines: Record<string, unknown>[]; minWidth?: number; maxWidth?: number };
}

let installed = false;

export function installMeasureOnce(): void {
  if (installed) return;
  installed = true;
  const { default: DocMeasure } = requirePdfmake('./DocMeasure.js') as {
    default: { prototype: { measureLeaf(node: LeafNode): LeafNode } };
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call
  const measureLeaf = DocMeasure.prototype.measureLeaf;
  DocMeasure.prototype.measureLeaf = function (this: unknown, node: LeafNode) {
    const memo = node.rmMeasured;
    if (memo !== undefined && node._textRef === undefined) {
      node._inlines = memo.inlines.map((inline) => ({ ...inline }));
      if (memo.minWidth !== undefined) node._minWidth = memo.minWidth;
      if (memo.maxWidth !== undefined) node._maxWidth = memo.maxWidth;
      return node;
    }
    const result = measureLeaf.call(this, node);
    if (node._textRef === undefined && Array.isArray(node._inlines)) {
      const measured: NonNullable<LeafNode['rmMeasured']> = {
        inlines: node._inlines.map((inline) => ({ ...inline })),
      };
      if (node._minWidth !== undefined) measured.minWidth = node._minWidth;
      if (node._maxWidth !== undefined) measured.maxWidth = node._maxWidth;
      Object.defineProperty(node, 'rmMeasured', {
        value: measured,
        enumerable: false,
        configurable: true,
      });
    }
    return result;
  };
}
