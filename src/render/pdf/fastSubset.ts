/**
 * The TrueType subset pdfkit embeds for each font of each PDF, written directly: the bytes
 * fontkit's TTFSubset.encode writes (the tables head, hhea, loca, maxp, cvt, prep, glyf, hmtx,
 * fpgm, in that order, behind a directory tagged `true`, checksums 0), without its generic
 * encoder and without decoding every glyph's outline.
 *
 * Why: fontkit decodes each included glyph in full (points, flags) only to learn whether it is
 * a composite, and encodes the tables through restructure, field by field. Measured at 30
 * Vorlagen: 1.2 s of the render threads' 30 s CPU, about 10 ms per face of every PDF. Here a
 * glyph's bytes are copied from the font's glyf table, a composite's component ids read from
 * its records (and renumbered, as fontkit does), the metrics taken from hmtx, and the few
 * header fields written from fontkit's decoded tables.
 *
 * Only what it mirrors exactly: glyf fonts without variations (no fvar, gvar, HVAR) whose
 * decoded tables have every field written here; anything else goes to fontkit's encode.
 * test/fast-subset.test.ts compares the bytes with fontkit's for many glyph sets of every
 * face the tool ships and the fixtures' fonts.
 */

/** The parts of fontkit's TTFSubset and TTFFont read here (fontkit 2 internals). */
interface SubsetFont {
  readonly stream: { readonly buffer: Uint8Array };
  readonly directory: {
    readonly tables: Readonly<Record<string, { readonly offset: number } | undefined>>;
  };
  readonly loca: { readonly version: number; readonly offsets: readonly number[] };
  readonly head: Record<string, unknown>;
  readonly hhea: Record<string, unknown>;
  readonly maxp: Record<string, unknown>;
  readonly hmtx: {
    readonly metrics: {
      readonly length: number;
      get(i: number): { readonly advance: number; readonly bearing: number } | undefined;
    };
    readonly bearings: { get(i: number): number | undefined };
  };
  readonly 'cvt ': { readonly controlValues: readonly number[] } | null | undefined;
  readonly prep: { readonly controlValueProgram: readonly number[] } | null | undefined;
  readonly fpgm: { readonly instructions: readonly number[] } | null | undefined;
}
export interface TrueTypeSubset {
  readonly font: SubsetFont;
  readonly glyphs: number[];
  includeGlyph(glyph: number): number;
}

const HEAD_FIELDS = [
  ['version', 'i32'],
  ['revision', 'i32'],
  ['checkSumAdjustment', 'u32'],
  ['magicNumber', 'u32'],
  ['flags', 'u16'],
  ['unitsPerEm', 'u16'],
] as const;
const HEAD_TAIL = [
  ['xMin', 'i16'],
  ['yMin', 'i16'],
  ['xMax', 'i16'],
  ['yMax', 'i16'],
] as const;
const MAC_STYLE = ['bold', 'italic', 'underline', 'outline', 'shadow', 'condensed', 'extended'];
const HHEA_FIELDS = [
  ['version', 'i32'],
  ['ascent', 'i16'],
  ['descent', 'i16'],
  ['lineGap', 'i16'],
  ['advanceWidthMax', 'u16'],
  ['minLeftSideBearing', 'i16'],
  ['minRightSideBearing', 'i16'],
  ['xMaxExtent', 'i16'],
  ['caretSlopeRise', 'i16'],
  ['caretSlopeRun', 'i16'],
  ['caretOffset', 'i16'],
] as const;
const MAXP_FIELDS = [
  'maxPoints',
  'maxContours',
  'maxComponentPoints',
  'maxComponentContours',
  'maxZones',
  'maxTwilightPoints',
  'maxStorage',
  'maxFunctionDefs',
  'maxInstructionDefs',
  'maxStackElements',
  'maxSizeOfInstructions',
  'maxComponentElements',
  'maxComponentDepth',
] as const;

type Kind = 'i16' | 'u16' | 'i32' | 'u32';

/** A big-endian writer into a growing list of chunks. */
class Out {
  private readonly view: DataView;
  private at = 0;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  put(kind: Kind, value: number): void {
    if (kind === 'i16') this.view.setInt16(this.at, value);
    else if (kind === 'u16') this.view.setUint16(this.at, value);
    else if (kind === 'i32') this.view.setInt32(this.at, value);
    else this.view.setUint32(this.at, value);
    this.at += kind === 'i16' || kind === 'u16' ? 2 : 4;
  }
  copy(bytes: Uint8Array): void {
    this.bytes.set(bytes, this.at);
    this.at += bytes.length;
  }
  get offset(): number {
    return this.at;
  }
}

