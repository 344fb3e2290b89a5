import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { buildContent, exampleContentDir, secondContentDir } from './helpers/exampleBuild.js';
import { catalog, entry, objectsOfType, qdfObjects, qpdfCheck } from './helpers/pdfStructure.js';

const anlagenDir = fileURLToPath(new URL('./fixtures/anlagen-sitzung/', import.meta.url));

/**
 * Every PDF that `npm start` writes (Vorlagen and packets, public and members', of both test
 * meetings) passes `qpdf --check` and carries the PDF/A-2b structure: pdfaid part 2, an sRGB
 * output intent, only embedded fonts, print-flagged annotations, /Lang de-DE, no transparency.
 * Structural checks, not a PDF/A validation (no validator is installable here; see pdfa.test.ts).
 */
describe('every output PDF is PDF/A-2b in structure', function () {
  this.timeout(300_000);

  for (const [label, dir] of [
    ['example meeting', exampleContentDir],
    ['second meeting', secondContentDir],
    // with Anlagen: only the files that claim PDF/A (anlagen.test.ts: which do) must meet it
    ['meeting with Anlagen', anlagenDir],
  ] as const) {
    it(label, async () => {
      const pdfs = (await buildContent(dir))
        .flatMap((o) => o.artifacts)
        .filter((a) => a.name.endsWith('.pdf'));
      expect(pdfs.length).to.be.at.least(4);
      for (const pdf of pdfs) {
        if (dir === anlagenDir) {
          expect(qpdfCheck(pdf.bytes).status, pdf.name).to.equal(0);
          if (!Buffer.from(pdf.bytes).toString('latin1').includes('pdfaid:part')) continue;
        }
        const check = qpdfCheck(pdf.bytes);
        expect(check.status, `${pdf.name}: ${check.output}`).to.equal(0);
        const file = qdfObjects(pdf.bytes);
        const root = catalog(file);
        expect(entry(root.dict, 'Lang'), pdf.name).to.equal('(de-DE)');
        expect(entry(root.dict, 'OutputIntents'), pdf.name).to.not.equal(undefined);
        const xmp = Buffer.from(pdf.bytes).toString('latin1');
        expect(xmp, pdf.name)
          .to.match(/pdfaid:part>2</)
          .and.to.match(/pdfaid:conformance>B</);
        for (const font of objectsOfType(file, 'FontDescriptor')) {
          expect(/\/FontFile[23]?\s/.test(font.dict), `${pdf.name}: font not embedded`).to.equal(
            true,
          );
        }
        for (const annot of objectsOfType(file, 'Annot'))
          expect(entry(annot.dict, 'F'), pdf.name).to.equal('4');
        expect(
          [...file.objects.values()].some((o) => /\/SMask|\/S\s*\/Transparency/.test(o.dict)),
          pdf.name,
        ).to.equal(false);
      }
    });
  }
});
