import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { MeetingOutput } from '../src/build.js';
import { checkAndCompose } from '../src/build.js';
import { readContent } from '../src/load/readContent.js';
import { linkTargets } from '../src/model/unlink.js';
import { loadTemplates } from '../src/template/loadTemplates.js';
import { vorlageDocument } from '../src/template/vorlageDocument.js';
import { decodeEntities, docxXml } from './helpers/docxText.js';
import { buildContent, normalizeSpace } from './helpers/exampleBuild.js';
import { extractPdfText } from './helpers/pdfText.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url));

const artifact = (output: MeetingOutput, name: string): Uint8Array => {
  const found = output.artifacts.find((a) => a.name === name);
  if (!found) throw new Error(`no ${name} in ${output.artifacts.map((a) => a.name).join(', ')}`);
  return found.bytes;
};

/** The text of a DOCX part: its runs' text, tabs as spaces, paragraphs on lines of their own. */
const xmlText = (xml: string): string =>
  normalizeSpace(
    decodeEntities(
      xml
        .replace(/<w:tab\/>/g, ' ')
        .replace(/<\/w:p>/g, '\n')
        .replace(/<[^>]+>/g, ''),
    ),
  );

/** The parts of a DOCX: document.xml and the header of its first page. */
async function docxParts(bytes: Uint8Array): Promise<{ document: string; firstHeader: string }> {
  const parts = await docxXml(bytes);
  const document = parts['word/document.xml'] ?? '';
  const id = /<w:headerReference w:type="first" r:id="(\w+)"\/>/.exec(document)?.[1] ?? '-';
  const rels = parts['word/_rels/document.xml.rels'] ?? '';
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? '-';
  return { document, firstHeader: parts[`word/${target}`] ?? '' };
}

interface Body {
  readonly folder: string;
  readonly name: string;
  readonly anschrift: readonly string[];
  /** the public files of each Vorlage, named after its folder */
  readonly files: readonly string[];
  /** the public Vorlagen: number, file stem, the letterhead's block ("label value" lines) */
  readonly vorlagen: readonly { nummer: string; stem: string; block: readonly string[] }[];
  /** the non-public Vorlagen (in the members' packet only) */
  readonly nichtoeffentlich: readonly string[];
  readonly cover: string;
  /** what the first public Vorlage says in PDF and DOCX alike (own templates, own kinds) */
  readonly says: readonly string[];
}

/** Other bodies than the example's Kreis, none tuned to it (test/fixtures/stadt, gemeinde). */
const bodies: readonly Body[] = [
  {
    folder: 'stadt',
    name: 'Stadt Lindenau',
    anschrift: ['Der Bürgermeister', 'Rathausplatz 1', '34567 Lindenau'],
    files: ['V-2024-0815.pdf', 'V-2024-0815.docx', 'V-2024-0816.pdf', 'V-2024-0816.docx'],
    vorlagen: [
      {
        nummer: 'V/2024/0815',
        stem: 'V-2024-0815',
        block: [
          'Vorlagenart Beschlussvorlage',
          'Vorlagen-Nr. V/2024/0815',
          'Datum 27.02.2024',
          'Status öffentlich',
        ],
      },
      {
        nummer: 'V/2024/0816',
        stem: 'V-2024-0816',
        block: ['Vorlagenart Mitteilungsvorlage', 'Vorlagen-Nr. V/2024/0816'],
      },
    ],
    nichtoeffentlich: [],
    cover: 'Sitzung des Haupt- und Finanzausschusses in der Wahlperiode 2020–2025',
    says: [
      'Federführung Fachbereich Gebäudemanagement',
      'Haupt- und Finanzausschuss 12.03.2024 Vorberatung',
      'Rat der Stadt 26.03.2024 Entscheidung',
      'Beschlussvorschlag Der Rat der Stadt beschließt die Sanierung der Sporthalle',
    ],
  },
  {
    folder: 'gemeinde',
    name: 'Gemeinde Hohenwald',
    anschrift: ['Hauptstraße 12', '56789 Hohenwald'],
    files: ['17-2024.pdf', '17-2024.docx', '18-2024.pdf', '18-2024.docx'],
    vorlagen: [
      {
        nummer: '17/2024',
        stem: '17-2024',
        block: [
          'Vorlagenart Beschlussvorlage',
          'Vorlagen-Nr. 17/2024',
          'Datum 22.04.2024',
          'Status öffentlich',
        ],
      },
      {
        nummer: '18/2024',
        stem: '18-2024',
        block: [
          'Vorlagenart Beschlussvorlage',
          'Vorlagen-Nr. 18/2024',
          'Datum 24.04.2024',
          'Status öffentlich',
        ],
      },
    ],
    nichtoeffentlich: ['19/2024'],
    cover: 'Sitzung des Bau- und Planungsausschusses in der 11. Wahlperiode',
    says: [
      // the own template (templates/partials/beschlussvorschlag.hbs)
      'Beschlussempfehlung der Verwaltung Der Gemeinderat möge beschließen:',
      'Bau- und Planungsausschuss 07.05.2024 Vorberatung',
      'Gemeinderat 23.05.2024 Entscheidung',
    ],
  },
];