/** Fields in order, each of its kind, from values read before (all numbers, checked). */
function putFields(
  out: Out,
  fields: readonly (readonly [string, Kind])[],
  values: readonly (number | undefined)[],
): void {
  fields.forEach(([, kind], i) => {
    out.put(kind, values[i] ?? 0);
  });
}

/** A decoded table's number field, or undefined where it is not one (not mirrored then). */
const numberOf = (table: Record<string, unknown>, field: string): number | undefined => {
  const value = table[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

/** The glyph's bytes in the font's glyf table (fontkit's loca offsets are bytes). */
function glyphBytes(font: SubsetFont, glyf: number, gid: number): Uint8Array | undefined {
  const start = font.loca.offsets[gid];
  const end = font.loca.offsets[gid + 1];
  if (start === undefined || end === undefined || end < start) return undefined;
  return font.stream.buffer.subarray(glyf + start, glyf + end);
}

/**
 * A composite glyph's bytes with its components renumbered into the subset (each included
 * as fontkit's _addGlyph includes them, in their order); undefined: records not understood.
 */
function renumbered(subset: TrueTypeSubset, bytes: Uint8Array): Uint8Array | undefined {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  let at = 10;
  let flags = 0x20;
  while (flags & 0x20) {
    if (at + 4 > copy.length) return undefined;
    flags = view.getUint16(at);
    const component = view.getUint16(at + 2);
    view.setUint16(at + 2, subset.includeGlyph(component));
    // arguments: words or bytes; then a scale, an x and y scale or a 2×2 matrix
    at += 4 + (flags & 0x01 ? 4 : 2) + (flags & 0x08 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
  }
  return copy;
}

/** The subset's font file as fontkit writes it, or undefined: leave it to fontkit. */
export function encodeTrueTypeSubset(subset: TrueTypeSubset): Uint8Array | undefined {
  const { font } = subset;
  const tables = font.directory.tables;
  const glyfTable = tables.glyf;
  if (glyfTable === undefined || tables['CFF '] || tables.fvar || tables.gvar || tables.HVAR)
    return undefined;
  const glyf = glyfTable.offset;
  const glyphs: Uint8Array[] = [];
  const metrics: [number, number][] = [];
  const { hmtx } = font;
  const longMetrics = hmtx.metrics.length;
  const last = hmtx.metrics.get(longMetrics - 1);
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- the list grows as composites include their components
  for (let i = 0; i < subset.glyphs.length; i++) {
    const gid = subset.glyphs[i] ?? 0;
    let bytes = glyphBytes(font, glyf, gid);
    if (bytes === undefined) return undefined;
    if (bytes.length >= 2 && new DataView(bytes.buffer, bytes.byteOffset).getInt16(0) < 0) {
      bytes = renumbered(subset, bytes);
      if (bytes === undefined) return undefined;
    }
    glyphs.push(bytes);
    // fontkit's metrics of a glyph (TTFGlyph._getTableMetrics of hmtx)
    const metric =
      gid < longMetrics
        ? hmtx.metrics.get(gid)
        : { advance: last?.advance ?? 0, bearing: hmtx.bearings.get(gid - longMetrics) ?? 0 };
    if (metric === undefined) return undefined;
    metrics.push([metric.advance, metric.bearing]);
  }
  const locaLong = font.loca.version !== 0;
  let glyfSize = 0;
  for (const bytes of glyphs) glyfSize += bytes.length;
  if (!locaLong && (glyfSize > 0x1fffe || glyfSize % 2 !== 0)) return undefined;

  const { head, hhea, maxp } = font;
  const headValues = HEAD_FIELDS.map(([f]) => numberOf(head, f));
  const headTail = HEAD_TAIL.map(([f]) => numberOf(head, f));
  const dates = [head.created, head.modified];
  const headRest = ['lowestRecPPEM', 'fontDirectionHint', 'glyphDataFormat'].map((f) =>
    numberOf(head, f),
  );
  const hheaValues = HHEA_FIELDS.map(([f]) => numberOf(hhea, f));
  const maxpValues = [numberOf(maxp, 'version'), ...MAXP_FIELDS.map((f) => numberOf(maxp, f))];
  const macStyle = head.macStyle;
  if (
    [...headValues, ...headTail, ...headRest, ...hheaValues, ...maxpValues].includes(undefined) ||
    !dates.every((d) => Array.isArray(d) && d.length === 2) ||
    typeof macStyle !== 'object' ||
    macStyle === null ||
    numberOf(hhea, 'metricDataFormat') === undefined
  )
    return undefined;

  const cvt = font['cvt '];
  const prep = font.prep;
  const fpgm = font.fpgm;
  // the tables in fontkit's order, those the font has
  const entries: [string, number, (out: Out) => void][] = [];
  entries.push([
    'head',
    54,
    (out) => {
      putFields(out, HEAD_FIELDS, headValues);
      for (const date of dates as number[][]) for (const part of date) out.put('i32', part);
      putFields(out, HEAD_TAIL, headTail);
      const style = macStyle as Record<string, unknown>;
      out.put(
        'u16',
        MAC_STYLE.reduce((bits, name, i) => (style[name] ? bits | (1 << i) : bits), 0),
      );
      out.put('u16', headRest[0] ?? 0);
      out.put('i16', headRest[1] ?? 0);
      out.put('i16', locaLong ? 1 : 0);
      out.put('i16', headRest[2] ?? 0);
    },
  ]);
  entries.push([
    'hhea',
    36,
    (out) => {
      putFields(out, HHEA_FIELDS, hheaValues);
      for (let i = 0; i < 4; i++) out.put('i16', 0);
      out.put('i16', numberOf(hhea, 'metricDataFormat') ?? 0);
      out.put('u16', metrics.length);
    },
  ]);
  entries.push([
    'loca',
    (glyphs.length + 1) * (locaLong ? 4 : 2),
    (out) => {
      let offset = 0;
      const put = (value: number): void => {
        if (locaLong) out.put('u32', value);
        else out.put('u16', value >>> 1);
      };
      for (const bytes of glyphs) {
        put(offset);
        offset += bytes.length;
      }
      put(offset);
    },
  ]);
  entries.push([
    'maxp',
    32,
    (out) => {
      out.put('i32', maxpValues[0] ?? 0);
      out.put('u16', glyphs.length);
      for (const value of maxpValues.slice(1)) out.put('u16', value ?? 0);
    },
  ]);
  if (cvt)
    entries.push([
      'cvt ',
      cvt.controlValues.length * 2,
      (out) => {
        for (const value of cvt.controlValues) out.put('i16', value);
      },
    ]);
  if (prep)
    entries.push([
      'prep',
      prep.controlValueProgram.length,
      (out) => {
        out.copy(Uint8Array.from(prep.controlValueProgram));
      },
    ]);
  entries.push([
    'glyf',
    glyfSize,
    (out) => {
      for (const bytes of glyphs) out.copy(bytes);
    },
  ]);
  entries.push([
    'hmtx',
    metrics.length * 4,
    (out) => {
      for (const [advance, bearing] of metrics) {
        out.put('u16', advance);
        out.put('i16', bearing);
      }
    },
  ]);
  if (fpgm)
    entries.push([
      'fpgm',
      fpgm.instructions.length,
      (out) => {
        out.copy(Uint8Array.from(fpgm.instructions));
      },
    ]);

  const count = entries.length;
  const power = 2 ** Math.floor(Math.log(count) / Math.LN2);
  const directorySize = 12 + 16 * count;
  let size = directorySize;
  for (const [, length] of entries) size += length;
  const out = new Out(new Uint8Array(size));
  out.copy(Uint8Array.from([0x74, 0x72, 0x75, 0x65])); // 'true'
  out.put('u16', count);
  out.put('u16', power * 16);
  out.put('u16', Math.log(power) / Math.LN2);
  out.put('u16', count * 16 - power * 16);
  let offset = directorySize;
  for (const [tag, length] of entries) {
    out.copy(Uint8Array.from(tag, (c) => c.charCodeAt(0)));
    out.put('u32', 0); // checksum
    out.put('u32', offset);
    out.put('u32', length);
    offset += length;
  }
  for (const [, length, write] of entries) {
    const start = out.offset;
    write(out);
    if (out.offset - start !== length) return undefined;
  }
  return out.bytes;
}
