/**
 * Every character is printed or reported: text in a script the PDF's fonts do not cover
 * (Arabic, Ge'ez, CJK, emoji with Roboto) would print as empty boxes, silently. This check
 * warns at the place in the file, naming the characters. Word and LibreOffice substitute
 * fonts on their own, so the DOCX is not affected.
 *
 * The fonts are read only when a text holds a character outside the ranges every supported
 * font covers (Basic Latin, Latin-1, German typography), so a usual check never loads fontkit.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isScalar, visit } from 'yaml';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { positionOfRange, type Source } from '../load/positions.js';
import { someText } from './someText.js';

/** Which code points a set of fonts can print. */
export interface GlyphCoverage {
  /** the fonts' names, for the message */
  readonly fonts: string;
  has(codePoint: number): boolean;
}

interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** printable in any font ratsmappe accepts: Basic Latin, Latin-1, „“‚‘’–—…€•·‹› and friends */
const SURE = /^[\u0020-\u007e\u00a0-\u00ff\u2010-\u2027\u2030-\u203a\u20ac\n\r\t]*$/u;
/** invisible characters that need no glyph (joiners, variation selectors, BOM) */
const INVISIBLE = {
  test: (char: string): boolean => {
    const cp = char.codePointAt(0) ?? 0;
    return (
      (cp >= 0x200b && cp <= 0x200d) ||
      cp === 0x2060 ||
      (cp >= 0xfe00 && cp <= 0xfe0f) ||
      cp === 0xfeff ||
      (cp >= 0x1f3fb && cp <= 0x1f3ff) // skin tones modify the emoji before them
    );
  },
};

let roboto: GlyphCoverage | undefined;

/** fontkit, as pdfkit (under pdfmake) has it: the same parser that embeds the fonts */
function fontkit(): { create(buffer: Uint8Array): FontkitFont } {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('pdfmake'))('fontkit') as {
    create(buffer: Uint8Array): FontkitFont;
  };
}

/**
 * The coverage of a font (e.g. a body's own, meta.design.font) from its faces' bytes (TTF or
 * OTF): a character must be in every face given (the regular and the bold face, as the PDF
 * sets text in both). `name` is the font's name for the message. Throws if a face does not
 * parse.
 */
export function coverageOfFonts(name: string, faces: readonly Uint8Array[]): GlyphCoverage {
  const kit = fontkit();
  const parsed = faces.map((bytes) => kit.create(bytes));
  const known = new Map<number, boolean>();
  return {
    fonts: name,
    has: (cp) => {
      let found = known.get(cp);
      if (found === undefined) {
        found = parsed.every((face) => face.hasGlyphForCodePoint(cp));
        known.set(cp, found);
      }
      return found;
    },
  };
}

/** The coverage of the fonts the PDF uses by default (Roboto, shipped with pdfmake): a character must be in the regular and the bold face. */
export function defaultCoverage(): GlyphCoverage {
  if (roboto) return roboto;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const faces = ['Roboto-Regular.ttf', 'Roboto-Medium.ttf'].map((file) =>
    readFileSync(join(dir, file)),
  );
  roboto = coverageOfFonts('Roboto', faces);
  return roboto;
}

const codePointName = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** German names of the scripts clerks meet most, for the message */
const SCRIPTS: readonly (readonly [RegExp, string])[] = [
  [/\p{Script=Arabic}/u, 'arabische Schrift'],
  [/\p{Script=Ethiopic}/u, 'äthiopische Schrift (Ge’ez)'],
  [/\p{Script=Han}/u, 'chinesische Schriftzeichen'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'japanische Schrift'],
  [/\p{Script=Hangul}/u, 'koreanische Schrift'],
  [/\p{Script=Hebrew}/u, 'hebräische Schrift'],
  [/\p{Script=Armenian}/u, 'armenische Schrift'],
  [/\p{Script=Georgian}/u, 'georgische Schrift'],
  [/\p{Script=Devanagari}/u, 'Devanagari'],
  [/\p{Script=Thai}/u, 'thailändische Schrift'],
  [/\p{Script=Tamil}/u, 'tamilische Schrift'],
  [/\p{Extended_Pictographic}/u, 'Emoji'],
];

const scriptOf = (char: string): string =>
  SCRIPTS.find(([pattern]) => pattern.test(char))?.[1] ?? codePointName(char.codePointAt(0) ?? 0);

/** Warnings (RM601) for every text of the file holding characters the fonts cannot print. */
export function checkGlyphs(
  source: Source,
  coverage: () => GlyphCoverage = defaultCoverage,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // the syntax tree (for the positions) only where a text holds a character to look at
  if (!someText(source.value, (text) => !SURE.test(text), { keys: true })) return out;
  visit(source.doc, {
    Scalar(_, node) {
      if (!isScalar(node) || typeof node.value !== 'string' || SURE.test(node.value)) return;
      const fonts = coverage();
      // runs of characters that cannot be printed (a word in Arabic script is one run); a
      // space or an invisible joiner inside a run belongs to it
      const runs: string[] = [];
      let run = '';
      const scripts = new Set<string>();
      for (const char of node.value) {
        const cp = char.codePointAt(0) ?? 0;
        const printable = cp < 0x20 || fonts.has(cp);
        if (!printable && !INVISIBLE.test(char)) {
          run += char;
          scripts.add(scriptOf(char));
        } else if (run !== '' && (INVISIBLE.test(char) || char === ' ')) run += char;
        else if (run !== '') [runs[runs.length], run] = [run.trimEnd(), ''];
      }
      if (run !== '') runs.push(run.trimEnd());
      const unique = [...new Set(runs)];
      const [first] = unique;
      if (first === undefined || !node.range) return;
      // the first run as written in the file (escapes aside, it is there verbatim)
      const at = source.text.indexOf(first, node.range[0]);
      const found = at >= 0 && at < node.range[1];
      const start = found ? at : node.range[0];
      const shown = unique.slice(0, 6).map((r) => `„${r}“`);
      const more = unique.length - shown.length;
      out.push(
        diagnose(
          'RM601',
          source.file,
          positionOfRange(source.lineCounter, start, found ? start + first.length : undefined),
          {
            characters: `${shown.join(', ')}${more > 0 ? ` und ${String(more)} weitere` : ''} (${[...scripts].join(', ')})`,
            fonts: fonts.fonts,
          },
        ),
      );
    },
  });
  return out;
}
