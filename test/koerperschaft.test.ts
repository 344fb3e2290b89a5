import { expect } from 'chai';
import { contentKind } from '../src/check/settingsFile.js';
import { decisionName, genitiveOf, genitiveRule } from '../src/format/genitiv.js';
import { formatWahlperiode } from '../src/format/german.js';
import {
  exampleNumber,
  folderOf,
  isScheme,
  numberOfFolder,
  numbersInText,
  parseNumber,
  parseScheme,
  type NumberScheme,
} from '../src/format/vorlagennummer.js';

const scheme = (pattern: string): NumberScheme => {
  const parsed = parseScheme(pattern);
  if (!isScheme(parsed)) throw new Error(parsed.fehler);
  return parsed;
};

describe('the genitive after „Sitzung“ (src/format/genitiv.ts)', () => {
  const forms: [string, string][] = [
    ['Kreistag', 'des Kreistages'],
    ['Kreisausschuss', 'des Kreisausschusses'],
    ['Rat der Stadt', 'des Rates der Stadt'],
    ['Haupt- und Finanzausschuss', 'des Haupt- und Finanzausschusses'],
    ['Ausschuss für Schule, Sport und Kultur', 'des Ausschusses für Schule, Sport und Kultur'],
    ['Bezirksvertretung Mitte', 'der Bezirksvertretung Mitte'],
    ['Jugendhilfeausschuss', 'des Jugendhilfeausschusses'],
    ['Integrationsausschuss', 'des Integrationsausschusses'],
    ['Gemeinderat', 'des Gemeinderates'],
    ['Bau- und Planungsausschuss', 'des Bau- und Planungsausschusses'],
    ['Haupt-, Finanz- und Personalausschuss', 'des Haupt-, Finanz- und Personalausschusses'],
    ['Stadtverordnetenversammlung', 'der Stadtverordnetenversammlung'],
    ['Seniorenbeirat', 'des Seniorenbeirates'],
    ['Gemeindevorstand', 'des Gemeindevorstandes'],
    ['Jugendparlament', 'des Jugendparlaments'],
    ['Präsidium', 'des Präsidiums'],
  ];
  for (const [name, genitive] of forms) {
    it(`${name} → ${genitive}`, () => {
      expect(genitiveRule(name)).to.equal(genitive);
      expect(genitiveOf(name, [{ name }])).to.equal(genitive);
    });
  }

  it('koerperschaft.yaml’s genitiv overrides the rule', () => {
    const gremien = [{ name: 'Rat', genitiv: 'des Rats der Gemeinde' }];
    expect(genitiveOf('Rat', gremien)).to.equal('des Rats der Gemeinde');
    expect(genitiveOf('Kreistag', gremien)).to.equal('des Kreistages');
  });

  it('names a decision: a compound for one word, „Beschluss des …“ otherwise', () => {
    expect(decisionName('Kreistag')).to.equal('Kreistagsbeschluss');
    expect(decisionName('Kreisausschuss')).to.equal('Kreisausschussbeschluss');
    expect(decisionName('Rat der Stadt')).to.equal('Beschluss des Rates der Stadt');
    expect(decisionName('Bezirksvertretung Mitte')).to.equal(
      'Beschluss der Bezirksvertretung Mitte',
    );
  });

  it('writes a Wahlperiode as a number or as years', () => {
    expect(formatWahlperiode(9)).to.equal('9. Wahlperiode');
    expect(formatWahlperiode('2020-2025')).to.equal('Wahlperiode 2020–2025');
    expect(formatWahlperiode('2020 – 2025')).to.equal('Wahlperiode 2020–2025');
  });
});

describe('the numbering pattern (src/format/vorlagennummer.ts)', () => {
  const cases: [string, string, string][] = [
    ['SV-{wahlperiode}-{laufnummer}', 'SV-9-1601', 'SV-9-1601'],
    ['V/{jahr}/{laufnummer:4}', 'V/2024/0815', 'V-2024-0815'],
    ['DS {wahlperiode}/{laufnummer}', 'DS 18/1234', 'DS-18-1234'],
    ['{laufnummer}/{jahr}', '17/2024', '17-2024'],
  ];
  for (const [pattern, nummer, folder] of cases) {
    it(`${pattern}: ${nummer} lives in vorlagen/${folder}/`, () => {
      const s = scheme(pattern);
      expect(parseNumber(s, nummer)).to.not.equal(null);
      expect(folderOf(nummer)).to.equal(folder);
      expect(numberOfFolder(s, folder)).to.equal(nummer);
      expect(parseNumber(s, exampleNumber(s))).to.not.equal(null);
      expect(numbersInText(s, `Siehe ${nummer}, nicht X${nummer}.`)).to.deep.equal([
        { nummer, index: 6 },
      ]);
    });
  }

  it('reads the parts of a number', () => {
    expect(parseNumber(scheme('SV-{wahlperiode}-{laufnummer}'), 'SV-9-1601')).to.deep.equal({
      wahlperiode: 9,
      laufnummer: '1601',
    });
    expect(parseNumber(scheme('V/{jahr}/{laufnummer:4}'), 'V/2024/0815')).to.deep.equal({
      jahr: 2024,
      laufnummer: '0815',
    });
  });

  it('refuses numbers outside the pattern: {laufnummer:4} needs four digits, {jahr} a year', () => {
    const s = scheme('V/{jahr}/{laufnummer:4}');
    expect(parseNumber(s, 'V/2024/815')).to.equal(null);
    expect(parseNumber(s, 'V/24/0815')).to.equal(null);
    expect(parseNumber(s, 'V-2024-0815')).to.equal(null);
    expect(exampleNumber(s, { jahr: 2020 })).to.equal('V/2020/0123');
  });

  it('explains a pattern that cannot be used', () => {
    const reason = (p: string) => {
      const parsed = parseScheme(p);
      return isScheme(parsed) ? '' : parsed.fehler;
    };
    expect(reason('SV-{wahlperiode}')).to.match(/{laufnummer} fehlt/);
    expect(reason('{jahr}{laufnummer}')).to.match(/muss ein Zeichen stehen/);
    expect(reason('V/{monat}/{laufnummer}')).to.match(/„{monat}“ gibt es nicht/);
    expect(reason('V#{laufnummer}')).to.match(/„#“/);
    expect(reason('V/{laufnummer')).to.match(/nicht geschlossen/);
    expect(reason('{laufnummer}/{jahr}/{jahr}')).to.match(/zweimal/);
  });
});

describe('logo and font files are what their names say (src/check/settingsFile.ts)', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('tells PNG, SVG, TrueType and OpenType apart by their first bytes', () => {
    expect(contentKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).to.equal(
      'ein PNG-Bild',
    );
    expect(contentKind(bytes('<?xml version="1.0"?>\n<!-- Logo -->\n<svg xmlns="…">'))).to.equal(
      'ein SVG-Bild',
    );
    expect(contentKind(bytes('<html><svg></svg></html>'))).to.match(/ohne <svg>/);
    expect(contentKind(new Uint8Array([0, 1, 0, 0, 0, 12]))).to.equal('eine TrueType-Schrift');
    expect(contentKind(bytes('true'))).to.equal('eine TrueType-Schrift');
    expect(contentKind(bytes('OTTO'))).to.equal('eine OpenType-Schrift');
    expect(contentKind(bytes('wOFF'))).to.match(/WOFF/);
    expect(contentKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).to.equal('ein JPEG-Bild');
    expect(contentKind(bytes('Hallo'))).to.equal(null);
  });
});
