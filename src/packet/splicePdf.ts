/**
 * Copies the pages of a PDF into an assembly (a pdf-lib document) without parsing every object:
 * the packet's fast path (assemblePacket.ts).
 *
 * pdf-lib's `load` + `copyPages` parses every object of every part into its object model and
 * `save` serialises it all again: for a packet of 100 Vorlagen (about 1,000 pages) 0.6 of its
 * 0.8 s, half of that garbage collection, and most of a rebuild after one edit. No PDF library
 * for JavaScript copies objects as they are. Here only what the assembly changes or reads is
 * parsed (by pdf-lib's own object parser): the pages, their resources and link annotations, the
 * catalog, page tree and destinations (and, for the page furniture, the content streams that
 * become form XObjects). Every other object reachable from the pages (content streams, fonts,
 * images, …) is copied as bytes, its references renumbered by a tokenizer that knows strings,
 * names and comments, and its font subset tags made unique across the parts (pdfkit names the
 * subsets of every document alike).
 *
 * It reads PDFs with a classic cross-reference table and no object streams, no encryption, no
 * incremental updates and no associated files: what pdfkit and pdf-lib (without object streams)
 * write, i.e. every part ratsmappe makes. Anything else is SpliceUnsupported, and the caller
 * takes pdf-lib's way.
 */
import {
  PDFArray,
  PDFBool,
  PDFCatalog,
  PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFObject,
  PDFObjectParser,
  PDFPage,
  PDFPageLeaf,
  PDFPageTree,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFDocument,
} from 'pdf-lib';
import { textOf } from './pdfNames.js';

/** The PDF is not one this copier reads; the caller assembles with pdf-lib instead. */
export class SpliceUnsupported extends Error {}

const N = (name: string): PDFName => PDFName.of(name);

/** An object copied as bytes, its references renumbered (pdf-lib writes it as it is). */
class RawObject extends PDFObject {
  constructor(private readonly chunks: readonly Uint8Array[]) {
    super();
  }
  override clone(): this {
    return this;
  }
  override toString(): string {
    return Buffer.concat(this.chunks).toString('latin1');
  }
  override sizeInBytes(): number {
    let size = 0;
    for (const chunk of this.chunks) size += chunk.length;
    return size;
  }
  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    let at = offset;
    for (const chunk of this.chunks) {
      buffer.set(chunk, at);
      at += chunk.length;
    }
    return at - offset;
  }
}

// character classes of ISO 32000-1 7.2.2
const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;
const regular = (c: number): boolean => WHITE[c] === 0 && DELIMITER[c] === 0;

interface Scanned {
  /** where the object's value ends (before `stream` or `endobj`) */
  readonly valueEnd: number;
  /** references `n g R`: from the first digit to after the R */
  readonly refs: readonly { readonly at: number; readonly end: number; readonly num: number }[];
  /** positions of subset tags: the six capitals of a name `/ABCDEF+…` */
  readonly tags: readonly number[];
  /** a stream's data: from, to (undefined: no stream) */
  readonly stream: readonly [number, number] | undefined;
}

const isInteger = (token: string): boolean => /^\d+$/.test(token);
const SUBSET_TAG = /^\/[A-Z]{6}\+/;
/** the keys whose value names a font, with its subset tag (ISO 32000-1 9.6.4) */
const FONT_NAME_KEYS = new Set(['/BaseFont', '/FontName']);

/**
 * Tokenizes one object's body from `from` (after `n g obj`) to its `endobj`: its references,
 * its subset tags and where its stream's data lie. `length` resolves an indirect /Length.
 */
