import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { expect } from 'chai';
import JSZip from 'jszip';

import type { Block, Document, Inline } from '../src/model/types.js';
import { renderDocx } from '../src/render/docx/renderDocx.js';
import { readDocxBody, type DocxBlock } from './helpers/docxBody.js';
import { expectDocxReadsBack } from './helpers/docxExpected.js';
import { docxXml, extractDocxFooterText, extractDocxText } from './helpers/docxText.js';
import { sampleDocument } from './helpers/sampleDocument.js';

const sha256 = (buf: Uint8Array): string => createHash('sha256').update(buf).digest('hex');

/** every text node of the blocks, in document order */
function textsOf(blocks: readonly Block[]): string[] {
  const ofInlines = (inlines: readonly Inline[]): string[] =>
    inlines.flatMap((inline) =>
      inline.type === 'text'
        ? [inline.text]
        : 'children' in inline
          ? ofInlines(inline.children)
          : [],
    );
  return blocks.flatMap((block): string[] => {
    switch (block.type) {
      case 'heading':
      case 'paragraph':
        return ofInlines(block.children);
      case 'list':
        return block.items.flatMap(textsOf);
      case 'table':
        return [...(block.header ?? []), ...block.rows.flat()].flatMap((cell) =>
          ofInlines(cell.children),
        );
      case 'quote':
      case 'box':
        return textsOf(block.children);
      case 'pagebreak':
        return [];
      case 'chart':
        return [block.title];
      case 'image':
        return block.caption === undefined ? [] : [block.caption];
    }
  });
}

/** the w:p elements of a part, each with its XML and its text */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return [...xml.matchAll(/<w:p\b[^>]*>.*?<\/w:p>/gs)].map(([p]) => ({
    xml: p,
    text: [...p.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)]
      .map((m) => m[1] ?? '')
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  }));
}

function paragraphWith(xml: string, text: string): string {
  const found = paragraphs(xml).find((p) => p.text === text);
  expect(found, `paragraph "${text}"`).to.not.equal(undefined);
  return found?.xml ?? '';
}

const numIdOf = (paragraphXml: string): string | undefined =>
  /<w:numId w:val="(\d+)"\/>/.exec(paragraphXml)?.[1];