for (const body of bodies) {
  describe(`another body: ${body.name} (test/fixtures/${body.folder})`, function () {
    this.timeout(120_000);
    let output: MeetingOutput;
    before(async () => {
      const [first] = await buildContent(fixture(body.folder));
      if (!first) throw new Error('no meeting');
      output = first;
    });

    it('checks without a finding', async () => {
      const result = checkAndCompose(await readContent(fixture(body.folder)));
      expect(result.diagnostics).to.deep.equal([]);
    });

    it('names each Vorlage’s files after its folder (every / and space as -)', () => {
      const names = output.artifacts.map((a) => a.name);
      for (const file of body.files) expect(names).to.include(`oeffentlich/${file}`);
    });

    it('prints the body, the genitive and the numbers on the packets’ covers', async () => {
      const { pages } = await extractPdfText(artifact(output, 'oeffentlich/sitzungsmappe.pdf'));
      const cover = normalizeSpace(pages.slice(0, 2).join('\n'));
      expect(cover).to.include(body.name);
      expect(cover).to.include(body.cover);
      for (const { nummer } of body.vorlagen) expect(cover).to.include(nummer);
      const members = await extractPdfText(
        artifact(output, 'nichtoeffentlich/sitzungsmappe-mitglieder.pdf'),
      );
      const membersCover = normalizeSpace(members.pages.slice(0, 2).join('\n'));
      expect(membersCover).to.include(body.cover);
      for (const nummer of [...body.vorlagen.map((v) => v.nummer), ...body.nichtoeffentlich])
        expect(membersCover).to.include(nummer);
    });

    it('prints the letterhead once on each Vorlage’s first page of the PDF, then the frame', async () => {
      for (const { nummer, stem, block } of body.vorlagen) {
        const { pages } = await extractPdfText(artifact(output, `oeffentlich/${stem}.pdf`));
        const first = normalizeSpace(pages[0] ?? '');
        expect(first).to.include(body.name);
        for (const line of body.anschrift) expect(first).to.include(line);
        for (const line of block) expect(first).to.include(line);
        // the number and the Vorlagenart stand in the letterhead only (and in the footer)
        expect(first.split('Vorlagen-Nr.')).to.have.length(2);
        expect(first).to.not.include('Körperschaft');
        expect(first).to.match(
          /Federführung .* Beratungsfolge Gremium Sitzungstermin Zuständigkeit/,
        );
        expect(normalizeSpace(pages[1] ?? '')).to.not.include('Vorlagen-Nr.');
        expect(first).to.include(nummer);
      }
      const { text } = await extractPdfText(
        artifact(output, `oeffentlich/${body.vorlagen[0]?.stem ?? ''}.pdf`),
      );
      for (const said of body.says) expect(normalizeSpace(text)).to.include(said);
    });

    it('puts the letterhead into each DOCX’s first-page header, the frame into its body', async () => {
      for (const { stem, block } of body.vorlagen) {
        const { document, firstHeader } = await docxParts(
          artifact(output, `oeffentlich/${stem}.docx`),
        );
        const header = xmlText(firstHeader);
        expect(header).to.include(body.name);
        for (const line of body.anschrift) expect(header).to.include(line);
        for (const line of block) expect(header).to.include(line);
        const text = xmlText(document);
        expect(text).to.not.include('Vorlagen-Nr.');
        expect(text).to.not.include('Körperschaft');
        expect(text).to.match(/^Federführung /);
      }
      const { document } = await docxParts(
        artifact(output, `oeffentlich/${body.vorlagen[0]?.stem ?? ''}.docx`),
      );
      for (const said of body.says) expect(xmlText(document)).to.include(said);
    });
  });
}