function scanObject(s: string, from: number, length: (num: number) => number): Scanned {
  const refs: { at: number; end: number; num: number }[] = [];
  const tags: number[] = [];
  // the last two tokens, when they were integers (for `n g R`)
  let prev: { at: number; text: string } | null = null;
  let prev2: { at: number; text: string } | null = null;
  let depth = 0;
  let lengthNext = false;
  let fontNameNext = false;
  let streamLength: number | undefined;
  let lengthRef: number | undefined;
  let p = from;
  const end = s.length;
  while (p < end) {
    const c = s.charCodeAt(p);
    if (WHITE[c] === 1) {
      p++;
      continue;
    }
    if (c === 37 /* % */) {
      while (p < end && s.charCodeAt(p) !== 10 && s.charCodeAt(p) !== 13) p++;
      continue;
    }
    // a name directly after /BaseFont or /FontName is a font's name; any other token ends that
    const afterFontKey = fontNameNext;
    fontNameNext = false;
    if (c === 40 /* ( */) {
      let nesting = 1;
      p++;
      while (p < end && nesting > 0) {
        const d = s.charCodeAt(p);
        if (d === 92 /* \ */) p += 2;
        else {
          if (d === 40) nesting++;
          else if (d === 41) nesting--;
          p++;
        }
      }
      prev = prev2 = null;
      lengthNext = false;
      continue;
    }
    if (c === 60 /* < */) {
      if (s.charCodeAt(p + 1) === 60) {
        depth++;
        p += 2;
      } else {
        const close = s.indexOf('>', p);
        if (close < 0) throw new SpliceUnsupported('unterminated hex string');
        p = close + 1;
        lengthNext = false;
      }
      prev = prev2 = null;
      continue;
    }
    if (c === 62 /* > */) {
      if (s.charCodeAt(p + 1) !== 62) throw new SpliceUnsupported('stray >');
      depth--;
      p += 2;
      prev = prev2 = null;
      lengthNext = false;
      continue;
    }
    if (c === 91 || c === 93 || c === 123 || c === 125 /* [ ] { } */) {
      p++;
      prev = prev2 = null;
      lengthNext = false;
      continue;
    }
    const start = p;
    p++;
    while (p < end && regular(s.charCodeAt(p))) p++;
    const token = s.slice(start, p);
    if (c === 47 /* / */) {
      // a subset tag only as the value of a font's name (a resource name is left alone: the
      // content streams, copied as they are, use it)
      if (afterFontKey && SUBSET_TAG.test(token)) tags.push(start + 1);
      fontNameNext = FONT_NAME_KEYS.has(token);
      lengthNext = depth === 1 && token === '/Length';
      prev = prev2 = null;
      continue;
    }
    if (token === 'R' && prev !== null && prev2 !== null) {
      const num = Number(prev2.text);
      refs.push({ at: prev2.at, end: p, num });
      if (lengthNext) {
        lengthRef = num;
        streamLength = undefined;
      }
      prev = prev2 = null;
      lengthNext = false;
      continue;
    }
    if (token === 'stream' || token === 'endobj') {
      if (token === 'endobj') return { valueEnd: start, refs, tags, stream: undefined };
      let data = p;
      if (s.charCodeAt(data) === 13) data++;
      if (s.charCodeAt(data) === 10) data++;
      const size = streamLength ?? (lengthRef === undefined ? undefined : length(lengthRef));
      if (size === undefined) throw new SpliceUnsupported('stream without /Length');
      if (!/^\s*endstream/.test(s.slice(data + size, data + size + 16)))
        throw new SpliceUnsupported('stream /Length does not reach endstream');
      return { valueEnd: start, refs, tags, stream: [data, data + size] };
    }
    if (isInteger(token)) {
      if (lengthNext && prev === null) streamLength = Number(token);
      prev2 = prev;
      prev = { at: start, text: token };
    } else {
      prev = prev2 = null;
      lengthNext = false;
    }
  }
  throw new SpliceUnsupported('object without endobj');
}

/**
 * What reading a part found, as plain data: where its objects are, what the tokenizer found in
 * each one it scanned, and the objects pdf-lib parsed (the pages, resources, links, catalog).
 * It is a function of the part's bytes alone: a later assembly of the same bytes takes it
 * instead of reading them again (packetRenders.ts keeps it per digest of the bytes). Measured
 * at 100 Vorlagen: pdf-lib's parser was 0.5 of the packet's 1.2 s in a rebuild.
 */
export interface PartAnalysis {
  readonly root: number;
  /** object number, offset of its body: pairs, flat */
  readonly bodies: readonly number[];
  /** object number → valueEnd, refs (at, end, num: flat), tags, stream span or null */
  readonly scans: Readonly<
    Record<
      string,
      readonly [number, readonly number[], readonly number[], readonly [number, number] | null]
    >
  >;
  /** object number → the parsed object (encoded by `encode`) */
  readonly parsed: Readonly<Record<string, Encoded>>;
}

