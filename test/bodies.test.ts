import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { MeetingOutput } from '../src/build.js';
import { checkAndCompose } from '../src/build.js';
import { readContent } from '../src/load/readContent.js';
import { linkTargets } from '../src/model/unlink.js';
import { loadTemplates } from '../src/template/loadTemplates.js';
import { vorlageDocument } from '../src/template/vorlageDocument.js';
import { buildContent, normalizeSpace } from './helpers/exampleBuild.js';
import { extractPdfText } from './helpers/pdfText.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url));

const artifact = (output: MeetingOutput, name: string): Uint8Array => {
  const found = output.artifacts.find((a) => a.name === name);
  if (!found) throw new Error(`no ${name} in ${output.artifacts.map((a) => a.name).join(', ')}`);
  return found.bytes;
};

/** Other bodies than the example's Kreis, none tuned to it (test/fixtures/stadt, gemeinde). */
const bodies = [
  {
    folder: 'stadt',
    name: 'Stadt Lindenau',
    files: ['V-2024-0815.pdf', 'V-2024-0815.docx', 'V-2024-0816.pdf', 'V-2024-0816.docx'],
    numbers: ['V/2024/0815', 'V/2024/0816'],
    cover: 'Sitzung des Haupt- und Finanzausschusses in der Wahlperiode 2020–2025',
  },
  {
    folder: 'gemeinde',
    name: 'Gemeinde Hohenwald',
    files: ['17-2024.pdf', '17-2024.docx'],
    numbers: ['17/2024'],
    cover: 'Sitzung des Bau- und Planungsausschusses in der 11. Wahlperiode',
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

    it('prints the body, the genitive and the numbers on the packet’s cover', async () => {
      const { pages } = await extractPdfText(artifact(output, 'oeffentlich/sitzungsmappe.pdf'));
      const cover = normalizeSpace(pages.slice(0, 2).join('\n'));
      expect(cover).to.include(body.name);
      expect(cover).to.include(body.cover);
      for (const nummer of body.numbers) expect(cover).to.include(nummer);
    });

    it('prints the number and the body in each Vorlage’s PDF', async () => {
      for (const [i, nummer] of body.numbers.entries()) {
        const file = body.files.filter((f) => f.endsWith('.pdf'))[i] ?? '';
        const { text } = await extractPdfText(artifact(output, `oeffentlich/${file}`));
        expect(normalizeSpace(text)).to.include(nummer).and.include(body.name);
      }
    });
  });
}

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
      { label: 'Vorlagen-Nr.', value: 'V/2024/0815' },
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
