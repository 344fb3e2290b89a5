/**
 * The glyph run of a plain word without fontkit's shaping engine: the glyphs and positions
 * fontkit's `layout` gives, for the words that no substitution and no positioning other than
 * pair kerning can touch.
 *
 * Why: fontkit lays every word out through its whole OpenType machinery (script and feature
 * selection, a shaping plan, every GSUB and GPOS lookup tried at every glyph). Measured with the
 * 955 words of SV-9-1601 in Roboto: 405 ms in a new process, 112 ms warm; the words' first
 * layout was the largest single cost of a render thread's first PDF, i.e. of the example build
 * and of a rebuild after an edit. For most words of German text the result is plain: each
 * character's glyph from the cmap, its advance from hmtx, plus the font's pair kerning, which
 * is computed here from the same tables fontkit decoded. A word with anything else (a character
 * that some substitution covers, such as the f of a ligature; a mark; a character outside the
 * Latin and Common scripts; a default-ignorable one) is left to fontkit, as is every font whose
 * layout this does not mirror (variation fonts, AAT morx, fonts without GPOS, a kern table
 * that applies). No library does this part alone: the shaping engines (fontkit, harfbuzzjs)
 * shape every word in full.
 *
 * It mirrors fontkit 2.0 (OTLayoutEngine with the DefaultShaper, OTProcessor, GPOSProcessor):
 * the script chosen from the word's first character of a script other than Common (`latn`, or
 * `zzzz` for a word of Common characters only), the script table found as fontkit finds it
 * (that tag, else DFLT, dflt, latn) with its default language system, the global features of
 * the default shaper, each (feature, lookup) pair applied once, pair values added as its
 * applyPositionValue adds them. test/plain-shaping.test.ts compares both, glyph by glyph and
 * position by position, for every face the tool ships and the fixtures' fonts.
 */

import { requireFontkitDependency } from './pdfmakeInternals.js';

/** The global features of fontkit's DefaultShaper (variation, direction, common, horizontal). */
const GLOBAL_FEATURES = [
  'rvrn',
  'ltra',
  'ltrm',
  'ccmp',
  'locl',
  'rlig',
  'mark',
  'mkmk',
  'calt',
  'clig',
  'liga',
  'rclt',
  'curs',
  'kern',
] as const;

/** fontkit's fallback when a table has no script of the word's tag. */
const DEFAULT_SCRIPTS = ['DFLT', 'dflt', 'latn'] as const;

