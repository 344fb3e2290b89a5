/**
 * The measured adaptations of pdfmake's text measuring (src/render/pdf/fastMeasure.ts: the
 * styles of a run of equal words resolved once; sharedFonts.ts: a word's width kept per font)
 * must give exactly what pdfmake and pdfkit give. Each is compared with a pristine copy of the
 * module it adapts (loaded again, outside the require cache), on text that uses every style
 * property measuring resolves.
 */
import { expect } from 'chai';
import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdfDefinition } from '../src/render/pdf/renderPdf.js';
import { ROBOTO } from '../src/render/pdf/roboto.js';
import { extractPdfText } from './helpers/pdfText.js';

const pdfmakeRequire = createRequire(createRequire(import.meta.url).resolve('pdfmake'));

/** A module of pdfmake (or pdfkit) loaded again: its classes without any adaptation. */
function pristine(path: string): unknown {
  const file = pdfmakeRequire.resolve(path);
  const cache = new Map(Object.entries(pdfmakeRequire.cache));
  const installed = cache.get(file);
  Reflect.deleteProperty(pdfmakeRequire.cache, file);
  try {
    return pdfmakeRequire(path);
  } finally {
    if (installed !== undefined) pdfmakeRequire.cache[file] = installed;
  }
}

interface MeasureClass {
  prototype: { measure: (...args: unknown[]) => unknown };
}

/** Renders with pdfmake's own TextInlines.measure in place of the adapted one. */
async function withPdfmakeMeasure<T>(run: () => Promise<T>): Promise<T> {
  const adapted = (pdfmakeRequire('./TextInlines.js') as { default: MeasureClass }).default;
  const original = (pristine('./TextInlines.js') as { default: MeasureClass }).default;
  const fast = adapted.prototype.measure;
  expect(original.prototype.measure).to.not.equal(fast);
  adapted.prototype.measure = original.prototype.measure;
  try {
    return await run();
  } finally {
    adapted.prototype.measure = fast;
  }
}

/** every property measure resolves, in runs of equal words and changing from word to word */
function richContent(): Content[] {
  const sentence = 'Die Sprachmittlung im Kreisgebiet wurde 2019 ausgebaut ';
  const content: Content[] = [];
  for (let i = 0; i < 12; i++) {
    content.push({
      text: [
        sentence.repeat(1 + (i % 3)),
        { text: 'fett gesetzte Wörter ', bold: true },
        { text: 'kursiv ', italics: true },
        { text: 'beides zugleich ', bold: true, italics: true },
        { text: '2', sup: true },
        { text: ' und ' },
        { text: 'x', sub: true },
        { text: ' verlinkt auf eine Seite ', link: 'https://www.kreis-coesfeld.de' },
        { text: 'und zum Ziel ', linkToDestination: 'ziel' },
        { text: 'unterstrichen ', decoration: 'underline', decorationStyle: 'dashed' },
        { text: 'durchgestrichen ', decoration: 'lineThrough', decorationColor: '#a00' },
        { text: 'gesperrt ', characterSpacing: 1.5 },
        { text: 'farbig ', color: '#205080', background: '#eeeeee' },
        { text: '   mit Leerzeichen   ', preserveLeadingSpaces: true },
        { text: '  und ohne  ' },
        { text: 'nicht umbrechen bitte ', noWrap: true },
        { text: 'halb durchsichtig ', opacity: 0.5 },
        { text: 'Ligaturen fi fl ', fontFeatures: ['liga'] },
        { text: 'größer ', fontSize: 14 + (i % 2) },
        { text: 'benannt ', style: 'hervor' },
        { text: 'erweitert ', style: ['hervor', 'klein'] },
        sentence,
      ],
      style: i % 2 === 0 ? 'absatz' : undefined,
      lineHeight: i % 3 === 0 ? 1.2 : 1,
      alignment: i % 4 === 0 ? 'justify' : 'left',
      leadingIndent: i % 5 === 0 ? 12 : 0,
    });
  }
  // each property the only difference between two neighbouring inlines (and the same again)
  const pairs: [string, unknown, unknown][] = [
    ['font', 'Roboto', undefined],
    ['bold', true, false],
    ['italics', true, false],
    ['alignment', 'right', 'center'],
    ['fontSize', 10, 12],
    ['fontFeatures', ['kern'], { kern: false }],
    ['characterSpacing', 0.5, 1],
    ['color', '#102030', '#302010'],
    ['decoration', 'underline', 'overline'],
    ['decorationColor', '#00aa00', '#aa0000'],
    ['decorationStyle', 'dotted', 'wavy'],
    ['decorationThickness', 1, 2],
    ['background', '#dddddd', '#cccccc'],
    ['link', 'https://example.org/a', 'https://example.org/b'],
    ['linkToPage', 1, 2],
    ['linkToDestination', 'ziel', 'anfang'],
    ['noWrap', true, false],
    ['opacity', 0.3, 0.7],
    ['sup', true, false],
    ['sub', true, false],
    ['lineHeight', 1.5, 1],
    ['preserveLeadingSpaces', true, false],
    ['preserveTrailingSpaces', true, false],
    ['style', 'hervor', 'klein'],
  ];
  // long enough for lines of their own (line heights, cuts at line ends, no wrapping), and in
  // a table column as wide as its text (widths with and without the cuts)
  const long = ' Schifffahrt auf dem Dortmund-Ems-Kanal im Kreisgebiet '.repeat(6);
  for (const [property, first, second] of pairs) {
    // the decoration's colour, style and thickness show only on a decoration
    const base = property.startsWith('decoration') ? { decoration: 'underline' } : {};
    const inline = (text: string, value: unknown): Record<string, unknown> =>
      value === undefined ? { ...base, text } : { ...base, text, [property]: value };
    const text = (): Record<string, unknown>[] => [
      inline(`  erstes AVAWAY Tý ${long}  `, first),
      inline(`\n  zweites AVAWAY Tý ${long}  `, second),
      inline('\n  drittes  ', second),
      inline('\n  viertes  ', first),
    ];
    content.push({ text: text() } as Content);
    content.push({
      table: { widths: ['auto', 'auto'], body: [[{ text: text() }, { text: text().slice(2) }]] },
    } as Content);
  }
  content.push({ text: 'Das Ziel', id: 'ziel' });
  content.push({ text: 'Der Anfang', id: 'anfang' });
  content.push({
    table: {
      widths: ['auto', '*'],
      body: [
        [
          { text: 'Jahr', bold: true },
          { text: 'Einsätze', bold: true, alignment: 'right' },
        ],
        ['2018', { text: '1.300', alignment: 'right' }],
        ['2019', { text: '350.000', alignment: 'right', color: 'red' }],
      ],
    },
  });
  content.push({ ul: ['eins', { text: 'zwei', bold: true }, 'drei'] });
  return content;
}

