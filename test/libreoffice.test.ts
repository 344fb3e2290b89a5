import { exampleChartWords, withoutChartWords } from './helpers/chartLabels.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { sofficeToPdf } from './helpers/soffice.js';
import { exampleArtifact, normalizeSpace } from './helpers/exampleBuild.js';
import { extractPdfText } from './helpers/pdfText.js';

/**
 * The DOCX opens in LibreOffice without loss: convert it headless to PDF (as a clerk's office
 * suite would open and print it) and compare its text with the text of our own PDF.
 * Needs Debian's libreoffice-writer-nogui (installed by .ci/run).
 */
describe('LibreOffice opens the DOCX without loss', function () {
  this.timeout(180_000);

  it('SV-9-1601.docx converted by soffice has the same text as SV-9-1601.pdf, with page numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-lo-'));
    try {
      writeFileSync(join(dir, 'SV-9-1601.docx'), await exampleArtifact('SV-9-1601.docx'));
      sofficeToPdf(dir, 'SV-9-1601.docx');
      const converted = await extractPdfText(readFileSync(join(dir, 'SV-9-1601.pdf')));
      const ours = await extractPdfText(await exampleArtifact('SV-9-1601.pdf'));
      const body = (pages: string[]) =>
        normalizeSpace(pages.map((p) => p.replace(/^.*Seite \d+ von \d+$/m, '')).join('\n'));
      // the chart is a picture in the DOCX, its labels are text in our PDF
      const charts = (await exampleChartWords()).get('SV-9-1601') ?? [];
      expect(body(converted.pages)).to.equal(
        withoutChartWords(body(ours.pages).split(' '), charts).join(' '),
      );
      converted.pages.forEach((page, i) => {
        expect(page).to.match(
          new RegExp(
            `Kreis Coesfeld · Mitteilungsvorlage SV-9-1601\\s+Seite ${i + 1} von ${converted.pages.length}`,
          ),
        );
      });
      expect(converted.pages.length).to.be.within(ours.pages.length - 1, ours.pages.length + 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
