/**
 * src/render/pdf/plainShaping.ts lays plain words out without fontkit's shaping engine. Its
 * glyph runs must be exactly fontkit's: compared glyph by glyph (id, characters, advance) and
 * position by position for every word of the example and the fixtures, every pair of a
 * German character set and many triples, in every face the tool ships and the fixtures'
 * own fonts. Each side parses the font on its own (fontkit keeps glyph objects per parse).
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireFontkitDependency, requirePdfmake } from '../src/render/pdf/pdfmakeInternals.js';
import {
  plainShaper,
  type ShapedFont,
  type UnicodeProperties,
} from '../src/render/pdf/plainShaping.js';
import { ROBOTO } from '../src/render/pdf/roboto.js';
import { FONT_FILES } from './helpers/fontFiles.js';

interface Run {
  readonly glyphs: readonly {
    readonly id: number;
    readonly codePoints: readonly number[];
    readonly advanceWidth: number;
  }[];
  readonly positions: readonly Record<'xAdvance' | 'yAdvance' | 'xOffset' | 'yOffset', number>[];
  readonly advanceWidth: number;
}

const fontkit = requirePdfmake('fontkit') as {
  create(bytes: Uint8Array): Omit<ShapedFont, 'layout'> & { layout(text: string): Run };
};
const unicode = requireFontkitDependency('unicode-properties') as UnicodeProperties;
const root = fileURLToPath(new URL('..', import.meta.url));

/** The words of the content files under a folder, each also with a space after it (as pdfkit asks). */
function wordsUnder(dir: string): Set<string> {
  const words = new Set<string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const file = path.join(at, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(ya?ml|md|hbs)$/.test(entry.name))
        for (const word of readFileSync(file, 'utf8').split(/[ \t\n]+/))
          if (word !== '') words.add(word).add(`${word} `);
    }
  };
  walk(path.resolve(root, dir));
  return words;
}

const exampleWords = wordsUnder('content');
const corpus = new Set([...exampleWords, ...wordsUnder('test/fixtures')]);
const chars = Array.from('aefiklnrtxyzAFLTVWYäöüÄÖÜß0179.,:;!?-–„“‚‘’"\'()/§%€& ');
for (const a of chars) for (const b of chars) corpus.add(a + b);
for (const a of 'TVWAYLPFfkry')
  for (const b of chars) for (const c of 'ae.,') corpus.add(a + b + c);

/** A plain run's difference from fontkit's, or undefined where they are the same. */
function difference(plain: Run, own: Run): string | undefined {
  if (plain.glyphs.length !== own.glyphs.length) return 'glyph count';
  for (let i = 0; i < own.glyphs.length; i++) {
    const [a, b] = [plain.glyphs[i], own.glyphs[i]];
    if (a?.id !== b?.id) return `glyph ${i}`;
    if (String(a?.codePoints) !== String(b?.codePoints)) return `characters of glyph ${i}`;
    if (a?.advanceWidth !== b?.advanceWidth) return `advance of glyph ${i}`;
    for (const key of ['xAdvance', 'yAdvance', 'xOffset', 'yOffset'] as const)
      if (plain.positions[i]?.[key] !== own.positions[i]?.[key]) return `${key} of glyph ${i}`;
  }
  return plain.advanceWidth === own.advanceWidth ? undefined : 'run advance';
}

describe('plain words laid out without fontkit’s shaping engine (plainShaping.ts)', function () {
  this.timeout(120_000);

  for (const file of FONT_FILES) {
    it(`gives fontkit’s glyph runs for every plain word, ${path.basename(file)}`, () => {
      const bytes = readFileSync(file);
      const shaper = plainShaper(fontkit.create(bytes), unicode);
      expect(shaper, 'a shaper for the font').to.not.equal(undefined);
      const own = fontkit.create(bytes);
      let plain = 0;
      let plainExample = 0;
      const differences: string[] = [];
      for (const word of corpus) {
        const run = shaper?.layout(word) as Run | undefined;
        if (run === undefined) continue;
        plain++;
        if (exampleWords.has(word)) plainExample++;
        const diff = difference(run, own.layout(word));
        if (diff !== undefined) differences.push(`${JSON.stringify(word)}: ${diff}`);
      }
      expect(differences).to.deep.equal([]);
      // it does the work: nearly every word of the example is plain, most of the rest
      expect(plainExample / exampleWords.size).to.be.above(0.9);
      expect(plain / corpus.size).to.be.above(0.85);
    });
  }

  it('leaves to fontkit what a substitution, a mark or another script touches', () => {
    const bytes = readFileSync(ROBOTO.normal);
    const shaper = plainShaper(fontkit.create(bytes), unicode);
    const own = fontkit.create(bytes);
    // fontkit makes a ligature of fi: fewer glyphs than characters
    expect(own.layout('finden').glyphs.length).to.equal(5);
    for (const word of [
      'finden',
      'Schifffahrt',
      'offen ',
      'e\u0301',
      'i\u0307',
      'Ge\u00adbühr',
      '1\u20442',
      'Zoë\u200b',
      'Ωmega',
      '国',
      '😀',
    ])
      expect(shaper?.layout(word), JSON.stringify(word)).to.equal(undefined);
    // what fontkit gives the same letters without the ligature's pair is plain
    expect(shaper?.layout('fanden')).to.not.equal(undefined);
    expect(shaper?.layout('Kreis ')).to.not.equal(undefined);
    expect(shaper?.layout('1.300 €')).to.not.equal(undefined);
  });
});