// the parts of fontkit's decoded tables read here (fontkit 2 internals, not in its typings)
interface Coverage {
  readonly version: number;
  readonly glyphs?: readonly number[];
  readonly rangeRecords?: readonly {
    readonly start: number;
    readonly end: number;
    readonly startCoverageIndex: number;
  }[];
}
interface ClassDef {
  readonly version: number;
  readonly startGlyph?: number;
  readonly classValueArray?: readonly number[];
  readonly classRangeRecord?: readonly {
    readonly start: number;
    readonly end: number;
    readonly class: number;
  }[];
}
interface ValueRecord {
  readonly xAdvance?: number;
  readonly yAdvance?: number;
  readonly xPlacement?: number;
  readonly yPlacement?: number;
}
interface Indexed<T> {
  get(index: number): T | undefined;
}
interface SubTable {
  readonly version?: number;
  readonly lookupType?: number;
  readonly extension?: SubTable;
  readonly coverage?: Coverage;
  readonly coverages?: readonly Coverage[];
  readonly inputCoverage?: readonly Coverage[];
  readonly markCoverage?: Coverage;
  readonly mark1Coverage?: Coverage;
  readonly pairSets?: Indexed<
    Iterable<{
      readonly secondGlyph: number;
      readonly value1?: ValueRecord;
      readonly value2?: ValueRecord;
    }>
  >;
  readonly ligatureSets?: Indexed<readonly { readonly components: readonly number[] }[]>;
  readonly classDef?: ClassDef;
  readonly inputClassDef?: ClassDef;
  readonly lookaheadClassDef?: ClassDef;
  readonly ruleSets?: readonly (readonly GlyphRule[] | null | undefined)[];
  readonly classSet?: readonly (
    readonly { readonly classes: readonly number[] }[] | null | undefined
  )[];
  readonly chainRuleSets?: readonly (readonly GlyphRule[] | null | undefined)[];
  readonly chainClassSet?: readonly (readonly GlyphRule[] | null | undefined)[];
  readonly inputGlyphCount?: number;
  readonly lookaheadCoverage?: readonly Coverage[];
  readonly classDef1?: ClassDef;
  readonly classDef2?: ClassDef;
  readonly classRecords?: Indexed<
    Indexed<{ readonly value1?: ValueRecord; readonly value2?: ValueRecord }>
  >;
}
/** A rule of a (chaining) context: glyph ids or classes, by version. */
interface GlyphRule {
  readonly input: readonly number[];
  readonly lookahead?: readonly number[];
}
interface Lookup {
  readonly lookupType: number;
  readonly flags?: {
    readonly markAttachmentType?: number;
    readonly flags?: {
      readonly ignoreMarks?: boolean;
      readonly ignoreBaseGlyphs?: boolean;
      readonly ignoreLigatures?: boolean;
      readonly useMarkFilteringSet?: boolean;
    };
  };
  readonly subTables: Iterable<SubTable>;
}
interface LayoutTable {
  readonly scriptList?: readonly {
    readonly tag: string;
    readonly script: {
      readonly defaultLangSys?: { readonly featureIndexes: readonly number[] } | null;
    };
  }[];
  readonly featureList: readonly {
    readonly tag: string;
    readonly feature: { readonly lookupListIndexes: readonly number[] };
  }[];
  readonly lookupList: Indexed<Lookup>;
}
export interface Glyph {
  readonly id: number;
  readonly advanceWidth: number;
}
/** The parsed font (fontkit's TTFFont) as far as it is used here. */
export interface ShapedFont {
  readonly numGlyphs: number;
  readonly directory: { readonly tables: Readonly<Record<string, unknown>> };
  readonly GSUB?: LayoutTable;
  readonly GPOS?: LayoutTable;
  readonly GDEF?: { readonly glyphClassDef?: ClassDef | null };
  readonly _cmapProcessor: { lookup(codePoint: number): number };
  getGlyph(id: number, codePoints: number[]): Glyph;
  layout(text: string, features?: unknown): unknown;
}
/** unicode-properties, which fontkit classifies characters with. */
export interface UnicodeProperties {
  getScript(codePoint: number): string;
  isMark(codePoint: number): boolean;
}

/** A glyph's position, as fontkit's GlyphPosition (in font units until pdfkit scales it). */
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A glyph run as fontkit's GlyphRun, as far as pdfkit reads it. */
class PlainRun {
  constructor(
    readonly glyphs: Glyph[],
    readonly positions: Position[],
  ) {}

  /** as fontkit's: the sum of the advances, in order (pdfkit scales them in place first) */
  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}

/** The adjustments a pair of glyphs gets: the first's and the second's, as x/y advance and offset. */
type PairAdjustment = readonly [number, number, number, number, number, number, number, number];
const NO_ADJUSTMENT: PairAdjustment = [0, 0, 0, 0, 0, 0, 0, 0];

/** Whether a substitution may start at a glyph when this glyph follows it. */
type NextTest = (next: number) => boolean;

/** What a word in one script is laid out with; `undefined`: left to fontkit. */
interface ScriptPlan {
  /** per glyph id: 1 where a substitution or a positioning other than a pair's may apply */
  readonly blocked: Uint8Array;
  /** per glyph id: the next glyphs with which a substitution may start at it */
  readonly before: ReadonlyMap<number, readonly NextTest[]>;
  /** the pair-positioning lookups, once per feature that lists them, in fontkit's order */
  readonly pairLookups: readonly Lookup[];
  /** per pair of glyph ids (first × 65536 + second); `null`: a pair this does not mirror */
  readonly pairs: Map<number, PairAdjustment | null>;
}

function coverageIndex(coverage: Coverage, glyph: number): number {
  if (coverage.version === 1) return coverage.glyphs?.indexOf(glyph) ?? -1;
  if (coverage.version === 2)
    for (const range of coverage.rangeRecords ?? [])
      if (range.start <= glyph && glyph <= range.end)
        return range.startCoverageIndex + glyph - range.start;
  return -1;
}

function classId(glyph: number, classDef: ClassDef | null | undefined): number {
  if (!classDef) return 0;
  if (classDef.version === 1) {
    const i = glyph - (classDef.startGlyph ?? 0);
    const values = classDef.classValueArray ?? [];
    if (i >= 0 && i < values.length) return values[i] ?? 0;
  } else if (classDef.version === 2) {
    for (const range of classDef.classRangeRecord ?? [])
      if (range.start <= glyph && glyph <= range.end) return range.class;
  }
  return 0;
}

