import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DiffError, diffVorlagen, formatDiff } from '../src/archive/diff.js';
import { exampleContentDir } from './helpers/exampleBuild.js';

const original = join(exampleContentDir, 'vorlagen/SV-9-1601');

describe('archive: diffVorlagen', () => {
  const dirs: string[] = [];
  /** A copy of SV-9-1601 that a test may change. */
  const copy = (): string => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ratsmappe-diff-')), 'SV-9-1601');
    dirs.push(dir);
    cpSync(original, dir, { recursive: true });
    return dir;
  };
  const edit = (dir: string, file: string, from: string, to: string): void => {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    expect(text, `${file}: ${from}`).to.include(from);
    writeFileSync(path, text.replace(from, to));
  };
  after(() => {
    for (const d of dirs) rmSync(join(d, '..'), { recursive: true, force: true });
  });

  it('lists changed amounts, a changed paragraph, a new language and a removed section in German', async () => {
    const changed = copy();
    edit(changed, 'integrationspauschale.yaml', 'betrag: 976377.32', 'betrag: 950000');
    edit(changed, 'integrationspauschale.yaml', 'betrag: 626377.32', 'betrag: 600000');
    edit(changed, 'binogi.yaml', 'zu selten genutzt', 'kaum genutzt');
    edit(changed, 'sprachmittlerpool.yaml', '  - Ungarisch\n', '  - Ungarisch\n  - Dari\n');
    edit(changed, 'vorlage.yaml', '      - frauensprachkurse.yaml\n', '');
    rmSync(join(changed, 'frauensprachkurse.yaml'));

    const lines = await diffVorlagen(original, changed);
    expect(lines[1]).to.deep.equal({
      path: ['Integrationspauschale', 'Zuweisung', 'Betrag'],
      before: '976.377,32 €',
      after: '950.000,00 €',
    });
    expect(formatDiff(lines)).to.equal(
      [
        'entfernt: Vorlage › Abschnitte › Kommunales Integrationszentrum: frauensprachkurse.yaml',
        'Integrationspauschale › Zuweisung › Betrag: 976.377,32 € → 950.000,00 €',
        'Integrationspauschale › Aufteilung › 2020: 626.377,32 € → 600.000,00 €',
        'neu: Sprachmittlerpool › Sprachen: Dari',
        'Binogi › Inhalt › Nr. 2: „… Insgesamt wurde Binogi zu selten genutzt. Gründe hierfür …“ → „… Insgesamt wurde Binogi kaum genutzt. Gründe hierfür …“',
        'entfernt: Abschnittsdateien: frauensprachkurse.yaml („Frauensprachkurse“)',
        '',
      ].join('\n'),
    );

    // the other way round: the same places, new and removed swapped
    expect(formatDiff(await diffVorlagen(changed, original)).split('\n')).to.include.members([
      'neu: Vorlage › Abschnitte › Kommunales Integrationszentrum: frauensprachkurse.yaml',
      'Integrationspauschale › Aufteilung › 2020: 600.000,00 € → 626.377,32 €',
      'entfernt: Sprachmittlerpool › Sprachen: Dari',
      'neu: Abschnittsdateien: frauensprachkurse.yaml („Frauensprachkurse“)',
    ]);
  });

  it('names list items by year, date, Bereich and Gremium; approximate figures, dates, numbers', async () => {
    const changed = copy();
    edit(changed, 'vorlage.yaml', 'version: 1', 'version: 2\naenderungen:\n  - Neue Zahlen.');
    edit(
      changed,
      'vorlage.yaml',
      '    zustaendigkeit: Kenntnisnahme\n',
      '    zustaendigkeit: Kenntnisnahme\n  - gremium: Kreisausschuss\n    datum: 2020-02-19\n    zustaendigkeit: Kenntnisnahme\n',
    );
    edit(changed, 'vorlage.yaml', 'datum: 2020-01-22', 'datum: 2020-01-23');
    edit(changed, 'schwerpunktziele.yaml', 'Individuelle Unterstützung', 'Gezielte Unterstützung');
    edit(changed, 'integrationspauschale.yaml', 'zeitpunkt: Ende 2019', 'zeitpunkt: 2019-12-17');
    edit(
      changed,
      'integrationspauschale.yaml',
      '      betrag: 626377.32\n',
      '      betrag: 600000\n    - jahr: 2021\n      betrag: 26377.32\n',
    );
    edit(changed, 'sprachmittlerpool.yaml', 'anzahl: 30\n  ca: true', 'anzahl: 35\n  ca: true');
    edit(changed, 'sprachmittlerpool.yaml', 'anzahl: 1300', 'anzahl: 1400');
    edit(
      changed,
      'sprachmittlerpool.yaml',
      '    betrag: 110000\n    ca: true',
      '    betrag: 115000\n    ca: false',
    );
    edit(changed, 'jugendamt.yaml', '    anzahl: 80', '    anzahl: 81');
    edit(changed, 'jugendamt.yaml', 'nie_erfuellt: true', 'nie_erfuellt: false');
    edit(changed, 'binogi.yaml', 'inhalt:\n', 'inhalt:\n  - Ein neuer erster Absatz.\n');

    expect(formatDiff(await diffVorlagen(original, changed))).to.equal(
      [
        'Vorlage › Datum: 22.01.2020 → 23.01.2020',
        'Vorlage › Version: 1 → 2',
        'neu: Vorlage › Änderungen: „Neue Zahlen.“',
        'neu: Vorlage › Beratungsfolge › Kreisausschuss: Datum: 19.02.2020; Zuständigkeit: Kenntnisnahme',
        'Schwerpunktziele 2020 und 2021 › Ziele › Bildung: „Individuelle Unterstützung der Schüler*innen …“ → „Gezielte Unterstützung der Schüler*innen …“',
        'Integrationspauschale › Zuweisung › Zeitpunkt: Ende des Jahres 2019 → 17.12.2019',
        'Integrationspauschale › Aufteilung › 2020: 626.377,32 € → 600.000,00 €',
        'neu: Integrationspauschale › Aufteilung › 2021: 26.377,32 €',
        'Sprachmittlerpool › Ehrenamtliche: ca. 30 → ca. 35',
        'Sprachmittlerpool › Einsätze › Anzahl: ca. 1.300 → ca. 1.400',
        'Sprachmittlerpool › Kosten › Gesamtkosten: ca. 110.000,00 € → 115.000,00 €',
        'neu: Binogi › Inhalt › Nr. 1: „Ein neuer erster Absatz.“',
        'Jugendamt › Aufnahmequote › nie erfüllt: ja → nein',
        'Jugendamt › Verlauf › Februar 2016: 80 → 81',
        '',
      ].join('\n'),
    );
  });

  it('compares content, not layout: comments, quoting and key order do not count', async () => {
    const changed = copy();
    edit(changed, 'vorlage.yaml', 'nummer: SV-9-1601\n', '# Kopf\nnummer: "SV-9-1601"\n');
    edit(
      changed,
      'jugendamt.yaml',
      'anzahl: 6934\n    stand: 2019-12-17',
      'stand: 2019-12-17\n    anzahl: 6934',
    );
    const lines = await diffVorlagen(original, changed);
    expect(lines).to.deep.equal([]);
    expect(formatDiff(lines)).to.equal('Keine inhaltlichen Unterschiede.\n');
  });

  it('a missing folder or a broken file is a DiffError in German', async () => {
    const error = await diffVorlagen(original, join(original, 'fehlt')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DiffError);
    expect((error as Error).message).to.match(/^Der Ordner „.*fehlt“ existiert nicht\.$/);
    const broken = copy();
    writeFileSync(join(broken, 'binogi.yaml'), 'art: text\ntitel: [kaputt\n');
    const parse = await diffVorlagen(original, broken).catch((e: unknown) => e);
    expect(parse).to.be.instanceOf(DiffError);
    expect((parse as Error).message).to.include('binogi.yaml');
    expect((parse as Error).message).to.include('lässt sich nicht lesen');
  });
});