/**
 * A parsed object as JSON: a name is its string (with its slash), a number, boolean or null
 * itself, an array an array; the rest are tagged objects.
 */
type Encoded =
  | string
  | number
  | boolean
  | null
  | readonly Encoded[]
  | { readonly s: string }
  | { readonly h: string }
  | { readonly r: number; readonly g: number }
  | {
      readonly d: readonly (readonly [string, Encoded])[];
      /** the class pdf-lib's parser gives it: page, page tree, catalog */
      readonly t?: 'page' | 'pages' | 'catalog';
      /** a stream's data in the part's bytes */
      readonly c?: readonly [number, number];
    };

/** A parsed object as JSON (Encoded); a stream's data by its place in `bytes`. */
function encode(value: PDFObject, bytes: Uint8Array): Encoded {
  if (value instanceof PDFName) return value.asString();
  if (value instanceof PDFNumber) return value.asNumber();
  if (value instanceof PDFBool) return value.asBoolean();
  if (value === PDFNull) return null;
  if (value instanceof PDFRef) return { r: value.objectNumber, g: value.generationNumber };
  if (value instanceof PDFString) return { s: value.asString() };
  if (value instanceof PDFHexString) return { h: value.asString() };
  if (value instanceof PDFArray) return value.asArray().map((v) => encode(v, bytes));
  const dict = value instanceof PDFRawStream ? value.dict : value;
  if (!(dict instanceof PDFDict)) throw new SpliceUnsupported(`cannot keep ${value.toString()}`);
  const d = dict.entries().map(([k, v]) => [k.asString(), encode(v, bytes)] as const);
  const t =
    dict instanceof PDFPageLeaf
      ? 'page'
      : dict instanceof PDFPageTree
        ? 'pages'
        : dict instanceof PDFCatalog
          ? 'catalog'
          : undefined;
  if (!(value instanceof PDFRawStream)) return t === undefined ? { d } : { d, t };
  const from = value.contents.byteOffset - bytes.byteOffset;
  if (value.contents.buffer !== bytes.buffer || from < 0)
    throw new SpliceUnsupported('stream data outside the part');
  return { d, c: [from, from + value.contents.length] };
}

/** names of the parts' dictionaries: decoded once per thread (PDFName.of decodes every time) */
const names = new Map<string, PDFName>();
const nameOf = (encoded: string): PDFName => {
  let name = names.get(encoded);
  if (name === undefined) {
    name = PDFName.of(encoded.slice(1));
    names.set(encoded, name);
  }
  return name;
};

/** An encoded object as pdf-lib's parser gives it, in `context`. */
function decode(value: Encoded, context: PDFContext, bytes: Uint8Array): PDFObject {
  if (typeof value === 'string') return nameOf(value);
  if (typeof value === 'number') return PDFNumber.of(value);
  if (typeof value === 'boolean') return value ? PDFBool.True : PDFBool.False;
  if (value === null) return PDFNull;
  if (Array.isArray(value)) {
    const array = PDFArray.withContext(context);
    for (const v of value as readonly Encoded[]) array.push(decode(v, context, bytes));
    return array;
  }
  if ('r' in value) return PDFRef.of(value.r, value.g);
  if ('s' in value) return PDFString.of(value.s);
  if ('h' in value) return PDFHexString.of(value.h);
  if (!('d' in value)) throw new SpliceUnsupported('unknown kept object');
  const map = new Map<PDFName, PDFObject>();
  for (const [k, v] of value.d) map.set(nameOf(k), decode(v, context, bytes));
  if (value.c !== undefined)
    return PDFRawStream.of(PDFDict.fromMapWithContext(map, context), bytes.subarray(...value.c));
  if (value.t === 'page') return PDFPageLeaf.fromMapWithContext(map, context);
  if (value.t === 'pages') return PDFPageTree.fromMapWithContext(map, context);
  if (value.t === 'catalog') return PDFCatalog.fromMapWithContext(map, context);
  return PDFDict.fromMapWithContext(map, context);
}

/** an entry of a stored analysis's flat list */
function item(list: readonly number[], i: number): number {
  const value = list[i];
  if (value === undefined) throw new SpliceUnsupported('stored analysis cut short');
  return value;
}

