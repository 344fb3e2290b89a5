/**
 * src/render/pdf/fastSubset.ts writes the TrueType subset of each font of each PDF itself: its
 * bytes must be exactly those fontkit's TTFSubset.encode writes, for every face the tool ships
 * and the fixtures' own fonts, for glyph sets small and large, with composite glyphs (whose
 * components it includes and renumbers) among them.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encodeTrueTypeSubset, type TrueTypeSubset } from '../src/render/pdf/fastSubset.js';
import { requirePdfmake } from '../src/render/pdf/pdfmakeInternals.js';
import { FONT_FILES } from './helpers/fontFiles.js';

interface Font {
  readonly numGlyphs: number;
  glyphForCodePoint(cp: number): {
    readonly id: number;
    _decode(): { numberOfContours: number } | null;
  };
  createSubset(): TrueTypeSubset & { encode(): Uint8Array };
}
const fontkit = requirePdfmake('fontkit') as { create(bytes: Uint8Array): Font };

const TEXT = 'Die Sprachmittlung im Kreis Coesfeld: Äöü ß – „Anführung“ 1.300 € ½ é ñ Ω ﬁ Ąę Ǻ ';

describe('TrueType subsets written directly (fastSubset.ts)', function () {
  this.timeout(120_000);

  for (const file of FONT_FILES) {
    it(`writes fontkit’s bytes, ${path.basename(file)}`, () => {
      const bytes = readFileSync(file);
      const probe = fontkit.create(bytes);
      const glyphs = Array.from(TEXT, (c) => probe.glyphForCodePoint(c.codePointAt(0) ?? 0));
      const textGlyphs = glyphs.map((glyph) => glyph.id);
      // the text has composite glyphs (accented letters), whose components the subset adds
      const composites = glyphs.filter((glyph) => (glyph._decode()?.numberOfContours ?? 0) < 0);
      expect(composites.length, 'composite glyphs in the text').to.be.above(0);
      const sets = [
        [],
        textGlyphs,
        Array.from({ length: 300 }, (_, i) => (i * 7919) % probe.numGlyphs),
        Array.from({ length: probe.numGlyphs }, (_, i) => probe.numGlyphs - 1 - i),
      ];
      for (const set of sets) {
        const [ours, theirs] = [
          fontkit.create(bytes).createSubset(),
          fontkit.create(bytes).createSubset(),
        ];
        for (const id of set) {
          ours.includeGlyph(id);
          theirs.includeGlyph(id);
        }
        const fast = encodeTrueTypeSubset(ours);
        expect(fast, `a subset of ${String(set.length)} glyphs`).to.not.equal(undefined);
        const own = theirs.encode();
        expect(
          Buffer.compare(fast ?? new Uint8Array(), own),
          `${String(set.length)} glyphs`,
        ).to.equal(0);
        // the same glyphs, the composites' components included, in the same order
        expect(ours.glyphs).to.deep.equal(theirs.glyphs);
        if (set === textGlyphs) expect(ours.glyphs.length).to.be.above(new Set(set).size + 1);
      }
    });
  }
});