const definition = (): TDocumentDefinitions => ({
  // a fixed date: pdfkit derives the file's /ID from it
  info: { creationDate: new Date(Date.UTC(2020, 0, 15)) },
  content: richContent(),
  defaultStyle: { font: 'Roboto', fontSize: 11 },
  styles: {
    absatz: { margin: [0, 0, 0, 6] },
    hervor: { bold: true, color: '#333333' },
    klein: { fontSize: 9, italics: true },
  },
});

describe('text measuring adapted for speed (fastMeasure.ts, sharedFonts.ts)', function () {
  this.timeout(120_000);

  it('lays every styled word out exactly as pdfmake’s own measuring does (same bytes)', async () => {
    const fast = await renderPdfDefinition(definition());
    const own = await withPdfmakeMeasure(() => renderPdfDefinition(definition()));
    expect(Buffer.compare(fast, own)).to.equal(0);
    const text = (await extractPdfText(fast)).text.replace(/\s+/g, ' ');
    expect(text).to.include('fett gesetzte Wörter');
    expect(text).to.include('erweitert');
    expect(text).to.include('350.000');
  });

  it('gives every width pdfkit gives, asked once or again, with and without features', () => {
    type Kit = new (options: object) => {
      font(src: string): {
        _font: { widthOfString(text: string, size: number, features?: unknown): number };
      };
    };
    const Adapted = pdfmakeRequire('pdfkit') as Kit;
    const Pristine = pristine('pdfkit') as Kit;
    expect(Pristine).to.not.equal(Adapted);
    const texts = [
      'Sprachmittlung',
      'Sprachmittlung ',
      ' Kreisgebiet',
      'Die Sprachmittlung im Kreisgebiet',
      'AVAWAY Tý fi fl',
      '1.300 € – „Anführung“',
      '',
      '   ',
    ];
    for (const face of Object.values(ROBOTO)) {
      const adapted = new Adapted({ autoFirstPage: false }).font(face)._font;
      const original = new Pristine({ autoFirstPage: false }).font(face)._font;
      for (const size of [8, 11, 14.5]) {
        for (const text of [...texts, ...texts]) {
          expect(adapted.widthOfString(text, size), `${text} ${size}`).to.equal(
            original.widthOfString(text, size),
          );
          expect(adapted.widthOfString(text, size, ['liga'])).to.equal(
            original.widthOfString(text, size, ['liga']),
          );
        }
      }
    }
  });
});