/** Marks every glyph of a coverage table as blocked; false: not a coverage table known here. */
function block(blocked: Uint8Array, coverage: Coverage | undefined): boolean {
  if (coverage === undefined) return false;
  if (coverage.version === 1 && coverage.glyphs !== undefined) {
    for (const glyph of coverage.glyphs) if (glyph < blocked.length) blocked[glyph] = 1;
    return true;
  }
  if (coverage.version === 2 && coverage.rangeRecords !== undefined) {
    for (const range of coverage.rangeRecords)
      blocked.fill(1, Math.max(0, range.start), Math.min(blocked.length, range.end + 1));
    return true;
  }
  return false;
}

/**
 * The coverage of the glyph a lookup's subtable starts at (fontkit tries a subtable only at a
 * glyph it covers), by lookup type of the table; `undefined`: a type not mirrored here.
 */
function startCoverage(table: 'GSUB' | 'GPOS', type: number, sub: SubTable): Coverage | undefined {
  const extension = table === 'GSUB' ? 7 : 9;
  if (type === extension)
    return sub.extension === undefined || sub.lookupType === undefined
      ? undefined
      : startCoverage(table, sub.lookupType, sub.extension);
  const context = table === 'GSUB' ? 5 : 7;
  const chaining = table === 'GSUB' ? 6 : 8;
  if (type === context || type === chaining) {
    if (sub.version === 1 || sub.version === 2) return sub.coverage;
    const first = (type === context ? sub.coverages : sub.inputCoverage)?.[0];
    return sub.version === 3 ? first : undefined;
  }
  if (table === 'GSUB') return type >= 1 && type <= 4 ? sub.coverage : undefined;
  if (type === 1 || type === 3) return sub.coverage;
  if (type === 4 || type === 5) return sub.markCoverage;
  if (type === 6) return sub.mark1Coverage;
  return undefined;
}

/**
 * The features of a table's script as fontkit selects it (the tag, else DFLT, dflt, latn; its
 * default language system), by tag: their lookups' indices. Undefined: the table has none of
 * those scripts (fontkit keeps the script it had then; not mirrored).
 */
function scriptFeatures(
  table: LayoutTable,
  script: string,
): Map<string, readonly number[]> | undefined {
  const find = (tags: readonly string[]) => {
    for (const tag of tags)
      for (const entry of table.scriptList ?? []) if (entry.tag === tag) return entry;
    return undefined;
  };
  const entry = find([script]) ?? find(DEFAULT_SCRIPTS);
  if (entry === undefined) return undefined;
  const features = new Map<string, readonly number[]>();
  for (const index of entry.script.defaultLangSys?.featureIndexes ?? []) {
    const record = table.featureList[index];
    if (record !== undefined) features.set(record.tag, record.feature.lookupListIndexes);
  }
  return features;
}

/** The lookups of the shaper's global features, as fontkit applies them. */
function globalLookups(
  table: LayoutTable,
  features: ReadonlyMap<string, readonly number[]>,
): Lookup[] | undefined {
  const lookups: { index: number; lookup: Lookup }[] = [];
  for (const tag of GLOBAL_FEATURES)
    for (const index of features.get(tag) ?? []) {
      const lookup = table.lookupList.get(index);
      if (lookup === undefined) return undefined;
      lookups.push({ index, lookup });
    }
  // fontkit sorts them by index (a stable sort)
  lookups.sort((a, b) => a.index - b.index);
  return lookups.map((l) => l.lookup);
}

