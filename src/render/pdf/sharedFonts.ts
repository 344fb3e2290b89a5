/**
 * Parse each font once per process, not once per PDF.
 *
 * pdfkit (under pdfmake) opens a font for every document: `fontkit.create` parses the file
 * again, and the glyph runs of every word are measured again (OpenType shaping with GSUB/GPOS)
 * in a cache that lives on the document's font object. For a meeting of 100 Vorlagen that is
 * most of the layout time. pdfkit has no option to hand it a parsed font, so its font class is
 * adapted here, on its prototype, once:
 *
 * - the first font object of a face (PostScript name + head.checkSumAdjustment) keeps its
 *   parsed fontkit font; later font objects of the same face use that one (with a subset of
 *   their own, so every PDF embeds only its own glyphs);
 * - the word cache (`layoutCached`) is kept per parsed font instead of per document.
 *
 * Glyph runs are read-only once cached (pdfkit copies them when it concatenates), so sharing
 * them does not change a single byte of the output; the renderer's reproducibility test renders
 * the same document in a fresh and a warm state and compares the bytes.
 */
import { createRequire } from 'node:module';

/** The parts of pdfkit's EmbeddedFont used here (pdfkit 0.19 internals, not in its typings). */
interface KitFont {
  font: FontkitFont;
  subset: unknown;
  layoutRun(text: string, features?: unknown): unknown;
  layoutCached(text: string): unknown;
  encode(text: string, features?: unknown): unknown;
  embed(): unknown;
  /** set here: this font object already uses the shared parsed font */
  rmShared?: true;
}

interface FontkitFont {
  readonly postscriptName: string;
  readonly head: { readonly checkSumAdjustment: number };
  createSubset(): unknown;
}

let installed = false;

/** Installs the sharing on pdfkit's font class (idempotent). */
export function shareParsedFonts(sampleFontFile: string): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const kitRequire = createRequire(require.resolve('pdfmake'));
  const PDFDocument = kitRequire('pdfkit') as new (options: object) => {
    font(src: string): { _font: KitFont };
  };
  const probe = new PDFDocument({ autoFirstPage: false }).font(sampleFontFile);
  const proto = Object.getPrototypeOf(probe._font) as KitFont;

  const faces = new Map<string, FontkitFont>();
  const runs = new WeakMap<FontkitFont, Map<string, unknown>>();
  const adopt = (kitFont: KitFont): void => {
    if (kitFont.rmShared) return;
    kitFont.rmShared = true;
    const face = `${kitFont.font.postscriptName}:${String(kitFont.font.head.checkSumAdjustment)}`;
    const shared = faces.get(face);
    if (shared === undefined) {
      faces.set(face, kitFont.font);
    } else if (shared !== kitFont.font) {
      kitFont.font = shared;
      kitFont.subset = shared.createSubset();
    }
  };

  /* eslint-disable @typescript-eslint/unbound-method -- the originals are called with .call */
  const { layoutRun, encode, embed } = proto;
  /* eslint-enable @typescript-eslint/unbound-method */
  proto.layoutRun = function (this: KitFont, text, features) {
    adopt(this);
    return layoutRun.call(this, text, features);
  };
  proto.encode = function (this: KitFont, text, features) {
    adopt(this);
    return encode.call(this, text, features);
  };
  proto.embed = function (this: KitFont) {
    adopt(this);
    return embed.call(this);
  };
  proto.layoutCached = function (this: KitFont, text) {
    adopt(this);
    let cache = runs.get(this.font);
    if (cache === undefined) {
      cache = new Map();
      runs.set(this.font, cache);
    }
    let run = cache.get(text);
    if (run === undefined) {
      run = this.layoutRun(text);
      cache.set(text, run);
    }
    return run;
  };
}