describe('renderDocx', function () {
  let buf: Buffer;
  let parts: Record<string, string>;
  let documentXml: string;
  let text: string;

  before(async function () {
    buf = await renderDocx(sampleDocument);
    parts = await docxXml(buf);
    documentXml = parts['word/document.xml'] ?? '';
    text = await extractDocxText(buf);
  });

  it('writes a zip package with the main parts', function () {
    expect(buf.subarray(0, 2).toString('latin1')).to.equal('PK');
    for (const name of [
      '[Content_Types].xml',
      'word/document.xml',
      'word/styles.xml',
      'word/numbering.xml',
      'docProps/core.xml',
    ]) {
      expect(parts, name).to.have.property(name);
    }
  });

  it('contains every text of the sample', function () {
    const lines = text.split(/[\n\t]/);
    for (const t of textsOf(sampleDocument.blocks).filter((t) => t !== '')) {
      expect(text, t).to.include(t);
    }
    expect(lines).to.include(
      'Schüler*innen und fett und kursiv, siehe https://integration.kreis-coesfeld.de/',
    );
    expect(lines).to.include('zweite Zeile <&> {{x}}');
    expect(text).to.include('Tigrinya\tTürkisch\tUngarisch\t\n');
  });

  it('escapes text in the XML and keeps it literal', function () {
    expect(documentXml).to.include('Schüler*innen und ');
    expect(documentXml).to.include('zweite Zeile &lt;&amp;&gt; {{x}}');
    // the line break sits between the link and the second line
    expect(documentXml).to.match(/<\/w:hyperlink><w:r><w:br\/><\/w:r>/);
  });

  it('formats strong and emphasis as bold and italics', function () {
    const p = paragraphWith(
      documentXml,
      'Schüler*innen und fett und kursiv, siehe https://integration.kreis-coesfeld.de/zweite Zeile <&> {{x}}',
    );
    expect(p).to.match(
      /<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">fett<\/w:t>/,
    );
    expect(p).to.match(
      /<w:r><w:rPr><w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">kursiv<\/w:t>/,
    );
  });

  it('defines heading styles with outline levels and uses them', function () {
    const styles = parts['word/styles.xml'] ?? '';
    for (const level of [1, 2, 3, 4]) {
      const style = new RegExp(
        `<w:style w:type="paragraph" w:styleId="Heading${level}">.*?</w:style>`,
      ).exec(styles)?.[0];
      expect(style, `Heading${level}`).to.be.a('string');
      expect(style).to.include(`<w:name w:val="heading ${level}"/>`);
      expect(style).to.include(`<w:outlineLvl w:val="${level - 1}"/>`);
      expect(style).to.include('<w:keepNext/>');
      expect(style).to.include('<w:b/>');
      expect(documentXml).to.include(`<w:pStyle w:val="Heading${level}"/>`);
    }
    expect(paragraphWith(documentXml, 'Bericht der Verwaltung')).to.include(
      '<w:pStyle w:val="Heading1"/>',
    );
    expect(paragraphWith(documentXml, 'Bereich „Bildung“')).to.include(
      '<w:pStyle w:val="Heading4"/>',
    );
  });

  it('sets Arial, 11 pt and the language in the document defaults', function () {
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/s.exec(
      parts['word/styles.xml'] ?? '',
    )?.[0];
    expect(defaults).to.include('w:ascii="Arial"');
    expect(defaults).to.include('<w:sz w:val="22"/>');
    expect(defaults).to.include('<w:lang w:val="de-DE"/>');
  });

  it('bookmarks headings with an id', function () {
    for (const id of ['betreff', 'begruendung', 'sprachmittlerpool']) {
      expect(documentXml).to.match(new RegExp(`<w:bookmarkStart w:name="${id}" w:id="\\d+"/>`));
    }
    expect(documentXml.match(/<w:bookmarkStart /g)).to.have.length(3);
  });

  it('links to external addresses through a relationship', function () {
    const rels = parts['word/_rels/document.xml.rels'] ?? '';
    const id =
      /<Relationship Id="([^"]+)" Type="[^"]+\/hyperlink" Target="https:\/\/integration\.kreis-coesfeld\.de\/" TargetMode="External"\/>/.exec(
        rels,
      )?.[1];
    expect(id).to.be.a('string');
    expect(documentXml).to.include(`<w:hyperlink w:history="1" r:id="${id ?? ''}">`);
    expect(documentXml).to.match(/<w:hyperlink [^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/>/);
    expect(parts['word/styles.xml']).to.match(
      /<w:style w:type="character" w:styleId="Hyperlink">.*?<w:color w:val="0563C1"\/><w:u w:val="single"\/>/,
    );
  });

  it('writes real lists, and each ordered list starts at 1', function () {
    const numbering = parts['word/numbering.xml'] ?? '';
    const bullet = numIdOf(paragraphWith(documentXml, 'erster Punkt'));
    const eins = numIdOf(paragraphWith(documentXml, 'eins'));
    const zwei = numIdOf(paragraphWith(documentXml, 'zwei'));
    const neuEins = numIdOf(paragraphWith(documentXml, 'neu eins'));
    expect(bullet).to.be.a('string');
    expect(eins).to.be.a('string');
    expect(zwei).to.equal(eins);
    expect(neuEins).to.be.a('string').and.not.equal(eins);
    expect(numIdOf(paragraphWith(documentXml, 'zweiter Punkt'))).to.equal(bullet);
    expect(numIdOf(paragraphWith(documentXml, 'dritter Punkt'))).to.equal(bullet);
    expect(numIdOf(paragraphWith(documentXml, 'drei'))).to.equal(eins);
    // the nested lists: each item in its own list, one step further right
    const sub = numIdOf(paragraphWith(documentXml, 'Unterpunkt a'));
    expect(sub).to.be.a('string').and.not.equal(bullet);
    for (const item of ['Unterpunkt b', 'Unterpunkt c'])
      expect(numIdOf(paragraphWith(documentXml, item)), item).to.equal(sub);
    const zweiEins = numIdOf(paragraphWith(documentXml, 'zwei.eins'));
    expect(zweiEins).to.be.a('string').and.not.equal(eins);
    expect(numIdOf(paragraphWith(documentXml, 'zwei.zwei'))).to.equal(zweiEins);
    expect(paragraphWith(documentXml, 'Unterpunkt c')).to.include('<w:ind w:left="1134"');

    const abstractOf = (numId: string | undefined): string => {
      const num =
        new RegExp(`<w:num w:numId="${numId ?? ''}">(.*?)</w:num>`).exec(numbering)?.[1] ?? '';
      expect(num, `w:num ${numId ?? ''}`).to.not.equal('');
      const abstractId = /<w:abstractNumId w:val="(\d+)"\/>/.exec(num)?.[1] ?? '';
      if (numId === neuEins) expect(num).to.include('<w:startOverride w:val="1"/>');
      return (
        new RegExp(`<w:abstractNum w:abstractNumId="${abstractId}"[^>]*>.*?</w:abstractNum>`).exec(
          numbering,
        )?.[0] ?? ''
      );
    };
    expect(abstractOf(bullet)).to.include('<w:numFmt w:val="bullet"/>');
    expect(abstractOf(eins)).to.include('<w:numFmt w:val="decimal"/>');
    expect(abstractOf(eins)).to.include('<w:start w:val="1"/>');
    expect(abstractOf(neuEins)).to.include('<w:numFmt w:val="decimal"/>');
    expect(abstractOf(sub)).to.include('<w:numFmt w:val="bullet"/>');
    expect(abstractOf(zweiEins)).to.include('<w:start w:val="1"/>');
  });

  it('writes real tables the width of the text', function () {
    const tables = [...documentXml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map(([t]) => t);
    // fields, data, box, grid, data
    expect(tables).to.have.length(5);
    for (const table of tables) {
      expect(table).to.include('<w:tblW w:type="dxa" w:w="9354"/>');
      const widths = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(widths.reduce((a, b) => a + b, 0)).to.equal(9354);
    }
    const [fields, data, box, grid, figures] = tables;
    expect(fields).to.include('<w:tblBorders><w:top w:val="none"');
    expect(fields).to.match(/<w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">Vorlagenart</);
    expect(fields).to.not.include('<w:tblHeader/>');

    const headerRow = /<w:tr>.*?<\/w:tr>/s.exec(data ?? '')?.[0] ?? '';
    expect(headerRow).to.include('Gremium');
    expect(headerRow).to.include('<w:tblHeader/>');
    expect(headerRow).to.include('<w:cantSplit/>');
    expect(headerRow).to.include('w:fill="D9D9D9"');
    expect(headerRow).to.match(/<w:b\/>.*Gremium/);
    expect(data).to.include('<w:insideH w:val="single"');
    expect(data?.match(/<w:cantSplit\/>/g)).to.have.length(4);

    expect(box).to.include('Der Bericht der Verwaltung wird zur Kenntnis genommen.');
    expect(box).to.include('w:fill="F2F2F2"');
    expect(box).to.include('<w:top w:val="single"');

    expect(grid).to.include('<w:tblBorders><w:top w:val="none"');
    expect(grid).to.not.include('<w:tblHeader/>');
    const gridWidths = [...(grid ?? '').matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) =>
      Number(m[1]),
    );
    expect(gridWidths).to.have.length(4);
    expect(Math.max(...gridWidths) - Math.min(...gridWidths)).to.be.at.most(3);

    expect(paragraphWith(figures ?? '', '350.000,00 €')).to.include('<w:jc w:val="right"/>');
    expect(paragraphWith(figures ?? '', 'Betrag')).to.include('<w:jc w:val="right"/>');
    expect(paragraphWith(figures ?? '', '2019')).to.not.include('<w:jc ');
  });

  it('writes every row and cell of every table', async function () {
    const body = await readDocxBody(buf);
    const tables = body.flatMap((b) => (b.kind === 'table' ? [b] : []));
    const cellText = (cell: readonly DocxBlock[]): string =>
      cell.map((b) => ('runs' in b ? b.runs.map((r) => r.text).join('') : '')).join('');
    const rows = tables.map((table) => table.rows.map((row) => row.cells.map(cellText).join('|')));
    expect(rows).to.deep.equal([
      ['Vorlagenart|Mitteilungsvorlage', 'Datum|22.01.2020'],
      [
        'Gremium|Datum|Zuständigkeit',
        'Integrationsausschuss|04.02.2020|Kenntnisnahme',
        'Kreisausschuss|11.02.2020|Vorberatung',
        'Kreistag|18.03.2020|Entscheidung',
      ],
      ['Der Bericht der Verwaltung wird zur Kenntnis genommen.'],
      [
        'Albanisch|Amharisch|Arabisch|Armenisch',
        'Dari|Englisch|Farsi|Französisch',
        'Tigrinya|Türkisch|Ungarisch|',
      ],
      [
        'Jahr|Betrag',
        '2018|120.500,00 €',
        '2019|350.000,00 €',
        '2020|626.377,32 €',
        'Summe|1.096.877,32 €',
      ],
    ]);
    expect(tables.map((t) => t.rows.map((r) => r.header))).to.deep.equal([
      [false, false],
      [true, false, false, false],
      [false],
      [false, false, false],
      [true, false, false, false, false],
    ]);
  });

  it('reads back as the model says (headings, paragraphs, list items, quotes, tables, page break)', async function () {
    await expectDocxReadsBack(sampleDocument, buf);
  });

  it('indents quotes and breaks the page before the next paragraph', function () {
    const quote = paragraphWith(documentXml, '„Individuelle Unterstützung der Schüler*innen.“');
    expect(quote).to.include('<w:pStyle w:val="Quote"/>');
    expect(quote).to.include('<w:ind w:left="567"/>');
    expect(paragraphWith(documentXml, 'Nach dem Seitenumbruch.')).to.include(
      '<w:pageBreakBefore/>',
    );
    expect(documentXml.match(/<w:pageBreakBefore\/>/g)).to.have.length(1);
  });

  it('sets up A4 pages with the margins', function () {
    expect(documentXml).to.match(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(documentXml).to.match(
      /<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1417"/,
    );
  });

  it('writes a footer with the footer text and page fields', async function () {
    const footer = parts['word/footer1.xml'] ?? '';
    expect(footer).to.include('Kreis Coesfeld · SV-9-1601');
    expect(footer).to.match(/<w:instrText xml:space="preserve">PAGE<\/w:instrText>/);
    expect(footer).to.match(/<w:instrText xml:space="preserve">NUMPAGES<\/w:instrText>/);
    expect(footer).to.include('<w:tab w:val="right" w:pos="9354"/>');
    expect(documentXml).to.match(/<w:footerReference w:type="default" r:id="rId\d+"\/>/);
    expect(await extractDocxFooterText(buf)).to.equal('Kreis Coesfeld · SV-9-1601\tSeite  von \n');
  });

  it('writes the core properties', function () {
    const core = parts['docProps/core.xml'] ?? '';
    expect(core).to.include('<dc:title>SV-9-1601 Bericht der Verwaltung &amp; Co</dc:title>');
    expect(core).to.include(
      '<dc:creator>Kreis Coesfeld – Kommunales Integrationszentrum</dc:creator>',
    );
    expect(core).to.include('<dc:subject>Mitteilungsvorlage SV-9-1601</dc:subject>');
    expect(core).to.include('<cp:keywords>Integrationsausschuss, SV-9-1601</cp:keywords>');
    expect(core).to.include('<cp:lastModifiedBy>ratsmappe</cp:lastModifiedBy>');
    expect(core).to.include('<dc:language>de-DE</dc:language>');
    expect(core).to.include(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2020-01-22T00:00:00Z</dcterms:created>',
    );
    expect(core).to.include(
      '<dcterms:modified xsi:type="dcterms:W3CDTF">2020-01-22T00:00:00Z</dcterms:modified>',
    );
  });

  it('gives the same bytes on every rendering', async function () {
    const again = await renderDocx(sampleDocument);
    expect(sha256(again)).to.equal(sha256(buf));
    const zip = await JSZip.loadAsync(buf);
    const names = Object.keys(zip.files);
    expect(names[0]).to.equal('[Content_Types].xml');
    for (const name of names) {
      expect(zip.files[name]?.dir, name).to.equal(false);
      expect(zip.files[name]?.date.toISOString(), name).to.equal('1980-01-01T00:00:00.000Z');
    }
  });

  it('gives the same bytes in another time zone', async function () {
    const module = (path: string): string =>
      pathToFileURL(fileURLToPath(new URL(path, import.meta.url))).href;
    const script = `
      import { createHash } from 'node:crypto';
      const { renderDocx } = await import(${JSON.stringify(module('../src/render/docx/renderDocx.ts'))});
      const { sampleDocument } = await import(${JSON.stringify(module('./helpers/sampleDocument.ts'))});
      const buf = await renderDocx(sampleDocument);
      process.stdout.write(createHash('sha256').update(buf).digest('hex'));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { env: { ...process.env, TZ: 'America/New_York' } },
    );
    expect(stdout).to.equal(sha256(buf));
  });
});

describe('renderDocx edge cases', function () {
  const t = (text: string): Inline => ({ type: 'text', text });
  const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });
  const doc = (blocks: Block[]): Document => ({ meta: sampleDocument.meta, blocks });

  it('links to bookmarks inside the document', async function () {
    const buf = await renderDocx(
      doc([
        { type: 'heading', level: 2, children: [t('Ziel')], id: 'ziel' },
        p({ type: 'link', href: '#ziel', children: [t('zum Ziel')] }),
        p({ type: 'link', href: 'mailto:info@example.org', children: [t('Mail')] }),
      ]),
    );
    const parts = await docxXml(buf);
    expect(parts['word/document.xml']).to.include('<w:hyperlink w:history="1" w:anchor="ziel">');
    expect(parts['word/document.xml']).to.include('<w:bookmarkStart w:name="ziel" w:id="1"/>');
    expect(parts['word/_rels/document.xml.rels']).to.include(
      'Target="mailto:info@example.org" TargetMode="External"',
    );
    expect(await extractDocxText(buf)).to.equal('Ziel\nzum Ziel\nMail\n');
  });

  it('renders nested lists, lists in quotes and boxes, and a page break before a table', async function () {
    const buf = await renderDocx(
      doc([
        {
          type: 'list',
          ordered: true,
          items: [
            [
              p(t('a')),
              p(t('a, weiter')),
              { type: 'list', ordered: true, items: [[p(t('a.1'))], [p(t('a.2'))]] },
            ],
            [p(t('b')), { type: 'list', ordered: true, items: [[p(t('b.1'))]] }],
          ],
        },
        { type: 'quote', children: [{ type: 'list', ordered: false, items: [[p(t('zitiert'))]] }] },
        { type: 'box', children: [{ type: 'list', ordered: true, items: [[p(t('im Kasten'))]] }] },
        { type: 'pagebreak' },
        {
          type: 'table',
          variant: 'data',
          header: null,
          rows: [[{ children: [t('x')], align: 'left' }]],
        },
        { type: 'table', variant: 'grid', header: null, rows: [] },
        { type: 'pagebreak' },
      ]),
    );
    const parts = await docxXml(buf);
    const xml = parts['word/document.xml'] ?? '';
    expect(await extractDocxText(buf)).to.equal(
      'a\na, weiter\na.1\na.2\nb\nb.1\nzitiert\nim Kasten\n\nx\n',
    );
    const a1 = numIdOf(paragraphWith(xml, 'a.1'));
    expect(numIdOf(paragraphWith(xml, 'a.2'))).to.equal(a1);
    expect(numIdOf(paragraphWith(xml, 'b.1'))).to.not.equal(a1);
    expect(numIdOf(paragraphWith(xml, 'b'))).to.equal(numIdOf(paragraphWith(xml, 'a')));
    expect(paragraphWith(xml, 'a, weiter')).to.not.include('<w:numPr>');
    expect(paragraphWith(xml, 'a, weiter')).to.include('<w:ind w:left="567"/>');
    expect(paragraphWith(xml, 'a.1')).to.include('<w:ind w:left="1134" w:hanging="340"/>');
    expect(paragraphWith(xml, 'zitiert')).to.include('<w:ind w:left="1134" w:hanging="340"/>');
    expect(xml.match(/<w:pageBreakBefore\/>/g)).to.have.length(1);
    expect(xml.match(/<w:tbl>/g)).to.have.length(2);
  });

  it('sets every paragraph of a list in a quote as a quote', async function () {
    const nested: Block = { type: 'list', ordered: false, items: [[p(t('innen'))]] };
    const buf = await renderDocx(
      doc([
        {
          type: 'quote',
          children: [
            { type: 'list', ordered: true, items: [[p(t('Punkt')), p(t('weiter')), nested]] },
          ],
        },
      ]),
    );
    const xml = (await docxXml(buf))['word/document.xml'] ?? '';
    for (const text of ['Punkt', 'weiter', 'innen'])
      expect(paragraphWith(xml, text), text).to.include('<w:pStyle w:val="Quote"/>');
  });

  it('renders a document without blocks', async function () {
    const buf = await renderDocx(doc([]));
    expect(await extractDocxText(buf)).to.equal('\n');
  });
});