describe('another body’s own template and section kind in PDF and DOCX (Gemeinde Hohenwald)', function () {
  this.timeout(120_000);
  let output: MeetingOutput;
  before(async () => {
    const [first] = await buildContent(fixture('gemeinde'));
    if (!first) throw new Error('no meeting');
    output = first;
  });
  const bauantrag = [
    'Der Bau- und Planungsausschuss möge beschließen: Das gemeindliche Einvernehmen zum Bauantrag wird nach § 36 BauGB erteilt.',
    'Das Vorhaben',
    'Aktenzeichen 63-2024-0117',
    'Eingang 17.04.2024',
    'Grundstück Wiesenweg 12, Gemarkung Hohenwald, Flur 7, Flurstück 412/3',
    'Tiefgarage und 12 Stellplätzen <oberirdisch & unterirdisch>.',
    'Empfehlung der Verwaltung: Einvernehmen erteilen.',
  ];

  it('the public Vorlage 18/2024: own Beschlussvorschlag and the bauantrag section', async () => {
    const pdf = normalizeSpace(
      (await extractPdfText(artifact(output, 'oeffentlich/18-2024.pdf'))).text,
    );
    const { document } = await docxParts(artifact(output, 'oeffentlich/18-2024.docx'));
    for (const said of bauantrag) {
      expect(pdf).to.include(said);
      expect(xmlText(document)).to.include(said);
    }
    // content literal in the XML too
    expect(document).to.include('&lt;oberirdisch &amp; unterirdisch&gt;');
  });

  it('the non-public Vorlage 19/2024: in the members’ packet only, with its section', async () => {
    const names = output.artifacts.map((a) => a.name);
    expect(names).to.include('nichtoeffentlich/19-2024.pdf');
    expect(names).to.include('nichtoeffentlich/19-2024.docx');
    expect(names.filter((n) => n.startsWith('oeffentlich/19-2024'))).to.deep.equal([]);
    const members = normalizeSpace(
      (await extractPdfText(artifact(output, 'nichtoeffentlich/sitzungsmappe-mitglieder.pdf')))
        .text,
    );
    expect(members).to.include(
      'Grundstück Feldstraße 3, Gemarkung Hohenwald, Flur 2, Flurstück 88',
    );
    expect(members).to.include('Empfehlung der Verwaltung: Einvernehmen versagen.');
    const pub = normalizeSpace(
      (await extractPdfText(artifact(output, 'oeffentlich/sitzungsmappe.pdf'))).text,
    );
    // the public agenda names the non-public item, its Vorlage is not in the public packet
    expect(pub).to.include('Bauvoranfrage Feldstraße 3');
    expect(pub).to.not.include('63-2024-0121');
    const { document, firstHeader } = await docxParts(
      artifact(output, 'nichtoeffentlich/19-2024.docx'),
    );
    expect(xmlText(firstHeader)).to.include(
      'Vorlagen-Nr. 19/2024 Datum 24.04.2024 Status nichtöffentlich',
    );
    expect(xmlText(document)).to.include('Aktenzeichen 63-2024-0121');
  });
});

describe('letterhead, design and links of another body (the document model)', () => {
  it('fills meta.letterhead and meta.design from koerperschaft.yaml', async () => {
    const result = checkAndCompose(await readContent(fixture('stadt')));
    const vorlage = result.meetings[0]?.vorlagen[0];
    if (!vorlage) throw new Error('no Vorlage');
    const templates = await loadTemplates();
    const doc = vorlageDocument(templates, vorlage, ['V/2024/0815', 'V/2024/0816']);
    const { letterhead, design } = doc.meta;
    expect(letterhead?.name).to.equal('Stadt Lindenau');
    expect(letterhead?.anschrift).to.deep.equal([
      'Der Bürgermeister',
      'Rathausplatz 1',
      '34567 Lindenau',
    ]);
    expect(letterhead?.logo?.type).to.equal('svg');
    expect(letterhead?.block).to.deep.equal([
      { label: 'Vorlagenart', value: 'Beschlussvorlage' },
      { label: 'Vorlagen-Nr.', value: 'V/2024/0815', strong: true },
      { label: 'Datum', value: '27.02.2024' },
      { label: 'Status', value: 'öffentlich' },
    ]);
    expect(design?.accent).to.equal('#005A9C');
    expect(design?.font?.name).to.equal('DejaVu Serif');
    expect(design?.font?.normal.file).to.equal('schrift/DejaVuSerif.ttf');
    expect([...(design?.font?.bold.bytes.subarray(0, 4) ?? [])]).to.deep.equal([0, 1, 0, 0]);
    // V/2024/0816 in the text links the other Vorlage of the packet, by its folder
    expect([...linkTargets(doc.blocks)]).to.include('vorlage-V-2024-0816');
  });

  it('leaves out logo and design where koerperschaft.yaml has none', async () => {
    const result = checkAndCompose(await readContent(fixture('gemeinde')));
    const vorlage = result.meetings[0]?.vorlagen[0];
    if (!vorlage) throw new Error('no Vorlage');
    const doc = vorlageDocument(await loadTemplates(), vorlage);
    expect(doc.meta.letterhead?.name).to.equal('Gemeinde Hohenwald');
    expect(doc.meta.letterhead?.logo).to.equal(undefined);
    expect(doc.meta.design).to.equal(undefined);
  });
});
