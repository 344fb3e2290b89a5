import { expect } from 'chai';
import type { Block, Document, Inline } from '../src/model/types.js';
import { buildPdfDefinition, renderPdf, renderPdfDefinition } from '../src/render/pdf/renderPdf.js';
import { expectPdfReadsBack } from './helpers/pdfReadBack.js';
import { extractPdfText, pdfInfo, type PdfInfo } from './helpers/pdfText.js';
import { sampleDocument } from './helpers/sampleDocument.js';

const t = (text: string): Inline => ({ type: 'text', text });
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const withBlocks = (blocks: Block[]): Document => ({ meta: sampleDocument.meta, blocks });

/** every text leaf of the given blocks, in document order */
function texts(blocks: readonly Block[]): string[] {
  const fromInlines = (inlines: readonly Inline[]): string[] =>
    inlines.flatMap((i) =>
      i.type === 'text'
        ? [i.text]
        : i.type === 'break' || i.type === 'pageref'
          ? []
          : fromInlines(i.children),
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
      case 'chart':
        return [b.title];
      case 'image':
        return b.caption === undefined ? [] : [b.caption];
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
    expect(info.pageCount).to.equal(3); // the figures table continues on page 2
    for (const [w, h] of info.pageSizes) {
      expect(w).to.be.closeTo(595.28, 0.01);
      expect(h).to.be.closeTo(841.89, 0.01);
    }
    expect(pages.slice(0, -1).join('\n')).not.to.include('Nach dem Seitenumbruch.');
    expect(lines(pages.at(-1) ?? '')[0]).to.equal('Nach dem Seitenumbruch.');
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

  it('renders every table row as a line, the header repeated where a table continues', function () {
    const all = pages.flatMap(lines);
    const tables = sampleDocument.blocks.flatMap((b) => (b.type === 'table' ? [b] : []));
    for (const table of tables) {
      for (const row of table.header ? [table.header, ...table.rows] : table.rows) {
        const line = row
          .flatMap((c) => texts([{ type: 'paragraph', children: c.children }]))
          .filter((text) => text !== '')
          .join(' ');
        expect(all, line).to.include(line);
      }
    }
    expect(all).to.include.members(['Kreistag 18.03.2020 Entscheidung', 'Summe 1.096.877,32 €']);
    expect(lines(pages[1] ?? '').slice(0, 2)).to.deep.equal(['Jahr Betrag', '2020 626.377,32 €']);
  });

  it('numbers each ordered list from 1 and sets every item of the nested lists', function () {
    const all = pages.flatMap(lines);
    expect(all).to.include.members(['1. eins', '2. zwei', '3. drei', '1. neu eins']);
    expect(all).to.include.members(['1. zwei.eins', '2. zwei.zwei']);
    const bullets = ['erster Punkt', 'zweiter Punkt', 'Unterpunkt a', 'Unterpunkt b'];
    expect(all).to.include.members([...bullets, 'Unterpunkt c', 'dritter Punkt']);
  });

  it('reads back as the model says (text in order, rows, items, headings, bookmarks, links)', async function () {
    await expectPdfReadsBack(sampleDocument, pdf);
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

describe('renderPdf edge cases', function () {
  const cell = (text: string) => ({ children: [t(text)], align: 'left' as const });
  const pageLines = async (blocks: Block[]): Promise<string[]> =>
    lines((await extractPdfText(await renderPdf(withBlocks(blocks)))).pages[0] ?? '');

  it('leaves out a table without rows and prints the header of grid and fields tables', async function () {
    const page = await pageLines([
      p(t('vorher')),
      { type: 'table', variant: 'data', header: null, rows: [] },
      { type: 'table', variant: 'grid', header: [cell('Kopf Raster')], rows: [] },
      {
        type: 'table',
        variant: 'fields',
        header: [cell('Kopf'), cell('Felder')],
        rows: [[cell('a'), cell('b')]],
      },
      p(t('nachher')),
    ]);
    expect(page.slice(0, -1)).to.deep.equal([
      'vorher',
      'Kopf Raster',
      'Kopf Felder',
      'a b',
      'nachher',
    ]);
  });

  it('prints the page number of a reference on every line of a paragraph', async function () {
    const ref = { type: 'pageref', target: 'ziel' } as const;
    const page = await pageLines([
      { type: 'heading', level: 2, id: 'ziel', children: [t('Ziel')] },
      p(t('erste Zeile '), ref, { type: 'break' }, t('zweite Zeile '), ref),
    ]);
    expect(page).to.include.members(['erste Zeile 1', 'zweite Zeile 1']);
  });

  it('keeps a text that fits its auto column on one line', async function () {
    const page = await pageLines([
      {
        type: 'table',
        variant: 'data',
        header: [cell(''), cell('die längste Spalte')],
        rows: [[cell('.aaas?<‚'), cell('')]],
      },
    ]);
    expect(page).to.include('.aaas?<‚');
  });
});

describe('renderPdf page breaks', function () {
  /**
   * k one-line paragraphs and a list of j items push the tail down the first page in steps
   * of a few pt, so that some of the documents hit the page bottom at a critical point.
   */
  const crafted = (k: number, j: number, tail: Block[]): Document =>
    withBlocks([
      ...Array.from({ length: k }, (_, i) => p(t(`Füllabsatz ${String(i + 1)}.`))),
      { type: 'list', ordered: false, items: Array.from({ length: j + 1 }, () => [p(t('Punkt'))]) },
      ...tail,
    ]);

  /**
   * Renders the crafted documents without and with the page-break rules: at least one must
   * be bad without them (so the test bites), none may be bad with them.
   */
  async function sweep(tail: Block[], isBad: (pages: string[][]) => boolean): Promise<void> {
    let badWithout = 0;
    for (const k of [30, 31]) {
      for (let j = 0; j <= 5; j++) {
        const { definition, outline } = buildPdfDefinition(crafted(k, j, tail), {
          keepTogether: false,
        });
        const control = await extractPdfText(await renderPdfDefinition(definition, outline));
        if (isBad(control.pages.map(lines))) badWithout++;
        const { pages } = await extractPdfText(await renderPdf(crafted(k, j, tail)));
        expect(isBad(pages.map(lines)), `k=${String(k)} j=${String(j)}`).to.equal(false);
      }
    }
    expect(badWithout, 'documents that break badly without the rules').to.be.greaterThan(0);
  }

  /** [page, line] of the first line containing `text` */
  const find = (pages: string[][], text: string): [number, number] => {
    const page = pages.findIndex((ls) => ls.some((l) => l.includes(text)));
    return [page, pages[page]?.findIndex((l) => l.includes(text)) ?? -1];
  };

  it('keeps a heading with the following paragraph', async function () {
    const text =
      'Absatz nach der Zielüberschrift, lang genug für mehr als eine Zeile: Die Verwaltung ' +
      'berichtet über die Umsetzung der Maßnahmen im Bereich der Integration im Kreisgebiet.';
    await sweep(
      [{ type: 'heading', level: 2, children: [t('Zielüberschrift')] }, p(t(text))],
      (pages) => {
        const [hp, hl] = find(pages, 'Zielüberschrift');
        const [pp, pl] = find(pages, 'Absatz nach der Zielüberschrift');
        return hp !== pp || pl !== hl + 1;
      },
    );
  });

  it('keeps a heading with the header and first row of a data table', async function () {
    const cell = (s: string) => ({ children: [t(s)], align: 'left' as const });
    const table: Block = {
      type: 'table',
      variant: 'data',
      header: [cell('Kopfzeile'), cell('Betrag')],
      rows: [
        [cell('Erste Zeile'), cell('1,00 €')],
        [cell('Zweite Zeile'), cell('2,00 €')],
      ],
    };
    await sweep([{ type: 'heading', level: 3, children: [t('Tabellentitel')] }, table], (pages) => {
      const [hp] = find(pages, 'Tabellentitel');
      return hp !== find(pages, 'Kopfzeile')[0] || hp !== find(pages, 'Erste Zeile')[0];
    });
  });

  it('does not split a short paragraph across pages', async function () {
    const text =
      'Kurzer Absatz: Die Verwaltung berichtet über die Umsetzung der Maßnahmen im Bereich der ' +
      'Integration im Kreisgebiet. Im Berichtszeitraum wurden zahlreiche Angebote für ' +
      'Schüler*innen, Eltern und Lehrkräfte durchgeführt, die sich an den Bedarfen orientieren.';
    await sweep([p(t(text))], (pages) => {
      const [first] = find(pages, 'Kurzer Absatz');
      return first !== find(pages, 'Bedarfen orientieren.')[0];
    });
  });
});