/** A PDF's objects by number, read lazily (or from its analysis). */
class RawPdf {
  readonly text: string;
  readonly root: PDFRef;
  /** object number → offset of its body (after `n g obj`) */
  private readonly bodies = new Map<number, number>();
  private readonly scans = new Map<number, Scanned>();
  /** the parsed objects, in a context of their own (old numbers: lookups stay inside the part) */
  readonly scratch = PDFContext.create();
  /** what this reading found and what it was given: the analysis of the next assembly */
  private readonly found: {
    scans: Record<string, PartAnalysis['scans'][string]>;
    parsed: Record<string, Encoded>;
  };

  constructor(
    readonly bytes: Uint8Array,
    known?: PartAnalysis,
  ) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    this.found = { scans: { ...known?.scans }, parsed: { ...known?.parsed } };
    if (known !== undefined) {
      this.root = PDFRef.of(known.root);
      for (let i = 0; i + 1 < known.bodies.length; i += 2)
        this.bodies.set(item(known.bodies, i), item(known.bodies, i + 1));
      return;
    }
    const s = this.text;
    const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(s.slice(-64));
    if (startxref === null) throw new SpliceUnsupported('no startxref');
    let p = Number(startxref[1]);
    if (!s.startsWith('xref', p)) throw new SpliceUnsupported('no classic xref table');
    p += 4;
    const trailer = s.indexOf('trailer', p);
    if (trailer < 0) throw new SpliceUnsupported('no trailer');
    const table = s.slice(p, trailer);
    const line = /(\d{10}) (\d{5}) ([nf])|(\d+)\s+(\d+)\s/g;
    let next = 0;
    for (let m = line.exec(table); m !== null; m = line.exec(table)) {
      if (m[1] === undefined) next = Number(m[4]);
      else {
        if (m[3] === 'n') this.bodies.set(next, Number(m[1]));
        next++;
      }
    }
    const dict = PDFObjectParser.forBytes(
      bytes.subarray(trailer + 'trailer'.length),
      this.scratch,
    ).parseObject();
    if (!(dict instanceof PDFDict)) throw new SpliceUnsupported('no trailer dictionary');
    if (dict.has(N('Prev')) || dict.has(N('Encrypt')))
      throw new SpliceUnsupported('updated or encrypted');
    const root = dict.get(N('Root'));
    if (!(root instanceof PDFRef)) throw new SpliceUnsupported('no /Root');
    this.root = root;
    // the offsets point at `n g obj`
    for (const [num, offset] of this.bodies) {
      const head = /^(\d+)\s+(\d+)\s+obj/.exec(s.slice(offset, offset + 32));
      if (head === null || Number(head[1]) !== num)
        throw new SpliceUnsupported(`xref entry ${String(num)} misses its object`);
      this.bodies.set(num, offset + head[0].length);
    }
  }

  has(num: number): boolean {
    return this.bodies.has(num);
  }

  /** where the object's body begins (after `n g obj`) */
  bodyOf(num: number): number {
    const body = this.bodies.get(num);
    if (body === undefined) throw new SpliceUnsupported(`object ${String(num)} missing`);
    return body;
  }

  /** The analysis of this part: what its reading found (and what it was given). */
  analysis(): PartAnalysis {
    return {
      root: this.root.objectNumber,
      bodies: [...this.bodies].flat(),
      scans: this.found.scans,
      parsed: this.found.parsed,
    };
  }

  scan(num: number): Scanned {
    const known = this.scans.get(num);
    if (known !== undefined) return known;
    const stored = this.found.scans[num];
    if (stored !== undefined) {
      const [valueEnd, flat, tags, stream] = stored;
      const refs: { at: number; end: number; num: number }[] = [];
      for (let i = 0; i + 2 < flat.length; i += 3)
        refs.push({
          at: item(flat, i),
          end: item(flat, i + 1),
          num: item(flat, i + 2),
        });
      const scanned: Scanned = {
        valueEnd,
        refs,
        tags,
        stream: stream ?? undefined,
      };
      this.scans.set(num, scanned);
      return scanned;
    }
    const body = this.bodies.get(num);
    if (body === undefined) throw new SpliceUnsupported(`object ${String(num)} missing`);
    const scanned = scanObject(this.text, body, (n) => {
      const target = this.scan(n);
      const value = Number(this.text.slice(this.bodies.get(n), target.valueEnd).trim());
      if (!Number.isInteger(value)) throw new SpliceUnsupported('indirect /Length not a number');
      return value;
    });
    this.scans.set(num, scanned);
    this.found.scans[num] = [
      scanned.valueEnd,
      scanned.refs.flatMap((r) => [r.at, r.end, r.num]),
      scanned.tags,
      scanned.stream === undefined ? null : [...scanned.stream],
    ];
    return scanned;
  }

  /** The object parsed by pdf-lib (into `scratch`, under its own number). */
  parse(ref: PDFRef): PDFObject {
    const known = this.scratch.lookup(ref);
    if (known !== undefined) return known;
    const stored = this.found.parsed[ref.objectNumber];
    if (stored !== undefined) {
      const decoded = decode(stored, this.scratch, this.bytes);
      this.scratch.assign(ref, decoded);
      return decoded;
    }
    const body = this.bodyOf(ref.objectNumber);
    const { stream, valueEnd } = this.scan(ref.objectNumber);
    const end = stream === undefined ? valueEnd : this.text.indexOf('endobj', stream[1]);
    const parsed = PDFObjectParser.forBytes(
      this.bytes.subarray(body, end),
      this.scratch,
    ).parseObject();
    this.scratch.assign(ref, parsed);
    this.found.parsed[ref.objectNumber] = encode(parsed, this.bytes);
    return parsed;
  }

  /** A direct value, or the parsed object a reference points at. */
  resolve(value: PDFObject | undefined): PDFObject | undefined {
    return value instanceof PDFRef ? this.parse(value) : value;
  }

  dict(value: PDFObject | undefined): PDFDict | undefined {
    const resolved = this.resolve(value);
    return resolved instanceof PDFDict ? resolved : undefined;
  }

  array(value: PDFObject | undefined): PDFArray | undefined {
    const resolved = this.resolve(value);
    return resolved instanceof PDFArray ? resolved : undefined;
  }

  /** The page leaves in order, and the page tree's own nodes. */
  pages(): { leaves: PDFRef[]; nodes: Set<number> } {
    const leaves: PDFRef[] = [];
    const nodes = new Set<number>();
    const visit = (ref: PDFObject | undefined, depth: number): void => {
      if (!(ref instanceof PDFRef) || depth > 64) throw new SpliceUnsupported('bad page tree');
      const node = this.dict(ref);
      if (node === undefined) throw new SpliceUnsupported('bad page tree');
      const kids = this.array(node.get(N('Kids')));
      if (node.get(N('Type')) === N('Pages') || kids !== undefined) {
        nodes.add(ref.objectNumber);
        for (const kid of kids?.asArray() ?? []) visit(kid, depth + 1);
      } else leaves.push(ref);
    };
    visit(this.dict(this.root)?.get(N('Pages')), 0);
    return { leaves, nodes };
  }
}

