/**
 * Lay each word out once per thread, not once per PDF.
 *
 * pdfkit (under pdfmake) opens a font for every document and measures the glyph run of every
 * word again (OpenType shaping with GSUB/GPOS) in a cache that lives on the document's font
 * object. For a meeting of 100 Vorlagen that was most of the layout time. pdfkit has no option
 * for a shared cache, so its font class is adapted here, on its prototype, once:
 *
 * - per face (its PostScript name and the digest of its bytes: a body's own font may carry the
 *   name of another font, even Roboto's) one extra parse of the font is used for layout by
 *   every document's font object; the word cache (`layoutCached`) belongs to it;
 * - each document's font object keeps its own parsed font for its subset and embedding. (The
 *   layout font must never embed: fontkit caches glyph objects with the characters they were
 *   first made for, and subsetting makes glyphs, the components of composite glyphs, without
 *   characters, which later documents would take over and lose from their text layer.)
 *
 * A word's width (the sum of its runs, without font features) is kept per face as well: each
 * word is asked for several times when it is measured, and again in every document.
 *
 * Glyph runs are read-only once cached (pdfkit copies them when it concatenates). The output
 * must not depend on what a thread rendered before: test/reproducible.test.ts renders a
 * Vorlage in a fresh process and after others and compares the bytes.
 */
import { createHash } from 'node:crypto';
import { requirePdfmake } from './pdfmakeInternals.js';
import { encodeTrueTypeSubset, type TrueTypeSubset } from './fastSubset.js';
import { plainLayout } from './plainShaping.js';

/** The parts of pdfkit's EmbeddedFont used here (pdfkit 0.19 internals, not in its typings). */
interface KitFont {
  font: FontkitFont;
  /** fontkit's subset of the glyphs this document uses */
  subset: { encode(): Uint8Array };
  layoutRun(text: string, features?: unknown): unknown;
  layoutCached(text: string): unknown;
  layout(text: string, features: unknown, onlyWidth: boolean): { advanceWidth: number };
  widthOfString(text: string, size: number, features?: unknown): number;
  /** set here: the shared parsed font this font object lays out with */
  rmShared?: FontkitFont;
}

interface FontkitFont {
  readonly postscriptName: string;
  layout(text: string, features?: unknown): { readonly advanceWidth: number };
  readonly stream: { readonly buffer: Uint8Array };
  /** fontkit's table decoder (fontkit 2 internals) */
  _decodeTable(table: { readonly tag: string }): unknown;
}

/**
 * The tables of plain data whose decoding a font's parses share (fontkit reads them, never
 * changes them; a subset clones head, hhea and maxp before it changes them). Not the CFF
 * table (an object with state of its own) nor any other.
 */
const SHARED_TABLES: ReadonlySet<string> = new Set([
  'head',
  'hhea',
  'maxp',
  'hmtx',
  'loca',
  'cmap',
  'OS/2',
  'post',
  'name',
  'cvt ',
  'prep',
  'fpgm',
  'gasp',
  'kern',
  'GDEF',
  'GSUB',
  'GPOS',
]);

let installed = false;

/** A face's map in a store of maps per face (made when first asked for). */
function ofFace<V>(store: WeakMap<FontkitFont, Map<string, V>>, face: FontkitFont): Map<string, V> {
  let map = store.get(face);
  if (map === undefined) {
    map = new Map();
    store.set(face, map);
  }
  return map;
}

