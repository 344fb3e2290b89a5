/** German notation for figures, built on Intl de-DE. Used by templates and by diagnostics. */

export const months: readonly string[] = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];

/**
 * A German number format, made when first used: making one loads ICU's locale data (17 ms of
 * the 80 ms `ratsmappe --help` took, CPU profile), and --help formats no number.
 */
function lazyFormat(options: Intl.NumberFormatOptions): { format(n: number): string } {
  let made: Intl.NumberFormat | undefined;
  return { format: (n) => (made ??= new Intl.NumberFormat('de-DE', options)).format(n) };
}

const integer = lazyFormat({ maximumFractionDigits: 0 });
const decimal = lazyFormat({ maximumFractionDigits: 2 });
const euro = lazyFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 6934 → "6.934"; 1.5 → "1,5" */
export const formatNumber = (n: number): string =>
  (Number.isInteger(n) ? integer : decimal).format(n);

export type AmountStyle = 'cent' | 'ganz' | 'strich';

/**
 * 976377.32 → "976.377,32 €" (cent); 350000 → "350.000 €" (ganz, whole euros only);
 * 110000 → "110.000,- €" (strich, the dash for whole euros usual in German administration).
 */
export function formatAmount(n: number, style: AmountStyle = 'cent'): string {
  const cents = Math.round(n * 100);
  if (style !== 'cent' && cents % 100 === 0) {
    return `${integer.format(cents / 100)}${style === 'strich' ? ',-' : ''}\u00a0€`;
  }
  return `${euro.format(cents / 100)}\u00a0€`;
}

/** amounts compared to the cent, never as floats */
export const toCents = (n: number): number => Math.round(n * 100);

/** 40 → "40 %" */
export const formatPercent = (n: number): string => `${decimal.format(n)}\u00a0%`;

/** "2019-12-17" → "17.12.2019"; "2016-02" → "Februar 2016"; "Ende 2019" → "Ende des Jahres 2019" */
export function formatDate(value: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return `${day[3] ?? ''}.${day[2] ?? ''}.${day[1] ?? ''}`;
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) return `${months[Number(month[2]) - 1] ?? ''} ${month[1] ?? ''}`;
  const vague = /^(Anfang|Mitte|Ende) (\d{4})$/.exec(value);
  if (vague) return `${vague[1] ?? ''} des Jahres ${vague[2] ?? ''}`;
  return value;
}

/** An approximate figure ({anzahl: 1300, ca: true}) or a plain one, as {value, ca}. */
export function approx(
  value: unknown,
  key: 'anzahl' | 'betrag' | 'prozent',
): { value: number; ca: boolean } {
  if (typeof value === 'number') return { value, ca: false };
  const object = value as Record<string, unknown>;
  return { value: Number(object[key]), ca: object.ca === true };
}

/** "1 Datei", "3 Dateien" */
export const plural = (n: number, one: string, many: string): string =>
  `${n} ${n === 1 ? one : many}`;

/** A Wahlperiode as a meeting gives it: 9 → "9. Wahlperiode", "2020-2025" → "Wahlperiode 2020–2025". */
export const formatWahlperiode = (value: unknown): string =>
  typeof value === 'number'
    ? `${String(value)}. Wahlperiode`
    : `Wahlperiode ${String(value).replace(/\s*[–-]\s*/, '–')}`;
