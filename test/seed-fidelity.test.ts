import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { extractDocxText } from './helpers/docxText.js';
import { exampleArtifact, normalizeSpace } from './helpers/exampleBuild.js';
import { extractPdfText } from './helpers/pdfText.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`fixtures/seed/${name}`, import.meta.url), 'utf8');

/** Every sentence and heading of the seed report, one per line (comments start with #). */
const sentences = fixture('saetze.txt')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map(normalizeSpace);
const tables = JSON.parse(fixture('tabellen.json')) as {
  sprachen: string[];
  aufteilung: [string, string][];
};

const texts = {
  // The running footer sits between the pages' text; a sentence may run across a page break.
  PDF: async () =>
    normalizeSpace(
      (await extractPdfText(await exampleArtifact('SV-9-1601.pdf'))).pages
        .map((page) => page.replace(/^.*Seite \d+ von \d+$/m, ''))
        .join('\n'),
    ),
  DOCX: async () => normalizeSpace(await extractDocxText(await exampleArtifact('SV-9-1601.docx'))),
};

describe('the example Vorlage SV-9-1601 reproduces the seed report', () => {
  it('the fixture holds the whole report', () => {
    expect(sentences.length).to.be.greaterThan(110);
  });

  for (const [format, read] of Object.entries(texts)) {
    describe(format, () => {
      let text = '';
      before(async () => {
        text = await read();
      });

      it('contains every sentence of the seed, in the seed order', () => {
        const missing = sentences.filter((s) => !text.includes(s));
        expect(missing, `missing in ${format}`).to.deep.equal([]);
        let from = 0;
        for (const sentence of sentences) {
          const at = text.indexOf(sentence, from);
          expect(at, `"${sentence}" out of order in ${format}`).to.be.at.least(0);
          from = at;
        }
      });

      it('keeps Schüler*innen … Mitarbeiter*innen literal (no emphasis)', () => {
        expect(text).to.include('Unterstützung der Schüler*innen mit Zuwanderungsgeschichte');
        expect(text).to.include('Dies stellt viele Mitarbeiter*innen der Städte und Gemeinden');
        expect(text).to.include('Besucher*innen und Klient*innen');
      });

      it('writes figures in German notation', () => {
        for (const figure of [
          '976.377,32 €',
          '17.12.2019',
          '6.934',
          '13.518',
          'ca. 1.300',
          '110.000,- €',
          '40 %',
          '01.01.2019 bis 30.11.2020',
        ]) {
          expect(text).to.include(figure);
        }
      });

      it('lists the 19 languages and the yearly split as tables', () => {
        for (const sprache of tables.sprachen) expect(text).to.include(sprache);
        expect(text).to.include('Folgende 19 Sprachen sind abgedeckt:');
        for (const [jahr, betrag] of tables.aufteilung)
          expect(text).to.match(new RegExp(`${jahr}\\s+${betrag.replace(/[.]/g, '\\.')}`));
      });
    });
  }
});