/** Installs the sharing on pdfkit's font class (idempotent). */
export function shareParsedFonts(sampleFontFile: string): void {
  if (installed) return;
  installed = true;
  const PDFDocument = requirePdfmake('pdfkit') as new (options: object) => {
    font(src: string): { _font: KitFont };
  };
  const fontkit = requirePdfmake('fontkit') as { create(buffer: Uint8Array): FontkitFont };
  const probe = new PDFDocument({ autoFirstPage: false }).font(sampleFontFile);
  const proto = Object.getPrototypeOf(probe._font) as KitFont;

  const faces = new Map<string, FontkitFont>();
  /** the face of a font file's bytes (own fonts come as the same bytes every time) */
  const digests = new WeakMap<Uint8Array, string>();
  const bytesDigest = (bytes: Uint8Array): string => {
    let digest = digests.get(bytes);
    if (digest === undefined) {
      digest = createHash('sha256').update(bytes).digest('hex');
      digests.set(bytes, digest);
    }
    return digest;
  };
  const faceOf = (font: FontkitFont): string =>
    `${font.postscriptName}:${bytesDigest(font.stream.buffer)}`;
  const runs = new WeakMap<FontkitFont, Map<string, unknown>>();
  /** the parsed font whose layouts this font object shares */
  const sharedOf = (kitFont: KitFont): FontkitFont => {
    if (kitFont.rmShared !== undefined) return kitFont.rmShared;
    const face = faceOf(kitFont.font);
    let shared = faces.get(face);
    if (shared === undefined) {
      // a parse of its own, used for layout only: fontkit caches glyph objects with the
      // characters they were first made for, and embedding a subset makes glyphs (components
      // of composite glyphs) without characters; a font that embeds would hand those to later
      // documents and lose characters from their text layer (ToUnicode)
      shared = fontkit.create(kitFont.font.stream.buffer);
      faces.set(face, shared);
    }
    kitFont.rmShared = shared;
    return shared;
  };

  // every document opens its fonts again (pdfkit: fontkit.create of the file's bytes), and
  // its subset decoded the font's tables again: hmtx, loca, cmap of thousands of entries each
  // (0.5 s of a render thread at 100 Vorlagen). The decoded tables of the same bytes are the
  // same data, so each face's are decoded once per thread; the glyph objects stay each parse's
  // own (they are what must not be shared, see above)
  const fontProto = Object.getPrototypeOf(probe._font.font) as FontkitFont;
  const tables = new Map<string, unknown>();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call
  const decodeTable = fontProto._decodeTable;
  fontProto._decodeTable = function (this: FontkitFont, table) {
    if (!SHARED_TABLES.has(table.tag)) return decodeTable.call(this, table);
    const key = `${bytesDigest(this.stream.buffer)}:${table.tag}`;
    if (tables.has(key)) return tables.get(key);
    const decoded = decodeTable.call(this, table);
    tables.set(key, decoded);
    return decoded;
  };

  /* eslint-disable @typescript-eslint/unbound-method -- the originals are called with .call */
  const { layoutRun, widthOfString } = proto;
  /* eslint-enable @typescript-eslint/unbound-method */
  // the layout (glyphs and positions of a word) comes from the shared font; the font object
  // keeps its own parsed font for its subset and embedding
  // each document's subset of a TrueType face written directly (fastSubset.ts); others,
  // and what it does not mirror, by fontkit
  const subsetProto = Object.getPrototypeOf(probe._font.subset) as KitFont['subset'];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call
  const encodeSubset = subsetProto.encode;
  subsetProto.encode = function (this: KitFont['subset']) {
    return encodeTrueTypeSubset(this as unknown as TrueTypeSubset) ?? encodeSubset.call(this);
  };

  // a plain word (most words) without fontkit's shaping engine, the rest through it
  // (plainShaping.ts); pdfkit's layoutRun calls only the font's layout
  proto.layoutRun = function (this: KitFont, text, features) {
    const own = this.font;
    this.font = plainLayout(sharedOf(this)) as FontkitFont;
    try {
      return layoutRun.call(this, text, features);
    } finally {
      this.font = own;
    }
  };
  proto.layoutCached = function (this: KitFont, text) {
    const cache = ofFace(runs, sharedOf(this));
    let run = cache.get(text);
    if (run === undefined) {
      run = this.layoutRun(text);
      cache.set(text, run);
    }
    return run;
  };
  // a word's width (in units of 1000 per em, the sum of its runs) is asked for again and
  // again: each word of a text at measuring, and the same words in every document
  const widths = new WeakMap<FontkitFont, Map<string, number>>();
  proto.widthOfString = function (this: KitFont, text, size, features) {
    if (features) return widthOfString.call(this, text, size, features);
    const known = ofFace(widths, sharedOf(this));
    let width = known.get(text);
    if (width === undefined) {
      width = this.layout(text, features, true).advanceWidth;
      known.set(text, width);
    }
    // as pdfkit computes it
    const scale = size / 1000;
    return width * scale;
  };
}