function planScript(font: ShapedFont, script: string): ScriptPlan | undefined {
  const { GSUB, GPOS } = font;
  if (GPOS === undefined) return undefined;
  const blocked = new Uint8Array(font.numGlyphs);
  const before = new Map<number, NextTest[]>();
  if (GSUB !== undefined) {
    const features = scriptFeatures(GSUB, script);
    const lookups = features && globalLookups(GSUB, features);
    if (lookups === undefined) return undefined;
    for (const lookup of lookups)
      for (const sub of lookup.subTables)
        if (!substitutionStarts(lookup, sub, blocked, before)) return undefined;
  }
  const features = scriptFeatures(GPOS, script);
  const lookups = features && globalLookups(GPOS, features);
  if (features === undefined || lookups === undefined) return undefined;
  // a kern table applies where the script's GPOS has no kern feature (not mirrored)
  if (font.directory.tables.kern !== undefined && !features.has('kern')) return undefined;
  const pairLookups: Lookup[] = [];
  for (const lookup of lookups) {
    if (lookup.lookupType === 2) {
      const flags = lookup.flags?.flags;
      if (
        flags?.ignoreBaseGlyphs === true ||
        flags?.ignoreLigatures === true ||
        flags?.useMarkFilteringSet === true ||
        (lookup.flags?.markAttachmentType ?? 0) !== 0
      )
        return undefined;
      pairLookups.push(lookup);
      continue;
    }
    for (const sub of lookup.subTables)
      if (!block(blocked, startCoverage('GPOS', lookup.lookupType, sub))) return undefined;
  }
  // marks, ligatures and components as GDEF classes them: their positions are not plain
  const classes = font.GDEF?.glyphClassDef;
  if (classes?.version === 1) {
    const start = classes.startGlyph ?? 0;
    (classes.classValueArray ?? []).forEach((value, i) => {
      if (value > 1 && start + i < blocked.length) blocked[start + i] = 1;
    });
  } else if (classes?.version === 2) {
    for (const range of classes.classRangeRecord ?? [])
      if (range.class > 1)
        blocked.fill(1, Math.max(0, range.start), Math.min(blocked.length, range.end + 1));
  } else if (classes) return undefined;
  return { blocked, before, pairLookups, pairs: new Map() };
}

/** The glyphs of a coverage table with their coverage indices. */
function* covered(coverage: Coverage): Generator<readonly [number, number]> {
  if (coverage.version === 1) {
    const glyphs = coverage.glyphs ?? [];
    for (let i = 0; i < glyphs.length; i++) yield [glyphs[i] ?? 0, i];
  } else if (coverage.version === 2) {
    for (const range of coverage.rangeRecords ?? [])
      for (let glyph = range.start; glyph <= range.end; glyph++)
        yield [glyph, range.startCoverageIndex + glyph - range.start];
  }
}

/**
 * Where a GSUB subtable may start a substitution: glyphs blocked outright, or (ligatures and
 * contexts, which need a certain next glyph: in Roboto the composition of a letter with a
 * combining accent, the f of fi and fl) glyphs with a test of the next one. Contexts are
 * matched as fontkit matches them: the input after the first glyph, then the lookahead.
 * False: a subtable this does not mirror.
 */
function substitutionStarts(
  lookup: Lookup,
  table: SubTable,
  blocked: Uint8Array,
  before: Map<number, NextTest[]>,
  type = lookup.lookupType,
): boolean {
  if (type === 7)
    return table.extension !== undefined && table.lookupType !== undefined
      ? substitutionStarts(lookup, table.extension, blocked, before, table.lookupType)
      : false;
  const flags = lookup.flags?.flags;
  // with glyphs skipped the next glyph is not the one that follows: blocked outright
  const plainFlags =
    flags?.ignoreBaseGlyphs !== true &&
    flags?.ignoreLigatures !== true &&
    flags?.useMarkFilteringSet !== true &&
    (lookup.flags?.markAttachmentType ?? 0) === 0;
  const coverage = startCoverage('GSUB', type, table);
  if (coverage === undefined) return false;
  if (!plainFlags || type < 4) return block(blocked, coverage);
  const when = (glyph: number, test: NextTest): void => {
    const tests = before.get(glyph);
    if (tests === undefined) before.set(glyph, [test]);
    else tests.push(test);
  };
  /** a rule's first glyph after the start: a test of the next glyph, or blocked outright */
  const rule = (glyph: number, next: number | undefined, test: (id: number) => boolean) => {
    if (next === undefined) blocked[glyph] = 1;
    else when(glyph, test);
  };
  for (const [glyph, index] of covered(coverage)) {
    if (glyph >= blocked.length) continue;
    if (type === 4) {
      for (const ligature of table.ligatureSets?.get(index) ?? []) {
        const [first] = ligature.components;
        rule(glyph, first, (id) => id === first);
      }
      continue;
    }
    if (type === 8 || table.version === undefined) return false;
    if (table.version === 3) {
      // coverages: the context's, or the chaining context's input and then its lookahead
      const next =
        type === 5
          ? table.coverages?.[1]
          : (table.inputGlyphCount ?? 0) > 1
            ? table.inputCoverage?.[1]
            : table.lookaheadCoverage?.[0];
      rule(glyph, next === undefined ? undefined : 0, (id) =>
        next === undefined ? true : coverageIndex(next, id) !== -1,
      );
      continue;
    }
    if (type === 5 && table.version === 1) {
      for (const r of table.ruleSets?.[index] ?? []) {
        const first = r.input[0];
        rule(glyph, first, (id) => id === first);
      }
    } else if (type === 5 && table.version === 2) {
      const classDef = table.classDef;
      for (const r of table.classSet?.[classId(glyph, classDef)] ?? []) {
        const first = r.classes[0];
        rule(glyph, first, (id) => classId(id, classDef) === first);
      }
    } else if (type === 6 && table.version === 1) {
      for (const r of table.chainRuleSets?.[index] ?? []) {
        const first = r.input[0] ?? r.lookahead?.[0];
        rule(glyph, first, (id) => id === first);
      }
    } else if (type === 6 && table.version === 2) {
      const { inputClassDef, lookaheadClassDef } = table;
      for (const r of table.chainClassSet?.[classId(glyph, inputClassDef)] ?? []) {
        const input = r.input[0];
        const lookahead = r.lookahead?.[0];
        if (input !== undefined) rule(glyph, input, (id) => classId(id, inputClassDef) === input);
        else rule(glyph, lookahead, (id) => classId(id, lookaheadClassDef) === lookahead);
      }
    } else return false;
  }
  return true;
}