/**
 * The copy of one PDF's objects into `out`: which objects are reached, their new numbers (in
 * the order of the old ones), and the copies (pdf-lib objects for the parsed ones, bytes for
 * the rest), with subset tags unique across the assembly.
 */
class Copier {
  private readonly renumbered = new Map<number, PDFRef>();
  private readonly tags = new Map<string, string>();

  constructor(
    private readonly out: PDFDocument,
    readonly raw: RawPdf,
    private readonly nextTag: () => string,
  ) {}

  /**
   * Every object reachable from `roots` (not entering `excluded`), parsing those in `parsed`
   * (their references are read from pdf-lib's objects) and scanning the rest; numbers them.
   */
  reach(
    roots: readonly PDFObject[],
    parsed: ReadonlySet<number>,
    excluded: ReadonlySet<number>,
  ): number[] {
    const { raw } = this;
    const seen = new Set<number>();
    const queue: number[] = [];
    const visit = (value: PDFObject | undefined): void => {
      if (value instanceof PDFRef) {
        const num = value.objectNumber;
        if (seen.has(num) || excluded.has(num) || !raw.has(num)) return;
        seen.add(num);
        queue.push(num);
      } else if (value instanceof PDFDict) {
        for (const [, v] of value.entries()) visit(v);
      } else if (value instanceof PDFArray) {
        for (const v of value.asArray()) visit(v);
      } else if (value instanceof PDFRawStream) {
        visit(value.dict);
      }
    };
    roots.forEach(visit);
    for (let num = queue.pop(); num !== undefined; num = queue.pop()) {
      if (parsed.has(num)) visit(raw.parse(PDFRef.of(num)));
      else for (const r of raw.scan(num).refs) visit(PDFRef.of(r.num));
    }
    const order = [...seen].sort((a, b) => a - b);
    for (const num of order) this.renumbered.set(num, this.out.context.nextRef());
    return order;
  }

