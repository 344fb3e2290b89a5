import { exampleChartWords, withoutChartWords } from './helpers/chartLabels.js';
import { expect } from 'chai';
import { extractDocxText } from './helpers/docxText.js';
import { buildExample, normalizeSpace } from './helpers/exampleBuild.js';
import { extractPdfText } from './helpers/pdfText.js';
import { bodyMeta, vorlageBlock } from '../src/template/letterhead.js';
import type { ComposedVorlage } from '../src/compose/compose.js';

/**
 * The letterhead's words (DOCX: the first page's header, not body text; PDF: the top of page 1,
 * in the renderer's order): checked as a set, then dropped from the PDF text.
 */
function dropLetterhead(words: readonly string[], vorlage: ComposedVorlage): string[] {
  const { letterhead } = bodyMeta(vorlage.einstellungen, vorlageBlock(vorlage));
  const head = normalizeSpace(
    [
      letterhead.name,
      ...letterhead.anschrift,
      ...letterhead.block.flatMap((b) => [b.label, b.value]),
    ].join(' '),
  ).split(' ');
  expect([...words.slice(0, head.length)].sort(), 'the letterhead opens page 1').to.deep.equal(
    [...head].sort(),
  );
  return words.slice(head.length);
}

/** PDF body text: the running footer of each page removed. */
async function pdfBody(bytes: Uint8Array): Promise<string> {
  const { pages } = await extractPdfText(bytes);
  return normalizeSpace(pages.map((p) => p.replace(/^.*Seite \d+ von \d+$/m, '')).join('\n'));
}

describe('PDF and DOCX say the same thing', () => {
  const chartWords = exampleChartWords();
  it('every Vorlage of the example meeting has the same text in both formats', async () => {
    const outputs = await buildExample();
    const pdfs = outputs.flatMap((o) => o.artifacts).filter((a) => /\/SV-[^/]+\.pdf$/.test(a.name));
    expect(pdfs.length).to.be.greaterThan(1);
    for (const pdf of pdfs) {
      const docx = outputs
        .flatMap((o) => o.artifacts)
        .find((a) => a.name === pdf.name.replace(/\.pdf$/, '.docx'));
      expect(docx, pdf.name).to.not.equal(undefined);
      const pdfText = await pdfBody(pdf.bytes);
      const docxText = normalizeSpace(await extractDocxText(docx?.bytes ?? new Uint8Array()));
      expect(pdfText.length).to.be.greaterThan(500);
      const vorlage = outputs
        .flatMap((o) => o.meeting.vorlagen)
        .find((v) => pdf.name.endsWith(`/${v.ordner}.pdf`));
      if (!vorlage) throw new Error(`no Vorlage for ${pdf.name}`);
      // a chart's labels are text in the PDF, a picture in the DOCX
      const charts = (await chartWords).get(vorlage.ordner) ?? [];
      const [a, b] = [
        withoutChartWords(dropLetterhead(pdfText.split(' '), vorlage), charts),
        docxText.split(' '),
      ];
      const at = a.findIndex((word, i) => word !== b[i]);
      const context = (words: string[]) => words.slice(Math.max(0, at - 8), at + 8).join(' ');
      expect(
        at === -1 && a.length === b.length,
        `${pdf.name} differs at word ${at}:\nPDF:  ${context(a)}\nDOCX: ${context(b)}`,
      ).to.equal(true);
    }
  });
});