/** The adjustments fontkit's pair lookups give a pair; null: a table this does not mirror. */
function pairAdjustment(
  lookups: readonly Lookup[],
  first: number,
  second: number,
): PairAdjustment | null {
  const sum = [0, 0, 0, 0, 0, 0, 0, 0];
  const plus = (i: number, v: number): void => {
    sum[i] = (sum[i] ?? 0) + v;
  };
  const add = (at: number, value: ValueRecord | null | undefined): void => {
    // as fontkit's applyPositionValue: the fields the record has
    if (value === undefined || value === null) return;
    if (value.xAdvance != null) plus(at, value.xAdvance);
    if (value.yAdvance != null) plus(at + 1, value.yAdvance);
    if (value.xPlacement != null) plus(at + 2, value.xPlacement);
    if (value.yPlacement != null) plus(at + 3, value.yPlacement);
  };
  for (const lookup of lookups)
    for (const sub of lookup.subTables) {
      if (sub.coverage === undefined) return null;
      const index = coverageIndex(sub.coverage, first);
      if (index === -1) continue;
      if (sub.version === 1) {
        const set = sub.pairSets?.get(index);
        if (set === undefined) return null;
        let found = false;
        for (const pair of set)
          if (pair.secondGlyph === second) {
            add(0, pair.value1);
            add(4, pair.value2);
            found = true;
            break;
          }
        if (found) break;
        continue;
      }
      if (sub.version !== 2) return null;
      const record = sub.classRecords
        ?.get(classId(first, sub.classDef1))
        ?.get(classId(second, sub.classDef2));
      if (record === undefined) return null;
      add(0, record.value1);
      add(4, record.value2);
      break;
    }
  return sum.every((v) => v === 0) ? NO_ADJUSTMENT : (sum as unknown as PairAdjustment);
}

/** fontkit's default-ignorable characters (hidden as a zero-width space), as far as below U+10000. */
function defaultIgnorable(cp: number): boolean {
  return (
    cp === 0xad ||
    cp === 0x34f ||
    cp === 0x61c ||
    (cp >= 0x17b4 && cp <= 0x17b5) ||
    (cp >= 0x180b && cp <= 0x180e) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    (cp >= 0xfff0 && cp <= 0xfff8)
  );
}

/** A character's glyph if it can be laid out plainly (-1: it cannot), and whether it is Latin. */
interface Char {
  readonly glyph: number;
  readonly latin: boolean;
}
const NOT_PLAIN: Char = { glyph: -1, latin: false };

export interface PlainShaper {
  /** fontkit's glyph run of the text without features, or undefined: ask fontkit */
  layout(text: string): PlainRun | undefined;
}

