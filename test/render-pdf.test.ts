import { expect } from 'chai';
import type { Block, Document, Inline } from '../src/model/types.js';
import { buildPdfDefinition, renderPdf, renderPdfDefinition } from '../src/render/pdf/renderPdf.js';
import { extractPdfText, pdfInfo, type PdfInfo } from './helpers/pdfText.js';
import { sampleDocument } from './helpers/sampleDocument.js';

const t = (text: string): Inline => ({ type: 'text', text });
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const withBlocks = (blocks: Block[]): Document => ({ meta: sampleDocument.meta, blocks });

/** every text leaf of the given blocks, in document order */
function texts(blocks: readonly Block[]): string[] {
  const fromInlines = (inlines: readonly Inline[]): string[] =>
    inlines.flatMap((i) =>
      i.type === 'text' ? [i.text] : i.type === 'break' ? [] : fromInlines(i.children),
    );
  return blocks.flatMap((b): string[] => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        return fromInlines(b.children);
      case 'list':
        return b.items.flatMap(texts);
      case 'quote':
      case 'box':
        return texts(b.children);
      case 'table':
        return [...(b.header ?? []), ...b.rows.flat()].flatMap((c) => fromInlines(c.children));
      case 'pagebreak':
        return [];
    }
  });
}

const lines = (page: string): string[] => page.split('\n');

describe('renderPdf', function () {
  let pdf: Buffer;
  let pages: string[];
  let info: PdfInfo;

  before(async function () {
    pdf = await renderPdf(sampleDocument);
    pages = (await extractPdfText(pdf)).pages;
    info = await pdfInfo(pdf);
  });

  it('writes an A4 PDF with the page break honoured', function () {
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(info.pageCount).to.equal(2);
    for (const [w, h] of info.pageSizes) {
      expect(w).to.be.closeTo(595.28, 0.01);
      expect(h).to.be.closeTo(841.89, 0.01);
    }
    expect(pages[0]).not.to.include('Nach dem Seitenumbruch.');
    expect(lines(pages[1] ?? '')[0]).to.equal('Nach dem Seitenumbruch.');
  });

  it('contains every text of the document, literally', function () {
    const all = pages.join('\n');
    for (const text of texts(sampleDocument.blocks).filter((s) => s !== '')) {
      expect(all, text).to.include(text.trim());
    }
    expect(all).to.include('Schüler*innen');
    expect(all).not.to.include('\u00ad');
  });

  it('sets inline markup as one line and `break` as a new line', function () {
    const page1 = lines(pages[0] ?? '');
    expect(page1).to.include(
      'Schüler*innen und fett und kursiv, siehe https://integration.kreis-coesfeld.de/',
    );
    expect(page1).to.include('zweite Zeile <&> {{x}}');
  });

  it('renders table rows as lines, with the data table header', function () {
    const page1 = lines(pages[0] ?? '');
    expect(page1).to.include('Gremium Datum Zuständigkeit');
    expect(page1).to.include('Integrationsausschuss 04.02.2020 Kenntnisnahme');
    expect(page1).to.include('Vorlagenart Mitteilungsvorlage');
    expect(page1).to.include('Albanisch Amharisch Arabisch Armenisch');
    expect(page1).to.include('2020 626.377,32 €');
  });

  it('numbers each ordered list from 1', function () {
    const page1 = lines(pages[0] ?? '');
    expect(page1).to.include.members(['1. eins', '2. zwei', '1. neu eins']);
  });

  it('puts "footer · Seite x von y" at the bottom of every page', function () {
    pages.forEach((page, i) => {
      expect(lines(page).at(-1)).to.equal(
        `Kreis Coesfeld · SV-9-1601 Seite ${String(i + 1)} von ${String(pages.length)}`,
      );
    });
  });

  it('links the URL', function () {
    const urls = info.links.flat().map((l) => l.url);
    expect(urls).to.include('https://integration.kreis-coesfeld.de/');
  });

  it('writes the document information and /Lang', function () {
    expect(info.info).to.include({
      Title: 'SV-9-1601 Bericht der Verwaltung & Co',
      Author: 'Kreis Coesfeld – Kommunales Integrationszentrum',
      Subject: 'Mitteilungsvorlage SV-9-1601',
      Keywords: 'Integrationsausschuss, SV-9-1601',
      Creator: 'ratsmappe',
      Producer: 'ratsmappe (pdfmake)',
      CreationDate: 'D:20200122000000Z',
      ModDate: 'D:20200122000000Z',
      Language: 'de-DE',
    });
    const raw = pdf.toString('latin1');
    expect(raw).to.include('/Lang (de-DE)');
    expect(raw).not.to.include('/StructTreeRoot');
  });

  it('adds level 1–3 headings as nested bookmarks pointing at the headings', function () {
    const outline = info.outline.map((o) => ({
      title: o.title,
      dest: o.dest,
      page: o.page,
      items: o.items.map((c) => ({ title: c.title, items: c.items.map((g) => g.title) })),
    }));
    expect(outline).to.deep.equal([
      {
        title: 'Bericht der Verwaltung',
        dest: 'betreff',
        page: 1,
        items: [
          { title: 'Beschlussvorschlag', items: [] },
          { title: 'Begründung', items: ['Sprachmittlerpool'] },
        ],
      },
    ]);
  });

  it('is byte-identical run to run, also when rendering concurrently', async function () {
    const [a, b] = await Promise.all([renderPdf(sampleDocument), renderPdf(sampleDocument)]);
    expect(a.equals(pdf)).to.equal(true);
    expect(b.equals(pdf)).to.equal(true);
  });

  it('points internal links at the heading destination', async function () {
    const doc = withBlocks([
      p(t('Siehe '), { type: 'link', href: '#ziel', children: [t('Ziel')] }, t('.')),
      { type: 'pagebreak' },
      { type: 'heading', level: 2, id: 'ziel', children: [t('Ziel')] },
      p(t('Text')),
    ]);
    const { links, outline } = await pdfInfo(await renderPdf(doc));
    expect(links[0]).to.have.length(1);
    expect(links[0]?.[0]).to.include({ url: null, dest: 'ziel', destPage: 2 });
    expect(outline.map((o) => [o.title, o.dest, o.page])).to.deep.equal([['Ziel', 'ziel', 2]]);
  });

  it('rejects an invalid meta.date', async function () {
    const doc: Document = { meta: { ...sampleDocument.meta, date: '22.01.2020' }, blocks: [] };
    let error: unknown;
    await renderPdf(doc).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/meta\.date/);
  });
});

