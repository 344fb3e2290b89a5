import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatAmount, formatDate, toCents } from '../format/german.js';
import { positionAt, type Source } from '../load/positions.js';
import type {
  Integrationspauschale,
  Schwerpunktziele,
  Sprachmittlerpool,
  Uma,
} from '../types/content.js';
import { nearest } from './describe.js';

/** Checks that the figures of one schema-valid section agree with each other. */
export function checkFigures(source: Source): Diagnostic[] {
  const art = (source.value as { art?: unknown }).art;
  switch (art) {
    case 'integrationspauschale':
      return checkPauschale(source, source.value as Integrationspauschale);
    case 'sprachmittlerpool':
      return checkPool(source, source.value as Sprachmittlerpool);
    case 'uma':
      return checkUma(source, source.value as Uma);
    case 'schwerpunktziele':
      return checkZiele(source, source.value as Schwerpunktziele);
    default:
      return [];
  }
}

function checkPauschale(source: Source, data: Integrationspauschale): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { von, bis } = data.verwendungszeitraum;
  if (von > bis) {
    out.push(
      diagnose('RM409', source.file, positionAt(source, ['verwendungszeitraum', 'von']), {
        von: formatDate(von),
        bis: formatDate(bis),
      }),
    );
  }
  const sum = data.aufteilung.jahre.reduce((s, j) => s + toCents(j.betrag), 0);
  const total = toCents(data.zuweisung.betrag);
  if (sum !== total) {
    out.push(
      diagnose('RM401', source.file, positionAt(source, ['aufteilung', 'jahre']), {
        sum: formatAmount(sum / 100),
        total: formatAmount(total / 100),
        diff: formatAmount(Math.abs(sum - total) / 100),
      }),
    );
  }
  const years = new Set<number>();
  data.aufteilung.jahre.forEach((j, i) => {
    if (years.has(j.jahr))
      out.push(
        diagnose('RM411', source.file, positionAt(source, ['aufteilung', 'jahre', i, 'jahr']), {
          year: j.jahr,
        }),
      );
    years.add(j.jahr);
  });
  const [vonJahr, bisJahr] = [Number(von.slice(0, 4)), Number(bis.slice(0, 4))];
  // with the period reversed every year would be "outside"; RM409 says what to fix
  if (von > bis) return out;
  data.aufteilung.jahre.forEach((j, i) => {
    if (j.jahr < vonJahr || j.jahr > bisJahr) {
      out.push(
        diagnose('RM402', source.file, positionAt(source, ['aufteilung', 'jahre', i, 'jahr']), {
          year: j.jahr,
          von: formatDate(von),
          bis: formatDate(bis),
          vonJahr,
          bisJahr,
        }),
      );
    }
  });
  return out;
}

function checkPool(source: Source, data: Sprachmittlerpool): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  data.meistgefragte_sprachen.forEach((entry, i) => {
    // the position only for a diagnostic: it needs the file's syntax tree (diskParses.ts)
    const at = () => positionAt(source, ['meistgefragte_sprachen', i, 'sprache']);
    if (!data.sprachen.includes(entry.sprache)) {
      const guess = nearest(entry.sprache, data.sprachen);
      out.push(
        diagnose('RM405', source.file, at(), {
          value: entry.sprache,
          suggestion: guess ? ` („${guess}“)` : '',
        }),
      );
    }
    if (seen.has(entry.sprache))
      out.push(diagnose('RM406', source.file, at(), { value: entry.sprache }));
    seen.add(entry.sprache);
    const next = data.meistgefragte_sprachen[i + 1];
    if (next && next.anzahl > entry.anzahl) {
      out.push(
        diagnose(
          'RM407',
          source.file,
          positionAt(source, ['meistgefragte_sprachen', i, 'anzahl']),
          {
            value: entry.sprache,
            count: entry.anzahl,
            next: `${next.sprache}: ${next.anzahl}`,
          },
        ),
      );
    }
  });
  const share = data.einsaetze.anteil_ehrenamtlich;
  if (typeof share === 'string') {
    const [z = 0, n = 1] = share.split('/').map(Number);
    if (z > n)
      out.push(
        diagnose('RM410', source.file, positionAt(source, ['einsaetze', 'anteil_ehrenamtlich']), {
          value: share,
        }),
      );
  }
  return out;
}

function checkUma(source: Source, data: Uma): Diagnostic[] {
  const out: Diagnostic[] = [];
  data.verlauf.forEach((entry, i) => {
    const previous = data.verlauf[i - 1];
    if (previous && entry.stand <= previous.stand) {
      out.push(
        diagnose('RM408', source.file, positionAt(source, ['verlauf', i, 'stand']), {
          value: formatDate(entry.stand),
          previous: formatDate(previous.stand),
        }),
      );
    }
  });
  const b = data.bestand;
  const sum =
    b.inobhutnahme +
    b.hilfen_zur_erziehung.stationaer +
    b.hilfen_zur_erziehung.pflegefamilie +
    b.junge_volljaehrige.ambulant +
    b.junge_volljaehrige.stationaer +
    b.junge_volljaehrige.pflegefamilie;
  const at = data.verlauf.find((v) => v.stand === b.stichtag);
  if (!at) {
    out.push(
      diagnose('RM404', source.file, positionAt(source, ['bestand', 'stichtag']), {
        stichtag: formatDate(b.stichtag),
        iso: b.stichtag,
      }),
    );
  } else if (at.anzahl !== sum) {
    out.push(
      diagnose('RM403', source.file, positionAt(source, ['bestand']), {
        stichtag: formatDate(b.stichtag),
        sum,
        expected: at.anzahl,
      }),
    );
  }
  return out;
}

function checkZiele(source: Source, data: Schwerpunktziele): Diagnostic[] {
  const { von, bis } = data.zeitraum;
  return von > bis
    ? [
        diagnose('RM409', source.file, positionAt(source, ['zeitraum', 'von']), {
          von: String(von),
          bis: String(bis),
        }),
      ]
    : [];
}