/** A shaper for one parsed font; undefined where the font's layout is not mirrored at all. */
export function plainShaper(font: ShapedFont, unicode: UnicodeProperties): PlainShaper | undefined {
  const tables = font.directory.tables;
  if (tables.fvar !== undefined || tables.morx !== undefined || font.GPOS === undefined)
    return undefined;
  const chars = new Map<number, Char>();
  const plans = new Map<string, ScriptPlan | undefined>();
  const planOf = (script: string): ScriptPlan | undefined => {
    if (!plans.has(script)) plans.set(script, planScript(font, script));
    return plans.get(script);
  };
  const charOf = (cp: number): Char => {
    let char = chars.get(cp);
    if (char === undefined) {
      const script = unicode.getScript(cp);
      char =
        (script === 'Latin' || script === 'Common') &&
        cp < 0x10000 &&
        cp !== 0x2044 && // the fraction slash: fontkit's fraction features around it
        !defaultIgnorable(cp) &&
        !unicode.isMark(cp)
          ? { glyph: font._cmapProcessor.lookup(cp), latin: script === 'Latin' }
          : NOT_PLAIN;
      if (char.glyph === 0) char = NOT_PLAIN;
      chars.set(cp, char);
    }
    return char;
  };
  return {
    layout(text) {
      const ids: number[] = [];
      const codePoints: number[] = [];
      let latin = false;
      for (let i = 0; i < text.length; i++) {
        const cp = text.charCodeAt(i);
        // surrogates (characters above U+FFFF) are left to fontkit
        const char = cp >= 0xd800 && cp <= 0xdfff ? NOT_PLAIN : charOf(cp);
        if (char.glyph < 0) return undefined;
        latin ||= char.latin;
        ids.push(char.glyph);
        codePoints.push(cp);
      }
      if (ids.length === 0) return undefined;
      const plan = planOf(latin ? 'latn' : 'zzzz');
      if (plan === undefined) return undefined;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] ?? 0;
        if (plan.blocked[id] === 1) return undefined;
        const next = ids[i + 1];
        const tests = plan.before.get(id);
        if (tests !== undefined && next !== undefined && tests.some((test) => test(next)))
          return undefined;
      }
      const adjustments: PairAdjustment[] = [];
      for (let i = 0; i + 1 < ids.length; i++) {
        const key = (ids[i] ?? 0) * 65536 + (ids[i + 1] ?? 0);
        let pair = plan.pairs.get(key);
        if (pair === undefined) {
          pair = pairAdjustment(plan.pairLookups, ids[i] ?? 0, ids[i + 1] ?? 0);
          plan.pairs.set(key, pair);
        }
        if (pair === null) return undefined;
        adjustments.push(pair);
      }
      // the glyph objects as fontkit makes them (glyphForCodePoint: the first characters
      // a glyph was made for stay with it)
      const glyphs = ids.map((id, i) => font.getGlyph(id, [codePoints[i] ?? 0]));
      const positions = glyphs.map((glyph): Position => ({
        xAdvance: glyph.advanceWidth,
        yAdvance: 0,
        xOffset: 0,
        yOffset: 0,
      }));
      adjustments.forEach((pair, i) => {
        const a = positions[i];
        const b = positions[i + 1];
        if (a === undefined || b === undefined) return;
        a.xAdvance += pair[0];
        a.yAdvance += pair[1];
        a.xOffset += pair[2];
        a.yOffset += pair[3];
        b.xAdvance += pair[4];
        b.yAdvance += pair[5];
        b.xOffset += pair[6];
        b.yOffset += pair[7];
      });
      return new PlainRun(glyphs, positions);
    },
  };
}

/** A parsed font's layout: plain words here, the rest (and any with features) by fontkit. */
export interface Layout {
  layout(text: string, features?: unknown): { readonly advanceWidth: number };
}

const layouts = new WeakMap<object, Layout>();

/**
 * The font's layout as fontkit's `layout` gives it (the same glyph runs), plain words laid
 * out here; one per parsed font (its plans and pair values are kept with it).
 */
export function plainLayout<F extends Layout>(font: F): F | Layout {
  let layout = layouts.get(font);
  if (layout === undefined) {
    const unicode = requireFontkitDependency('unicode-properties') as UnicodeProperties;
    const shaper = plainShaper(font as unknown as ShapedFont, unicode);
    layout =
      shaper === undefined
        ? font
        : {
            layout: (text, features) =>
              (features === undefined ? shaper.layout(text) : undefined) ??
              font.layout(text, features),
          };
    layouts.set(font, layout);
  }
  return layout;
}
