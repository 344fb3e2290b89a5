/**
 * The planned keep-together breaks of a long document (src/render/pdf/planBreaks.ts) must give
 * exactly the document pdfmake's own passes give (it lays the document out again after each
 * break): the same bytes, so the same page breaks everywhere. The document is long enough for
 * the planner (≥ 250 top-level nodes, about 60 pages) and mixes short and long paragraphs,
 * headings of every level, lists and data tables, so that every rule fires many times.
 */
import { expect } from 'chai';
import type { Block, Document, Inline } from '../src/model/types.js';
import type { Content } from 'pdfmake/interfaces.js';
import { planBreaks } from '../src/render/pdf/planBreaks.js';
import { buildPdfDefinition, renderPdfDefinition } from '../src/render/pdf/renderPdf.js';
import { extractPdfText } from './helpers/pdfText.js';
import { sampleDocument } from './helpers/sampleDocument.js';

const t = (text: string): Inline => ({ type: 'text', text });
const words = [
  'Verwaltung',
  'Integration',
  'Kreisgebiet',
  'Maßnahmen',
  'Förderung',
  'Beratung',
  'Schüler*innen',
  'Ehrenamt',
  'Sprachmittlung',
  'Jugendhilfe',
  'Bildung',
  'Teilhabe',
  'Netzwerk',
  'Angebote',
];

/** A deterministic pseudo-random text of n words (no Math.random: the test must repeat). */
function prose(seed: number, n: number): string {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(words[x % words.length] ?? 'und');
  }
  return `${out.join(' ')}.`;
}

function longDocument(): Document {
  const blocks: Block[] = [];
  for (let i = 0; i < 300; i++) {
    if (i % 17 === 0) {
      blocks.push({
        type: 'heading',
        level: (((i / 17) % 3) + 2) as 2 | 3 | 4,
        children: [t(`Abschnitt ${String(i)}`)],
      });
    }
    if (i % 23 === 5) {
      blocks.push({
        type: 'list',
        ordered: i % 2 === 0,
        items: [1, 2, 3].map((k) => [{ type: 'paragraph', children: [t(prose(i * 7 + k, 12))] }]),
      });
    }
    if (i % 41 === 9) {
      const cell = (text: string) => ({ children: [t(text)], align: 'left' as const });
      blocks.push({
        type: 'table',
        variant: 'data',
        header: [cell('Jahr'), cell('Betrag')],
        rows: [2019, 2020, 2021].map((y) => [cell(String(y)), cell(`${String(y * 3)},00 €`)]),
      });
    }
    // 3 to 90 words: one to seven lines
    blocks.push({ type: 'paragraph', children: [t(prose(i, 3 + ((i * 37) % 88)))] });
  }
  return { meta: sampleDocument.meta, blocks };
}

describe('planned page breaks of a long document', function () {
  this.timeout(300_000);

  it('give exactly the PDF of pdfmake’s own passes', async () => {
    const doc = longDocument();
    const planned = buildPdfDefinition(doc);
    const own = buildPdfDefinition(doc);
    const [a, b] = [
      await renderPdfDefinition(planned.definition, planned.outline),
      await renderPdfDefinition(own.definition, own.outline, { plan: false }),
    ];
    const pages = (await extractPdfText(a)).pages.length;
    expect(pages, 'long enough for the planner').to.be.greaterThan(40);
    expect(Buffer.compare(a, b), 'planned and unplanned PDFs differ').to.equal(0);
    // and the planner had work to do: the rules break the document at many places
    const again = buildPdfDefinition(doc);
    const rule = again.definition.pageBreakBefore;
    if (rule === undefined) throw new Error('no keep-together rule');
    const breaks = await planBreaks(
      again.definition as typeof again.definition & { content: Content[] },
      rule,
    );
    expect(breaks).to.be.at.least(5);
  });
});
