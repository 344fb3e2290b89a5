import { months } from '../format/german.js';
import type { Path } from '../load/positions.js';

/** A field path as a clerk reads it: "aufteilung › jahre › Nr. 2 › betrag". */
export function fieldLabel(path: Path): string {
  if (path.length === 0) return 'Datei';
  return path.map((p) => (typeof p === 'number' ? `Nr. ${p + 1}` : p)).join(' › ');
}

const typeNames: Record<string, string> = {
  integer: 'eine ganze Zahl',
  number: 'eine Zahl',
  string: 'ein Text',
  boolean: 'true oder false',
  array: 'eine Liste (Zeilen, die mit „- “ beginnen)',
  object: 'Felder der Form „name: wert“',
  null: 'nichts',
};

export const expectedType = (type: string): string =>
  type
    .split(',')
    .map((t) => typeNames[t] ?? t)
    .join(' oder ');

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nichts';
  if (typeof value === 'number')
    return `die Zahl ${value.toLocaleString('de-DE', { maximumFractionDigits: 20 })}`;
  if (typeof value === 'string')
    return `der Text „${value.length > 40 ? `${value.slice(0, 40)}…` : value}“`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'eine Liste';
  return 'eine Gruppe von Feldern';
}

/** "976.377,32 €" → "976377.32"; null when the text is not a German amount. */
export function germanAmountFix(text: string): string | null {
  const m = /^\s*(-?\d{1,3}(?:\.\d{3})+|-?\d+)(?:,(\d{1,2})|,-)?\s*(?:€|EUR|Euro)?\s*$/i.exec(text);
  // A plain "40,5" is a decimal number (RM205), not an amount.
  const looksLikeMoney =
    /€|eur/i.test(text) || text.includes(',-') || m?.[1]?.includes('.') === true;
  if (!m?.[1] || !looksLikeMoney) return null;
  const whole = m[1].replaceAll('.', '');
  return m[2] ? `${whole}.${m[2].padEnd(2, '0')}` : whole;
}

/** "1,5" → "1.5"; null otherwise. */
export function germanDecimalFix(text: string): string | null {
  const m = /^\s*(-?\d+),(\d+)\s*%?\s*$/.exec(text);
  return m ? `${m[1] ?? ''}.${m[2] ?? ''}` : null;
}

/** "17.12.2019" → "2019-12-17"; "2.2016" or "02.2016" → "2016-02"; null otherwise. */
export function germanDateFix(text: string): string | null {
  const day = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (day)
    return `${day[3] ?? ''}-${(day[2] ?? '').padStart(2, '0')}-${(day[1] ?? '').padStart(2, '0')}`;
  const month = /^\s*(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (month) return `${month[2] ?? ''}-${(month[1] ?? '').padStart(2, '0')}`;
  return null;
}

const daysIn = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A date or month in ISO form that no calendar has (2019-02-30, 2016-13): what it is, why it
 * does not exist and a date that does; null when the value is not of that form or exists.
 */
export function impossibleDate(text: string): { what: string; reason: string; fix: string } | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!m) return null;
  const [year, month] = [Number(m[1]), Number(m[2])];
  const dayText = m[3];
  const what = dayText === undefined ? 'Monat' : 'Tag';
  const pad = (n: number): string => String(n).padStart(2, '0');
  const ymd = (mo: number, d: number): string =>
    dayText === undefined ? `${String(year)}-${pad(mo)}` : `${String(year)}-${pad(mo)}-${pad(d)}`;
  const day = Number(dayText ?? 1);
  if (month < 1 || month > 12) {
    // 2019-13-02: day and month swapped as in the German order, when the day could be a month
    const swapped = dayText !== undefined && day >= 1 && day <= 12 && month <= 31;
    return {
      what,
      reason: 'ein Jahr hat die Monate 01 bis 12',
      fix: swapped ? ymd(day, month) : ymd(Math.min(Math.max(month, 1), 12), Math.max(day, 1)),
    };
  }
  const last = daysIn(year, month);
  if (day >= 1 && day <= last) return null;
  const name = months[month - 1] ?? '';
  return {
    what,
    reason:
      day < 1
        ? 'ein Monat beginnt mit dem Tag 01'
        : `der ${name} ${String(year)} hat nur ${String(last)} Tage`,
    fix: ymd(month, day < 1 ? 1 : last),
  };
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(
        current + 1,
        (row[j - 1] ?? 0) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** The closest candidate to a misspelt word, if it is close enough to be a typo. */
export function nearest(word: string, candidates: readonly string[]): string | null {
  const folded = (s: string) =>
    s
      .toLowerCase()
      .replaceAll('ä', 'ae')
      .replaceAll('ö', 'oe')
      .replaceAll('ü', 'ue')
      .replaceAll('ß', 'ss');
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(folded(word), folded(c));
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}