describe('renderPdf keeps headings with the next block', function () {
  const after =
    'Absatz nach der Zielüberschrift, lang genug für mehr als eine Zeile: Die Verwaltung berichtet ' +
    'über die Umsetzung der Maßnahmen im Bereich der Integration im Kreisgebiet.';
  /** k one-line paragraphs and a list of j items move the heading down in steps of a few pt */
  const crafted = (k: number, j: number): Document =>
    withBlocks([
      ...Array.from({ length: k }, (_, i) => p(t(`Füllabsatz ${String(i + 1)}.`))),
      ...(j > 0
        ? [
            {
              type: 'list',
              ordered: false,
              items: Array.from({ length: j }, () => [p(t('Punkt'))]),
            } as const,
          ]
        : []),
      { type: 'heading', level: 2, children: [t('Zielüberschrift')] },
      p(t(after)),
    ]);

  /** lines of body text on the heading's page below the heading (footer excluded) */
  async function linesBelowHeading(pdf: Buffer): Promise<{ below: number; samePage: boolean }> {
    const { pages } = await extractPdfText(pdf);
    const page = pages.findIndex((s) => s.includes('Zielüberschrift'));
    const pageLines = lines(pages[page] ?? '');
    const below = pageLines.length - 1 - pageLines.indexOf('Zielüberschrift') - 1;
    return { below, samePage: pages[page]?.includes('Absatz nach der Zielüberschrift') ?? false };
  }

  it('moves a heading that would be the last line of a page', async function () {
    // find crafted documents that, without the rule, leave the heading at the page bottom
    const critical: Document[] = [];
    for (let k = 29; k <= 32; k++) {
      for (let j = 0; j <= 5; j++) {
        const doc = crafted(k, j);
        const { definition, outline } = buildPdfDefinition(doc);
        delete definition.pageBreakBefore;
        const { below } = await linesBelowHeading(await renderPdfDefinition(definition, outline));
        if (below < 2) critical.push(doc);
      }
    }
    expect(critical.length, 'the crafted documents must stress the rule').to.be.greaterThan(0);
    for (const doc of critical) {
      const { below, samePage } = await linesBelowHeading(await renderPdf(doc));
      expect(samePage).to.equal(true);
      expect(below).to.be.at.least(2);
    }
  });
});