  refFor(num: number): PDFRef {
    const ref = this.renumbered.get(num);
    if (ref === undefined) throw new SpliceUnsupported(`reference to ${String(num)} not copied`);
    return ref;
  }

  private tagOf(old: string): string {
    let tag = this.tags.get(old);
    if (tag === undefined) {
      tag = this.nextTag();
      this.tags.set(old, tag);
    }
    return tag;
  }

  /** A parsed value of the part as a value of `out` (a page without its /Parent). */
  copy(value: PDFObject): PDFObject {
    const { context } = this.out;
    if (value instanceof PDFRef) return this.refFor(value.objectNumber);
    if (value instanceof PDFArray) {
      const array = PDFArray.withContext(context);
      for (const v of value.asArray()) array.push(this.copy(v));
      return array;
    }
    if (value instanceof PDFRawStream) {
      return PDFRawStream.of(this.copyDict(value.dict), value.contents);
    }
    if (value instanceof PDFDict) return this.copyDict(value);
    return value;
  }

  /** a font's name with the assembly's subset tag for it */
  private retagged(value: PDFObject): PDFObject {
    if (!(value instanceof PDFName)) return this.copy(value);
    const text = value.asString();
    return SUBSET_TAG.test(text) ? N(`${this.tagOf(text.slice(1, 7))}${text.slice(7)}`) : value;
  }

  private copyDict(value: PDFDict): PDFDict {
    const { context } = this.out;
    const map = new Map<PDFName, PDFObject>();
    const leaf = value instanceof PDFPageLeaf;
    // a page's /Parent is the assembly's page tree (addPage sets it)
    for (const [k, v] of value.entries()) {
      if (leaf && k === N('Parent')) continue;
      map.set(k, FONT_NAME_KEYS.has(k.asString()) ? this.retagged(v) : this.copy(v));
    }
    return leaf
      ? PDFPageLeaf.fromMapWithContext(map, context)
      : PDFDict.fromMapWithContext(map, context);
  }

  /** An object as bytes, its references renumbered; `entries` go first into its dictionary. */
  rawCopy(num: number, entries = ''): RawObject {
    const { text, bytes } = this.raw;
    const scanned = this.raw.scan(num);
    let at = this.raw.bodyOf(num);
    let result = '';
    const edits = [
      ...scanned.refs.map((r) => ({
        at: r.at,
        end: r.end,
        text: `${String(this.refFor(r.num).objectNumber)} 0 R`,
      })),
      ...scanned.tags.map((t) => ({ at: t, end: t + 6, text: this.tagOf(text.slice(t, t + 6)) })),
    ].sort((a, b) => a.at - b.at);
    for (const edit of edits) {
      result += text.slice(at, edit.at) + edit.text;
      at = edit.end;
    }
    result += text.slice(at, scanned.valueEnd);
    result = result.trim();
    if (entries !== '') {
      if (!result.startsWith('<<')) throw new SpliceUnsupported('not a dictionary');
      result = `<<${entries}${result.slice(2)}`;
    }
    const head = Buffer.from(result, 'latin1');
    if (scanned.stream === undefined) return new RawObject([head]);
    const [from, to] = scanned.stream;
    return new RawObject([head, STREAM, bytes.subarray(from, to), ENDSTREAM]);
  }

  /** Writes the reached objects into `out`: the parsed ones as pdf-lib objects. */
  emit(
    order: readonly number[],
    parsed: ReadonlySet<number>,
    special = new Map<number, RawObject>(),
  ): void {
    for (const num of order) {
      const copied =
        special.get(num) ??
        (parsed.has(num) ? this.copy(this.raw.parse(PDFRef.of(num))) : this.rawCopy(num));
      this.out.context.assign(this.refFor(num), copied);
    }
  }
}

