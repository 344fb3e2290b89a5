/**
 * Whether a piece of text still fits on a line, with a tolerance for rounding (pdfmake 0.3).
 * An `auto` table column is exactly as wide as its widest text measured as a whole; laid out,
 * the text is added piece by piece (at each place it may break) and the sum of the pieces'
 * widths can exceed the column's width by a rounding error (39.509765625 > 39.50976562499999),
 * so the last piece went to a line of its own although the text fits: `.aaas?<‚` in a data
 * table's cell was set as `.aaas?<` and `‚` below it. A millionth of a point decides no real
 * line break.
 */
import { requirePdfmake } from './pdfmakeInternals.js';

const TOLERANCE = 1e-6;

interface Line {
  maxWidth: number;
}

let installed = false;

export function installLineFitTolerance(): void {
  if (installed) return;
  installed = true;
  const { default: LineClass } = requirePdfmake('./Line.js') as {
    default: { prototype: { hasEnoughSpaceForInline(...args: unknown[]): boolean } };
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call
  const hasEnoughSpace = LineClass.prototype.hasEnoughSpaceForInline;
  LineClass.prototype.hasEnoughSpaceForInline = function (this: Line, ...args: unknown[]) {
    const { maxWidth } = this;
    this.maxWidth = maxWidth + TOLERANCE;
    try {
      return hasEnoughSpace.apply(this, args);
    } finally {
      this.maxWidth = maxWidth;
    }
  };
}
