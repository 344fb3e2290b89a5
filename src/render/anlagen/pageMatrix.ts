/**
 * Where a page's furniture goes when the page is not A4 portrait at the origin: an Anlage page
 * has its own box (CropBox, else MediaBox, anywhere in user space) and may be turned (/Rotate).
 * Furniture is drawn for the page as it is seen (width × height after turning) and painted
 * through `visualToUser`; the body is shrunk inside the seen page by `shrinkTowardsFoot`.
 */
import type { PDFContext, PDFPage, PDFRef } from 'pdf-lib';

/** A PDF matrix [a b c d e f]: (x, y) → (a·x + c·y + e, b·x + d·y + f). */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** first `m`, then `n` */
export function multiply(m: Matrix, n: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const [A, B, C, D, E, F] = n;
  return [
    a * A + b * C,
    a * B + b * D,
    c * A + d * C,
    c * B + d * D,
    e * A + f * C + E,
    e * B + f * D + F,
  ];
}

export function invert([a, b, c, d, e, f]: Matrix): Matrix {
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export const apply = ([a, b, c, d, e, f]: Matrix, x: number, y: number): [number, number] => [
  a * x + c * y + e,
  b * x + d * y + f,
];

/** The page as it is seen: its size after /Rotate, and the matrix from that view to user space. */
export function pageView(page: PDFPage): { width: number; height: number; toUser: Matrix } {
  const { x, y, width: w, height: h } = page.getCropBox();
  const turn = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  switch (turn) {
    case 90:
      return { width: h, height: w, toUser: [0, 1, -1, 0, x + w, y] };
    case 180:
      return { width: w, height: h, toUser: [-1, 0, 0, -1, x + w, y + h] };
    case 270:
      return { width: h, height: w, toUser: [0, -1, 1, 0, x, y + h] };
    default:
      return { width: w, height: h, toUser: [1, 0, 0, 1, x, y] };
  }
}

/**
 * The matrix (in user space) that shrinks a page's content towards the foot of the page as it is
 * seen, centred, so that a band of `band` points at its top is free.
 */
export function shrinkTowardsFoot(page: PDFPage, band: number): Matrix {
  const view = pageView(page);
  const s = (view.height - band) / view.height;
  const inView: Matrix = [s, 0, 0, s, ((1 - s) * view.width) / 2, 0];
  return multiply(multiply(invert(view.toUser), inView), view.toUser);
}

/** A number as a content stream writes it (at most four decimals, no exponent). */
export const num = (n: number): string => {
  const r = Math.round(n * 10000) / 10000;
  return Object.is(r, -0) ? '0' : String(r);
};

/**
 * A content stream per text, written once: the wrapping streams of pages of one size are the
 * same, and a 200-page Anlage then has a few of them, not hundreds of objects to copy, parse
 * and write in every assembly.
 */
export function sharedStreams(context: PDFContext): (text: string) => PDFRef {
  const written = new Map<string, PDFRef>();
  return (text) => {
    let ref = written.get(text);
    if (ref === undefined) {
      ref = context.register(context.stream(text));
      written.set(text, ref);
    }
    return ref;
  };
}