const STREAM = Buffer.from('\nstream\n', 'latin1');
const ENDSTREAM = Buffer.from('\nendstream', 'latin1');

/** The document's catalog; associated files are left to pdf-lib (associatedFiles.ts). */
function catalogOf(raw: RawPdf): { catalog: PDFDict; names: PDFDict | undefined } {
  const catalog = raw.dict(raw.root);
  if (catalog === undefined) throw new SpliceUnsupported('no catalog');
  const names = raw.dict(catalog.get(N('Names')));
  if (catalog.has(N('AF')) || names?.has(N('EmbeddedFiles')) === true)
    throw new SpliceUnsupported('associated files');
  return { catalog, names };
}

/** What a part brings into the assembly. */
export interface SplicedPart {
  /** its pages, in `out` (not yet added to its page tree) */
  readonly pages: PDFPage[];
  /** its named destinations, pointing at those pages */
  readonly dests: readonly (readonly [string, PDFArray])[];
  /** its catalog's /OutputIntents, copied */
  readonly outputIntents: PDFObject | undefined;
  /** what reading it found, for the next assembly of the same bytes */
  readonly analysis: PartAnalysis;
}

export interface SpliceOptions {
  /** the page's first content stream only (ratsmappe's own pages: the second is their footer) */
  readonly firstContentOnly: boolean;
  /** the next unique subset tag of the assembly */
  readonly nextTag: () => string;
  /** copy the catalog's /OutputIntents (the assembly takes the first part's) */
  readonly withIntents: boolean;
  /** the analysis of these very bytes from an earlier assembly (not read again) */
  readonly known?: PartAnalysis | undefined;
}

/** the page attributes a leaf may inherit from the page tree (ISO 32000-1 7.7.3.4) */
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;

/** Copies all pages of `bytes` into `out` (not into its page tree: the caller adds them). */
export function splicePages(
  out: PDFDocument,
  bytes: Uint8Array,
  { firstContentOnly, nextTag, withIntents, known }: SpliceOptions,
): SplicedPart {
  const raw = new RawPdf(bytes, known);
  const { catalog, names } = catalogOf(raw);
  const { leaves, nodes } = raw.pages();

  // parsed: what the assembly reads or changes; everything else is copied as bytes
  const parsed = new Set<number>();
  const mark = (value: PDFObject | undefined): void => {
    if (value instanceof PDFRef) parsed.add(value.objectNumber);
  };
  const roots: PDFObject[] = [];
  for (const ref of leaves) {
    parsed.add(ref.objectNumber);
    roots.push(ref);
    const leaf = raw.dict(ref);
    if (leaf === undefined) throw new SpliceUnsupported('page is not a dictionary');
    // inherited attributes move into the leaf, as pdf-lib's copyPages does
    for (const key of INHERITED) {
      if (leaf.has(N(key))) continue;
      let parent = raw.dict(leaf.get(N('Parent')));
      for (let depth = 0; parent !== undefined && depth < 64; depth++) {
        const value = parent.get(N(key));
        if (value !== undefined) {
          leaf.set(N(key), value);
          break;
        }
        parent = raw.dict(parent.get(N('Parent')));
      }
    }
    for (const key of INHERITED) mark(leaf.get(N(key)));
    mark(raw.dict(leaf.get(N('Resources')))?.get(N('XObject')));
    const contents = leaf.get(N('Contents'));
    mark(contents);
    const streams = raw.array(contents);
    if (firstContentOnly && streams !== undefined && streams.size() > 0)
      leaf.set(N('Contents'), raw.scratch.obj([streams.get(0)]));
    const annots = leaf.get(N('Annots'));
    mark(annots);
    for (const annot of raw.array(annots)?.asArray() ?? []) {
      mark(annot);
      mark(raw.dict(annot)?.get(N('A')));
    }
  }
  const intents = withIntents ? catalog.get(N('OutputIntents')) : undefined;
  if (intents !== undefined) roots.push(intents);

  const copier = new Copier(out, raw, nextTag);
  // the pages' /Parent leads into the page tree, which is not copied
  copier.emit(copier.reach(roots, parsed, nodes), parsed);
  const pages = leaves.map((old) => {
    const ref = copier.refFor(old.objectNumber);
    const leaf = out.context.lookup(ref);
    if (!(leaf instanceof PDFPageLeaf)) throw new SpliceUnsupported('page is not a page');
    return PDFPage.of(leaf, ref, out);
  });

  // named destinations on the copied pages ([page /XYZ left top zoom] keeps its position)
  const dests: [string, PDFArray][] = [];
  const isPage = new Set(leaves.map((l) => l.objectNumber));
  const walk = (node: PDFDict | undefined, depth: number): void => {
    if (node === undefined || depth > 32) return;
    const pairs = raw.array(node.get(N('Names')))?.asArray() ?? [];
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const name = textOf(raw.resolve(pairs[i]));
      const value = raw.resolve(pairs[i + 1]);
      const array = value instanceof PDFDict ? raw.array(value.get(N('D'))) : value;
      if (name === undefined || !(array instanceof PDFArray)) continue;
      const [page, ...rest] = array.asArray();
      if (!(page instanceof PDFRef) || !isPage.has(page.objectNumber)) continue;
      const target = copier.refFor(page.objectNumber);
      dests.push([name, out.context.obj([target, ...rest.map((v) => copier.copy(v))])]);
    }
    for (const kid of raw.array(node.get(N('Kids')))?.asArray() ?? [])
      walk(raw.dict(kid), depth + 1);
  };
  walk(raw.dict(names?.get(N('Dests'))), 0);

  return {
    pages,
    dests,
    outputIntents: intents === undefined ? undefined : copier.copy(intents),
    analysis: raw.analysis(),
  };
}

