import { expect } from 'chai';
import { docxXml } from './helpers/docxText.js';
import { exampleArtifact } from './helpers/exampleBuild.js';
import { pdfInfo } from './helpers/pdfText.js';

const form = 'https://integration.kreis-coesfeld.de/angebote/allgemein/sprachmittlerpool.html';
const site = 'https://integration.kreis-coesfeld.de/';

describe('the example Vorlage SV-9-1601 as a document', () => {
  it('PDF: A4, document information in German, bookmarks down to the sections, clickable web addresses', async () => {
    const pdf = await pdfInfo(await exampleArtifact('SV-9-1601.pdf'));
    expect(pdf.pageSizes[0]?.map(Math.round)).to.deep.equal([595, 842]);
    expect(pdf.info.Title).to.equal(
      'SV-9-1601 Bericht der Verwaltung zum Asyl-, Flüchtlings- und Integrationsgeschehen',
    );
    expect(pdf.info.Author).to.equal('Kreis Coesfeld – Kommunales Integrationszentrum');
    expect(pdf.info.Subject).to.equal('Mitteilungsvorlage SV-9-1601');
    expect(pdf.info.Keywords).to.include('Integrationsausschuss');
    expect(pdf.info.Language).to.equal('de-DE');
    const titles = (nodes: typeof pdf.outline): string[] =>
      nodes.flatMap((n) => [n.title, ...titles(n.items)]);
    expect(titles(pdf.outline)).to.include.members([
      'Beschlussvorschlag',
      'Begründung',
      'Kommunales Integrationszentrum',
      'Sprachmittlerpool',
      'Jugendamt',
    ]);
    const urls = pdf.links.flat().map((l) => l.url);
    expect(urls).to.include(form);
    expect(urls).to.include(site);
  });

  it('DOCX: headings with outline levels, the three tables, hyperlinks, footer fields and core properties', async () => {
    const parts = await docxXml(await exampleArtifact('SV-9-1601.docx'));
    const doc = parts['word/document.xml'] ?? '';
    expect(doc.match(/<w:pStyle w:val="Heading1"\/>/g)).to.have.length(1);
    expect(doc).to.match(/<w:pStyle w:val="Heading3"\/>.*Sprachmittlerpool/s);
    expect(parts['word/styles.xml']).to.match(/w:styleId="Heading2".*?<w:outlineLvl w:val="1"\/>/s);
    // fields table, Beratungsfolge, Beschlussvorschlag box, languages, yearly split, Jugendamt figures
    expect((doc.match(/<w:tbl>/g) ?? []).length).to.equal(6);
    const rels = parts['word/_rels/document.xml.rels'] ?? '';
    expect(rels).to.include(`Target="${form}"`);
    expect(rels).to.include(`Target="${site}"`);
    const footer =
      Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? '';
    expect(footer).to.include('Kreis Coesfeld · Mitteilungsvorlage SV-9-1601');
    expect(footer)
      .to.match(/PAGE/)
      .and.to.match(/NUMPAGES/);
    const core = parts['docProps/core.xml'] ?? '';
    expect(core).to.include(
      '<dc:title>SV-9-1601 Bericht der Verwaltung zum Asyl-, Flüchtlings- und Integrationsgeschehen</dc:title>',
    );
    expect(core).to.include(
      '<dc:creator>Kreis Coesfeld – Kommunales Integrationszentrum</dc:creator>',
    );
    expect(core).to.include('2020-01-22T00:00:00Z');
  });
});