/** The pages of a PDF as form XObjects of `out`, in page order. */
export interface SplicedForms {
  readonly forms: readonly PDFRef[];
  /** its catalog's /OutputIntents, copied */
  readonly outputIntents: PDFObject | undefined;
  /** what reading it found, for the next assembly of the same bytes */
  readonly analysis: PartAnalysis;
}

/**
 * Copies every page of `bytes` into `out` as a form XObject (its content stream with /BBox
 * from its media box and its resources): the packet's page furniture. Pages of one content
 * stream with their resources by reference, as pdfkit writes them.
 */
export function spliceForms(
  out: PDFDocument,
  bytes: Uint8Array,
  nextTag: () => string,
  withIntents: boolean,
  known?: PartAnalysis,
): SplicedForms {
  const raw = new RawPdf(bytes, known);
  const { catalog } = catalogOf(raw);
  const { leaves, nodes } = raw.pages();
  const pages = leaves.map((ref) => {
    const leaf = raw.dict(ref);
    const contents = leaf?.get(N('Contents'));
    const resources = leaf?.get(N('Resources'));
    const box = raw.array(leaf?.get(N('MediaBox')))?.asArray();
    if (!(contents instanceof PDFRef) || !(resources instanceof PDFRef) || box?.length !== 4)
      throw new SpliceUnsupported('page of the furniture not as pdfkit writes it');
    return { contents, resources, box };
  });
  const intents = withIntents ? catalog.get(N('OutputIntents')) : undefined;
  const roots: PDFObject[] = pages.flatMap((p) => [p.contents, p.resources]);
  if (intents !== undefined) roots.push(intents);
  const copier = new Copier(out, raw, nextTag);
  const excluded = new Set([...nodes, ...leaves.map((l) => l.objectNumber)]);
  const order = copier.reach(roots, new Set(), excluded);
  const special = new Map<number, RawObject>();
  for (const { contents, resources, box } of pages) {
    const bbox = box.map((v) => v.toString()).join(' ');
    const entries = ` /Type /XObject /Subtype /Form /BBox [${bbox}] /Resources ${copier.refFor(resources.objectNumber).toString()}`;
    special.set(contents.objectNumber, copier.rawCopy(contents.objectNumber, entries));
  }
  copier.emit(order, new Set(), special);
  return {
    forms: pages.map((p) => copier.refFor(p.contents.objectNumber)),
    outputIntents: intents === undefined ? undefined : copier.copy(intents),
    analysis: raw.analysis(),
  };
}
