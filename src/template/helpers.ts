import Handlebars from 'handlebars';
import type { Koerperschaft } from '../check/checkKoerperschaft.js';
import { decisionName, genitiveOf } from '../format/genitiv.js';
import { folderOf, isScheme, schemeOf } from '../format/vorlagennummer.js';
import {
  approx,
  formatAmount,
  formatDate,
  formatNumber,
  formatPercent,
  formatWahlperiode,
  type AmountStyle,
} from '../format/german.js';

type HelperOptions = Handlebars.HelperOptions;

const escape = (s: string): string => Handlebars.Utils.escapeExpression(s);

/** Absolute web addresses in running text; trailing punctuation stays outside the link. */
const urlPattern = /\bhttps?:\/\/[^\s<>"„“”)]+[^\s<>"„“”).,;:!?]/g;

const linkPatterns = new Map<string, RegExp>();

/** Web addresses and, when the body's numbering pattern is given, its Vorlage numbers. */
function linkPattern(nummernmuster: string | undefined): RegExp {
  const key = nummernmuster ?? '';
  let pattern = linkPatterns.get(key);
  if (pattern === undefined) {
    const scheme = nummernmuster === undefined ? null : schemeOf(nummernmuster);
    pattern = new RegExp(
      scheme !== null && isScheme(scheme)
        ? `${urlPattern.source}|${scheme.inText}`
        : urlPattern.source,
      'gu',
    );
    linkPatterns.set(key, pattern);
  }
  return pattern;
}

/**
 * Clerk text → HTML: everything escaped, web addresses as links, and Vorlage numbers (after the
 * body's pattern) as links to `#vorlage-<ordner>` when the @root context lists them in `linkziele`.
 */
export function linkify(text: string, targets: readonly string[], nummernmuster?: string): string {
  const pattern = linkPattern(nummernmuster);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const found = match[0];
    const start = match.index;
    out += escape(text.slice(last, start));
    if (found.startsWith('http')) out += `<a href="${escape(found)}">${escape(found)}</a>`;
    else if (targets.includes(found))
      out += `<a href="#vorlage-${escape(folderOf(found))}">${escape(found)}</a>`;
    else out += escape(found);
    last = start + found.length;
  }
  return out + escape(text.slice(last));
}

interface RootContext {
  readonly linkziele?: readonly string[];
  /** the body's settings (ComposedVorlage and the packet's cover carry them) */
  readonly einstellungen?: Koerperschaft;
}

const rootOf = (options: HelperOptions): RootContext =>
  (options.data as { root?: RootContext }).root ?? {};

const ca = (isApprox: boolean, word = 'ca.'): string => (isApprox ? `${word} ` : '');

/** Registers the German formatting helpers on an isolated Handlebars instance. */
export function registerHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper(
    'text',
    (value: unknown, options: HelperOptions) =>
      new hbs.SafeString(
        linkify(
          String(value),
          rootOf(options).linkziele ?? [],
          rootOf(options).einstellungen?.vorlagennummer,
        ),
      ),
  );
  hbs.registerHelper('datum', (value: unknown) => formatDate(String(value)));
  /** a point in time inside a sentence: "am 17.12.2019", "im Dezember 2019", "Ende des Jahres 2019" */
  hbs.registerHelper('zeitpunkt', (value: unknown) => {
    const text = String(value);
    const prefix = /^\d{4}-\d{2}-\d{2}$/.test(text)
      ? 'am '
      : /^\d{4}-\d{2}$/.test(text)
        ? 'im '
        : '';
    return `${prefix}${formatDate(text)}`;
  });
  /** "2020-02-04" → "Dienstag" */
  hbs.registerHelper('wochentag', (value: unknown) =>
    new Date(`${String(value)}T12:00:00Z`).toLocaleDateString('de-DE', {
      weekday: 'long',
      timeZone: 'UTC',
    }),
  );
  /** after „Sitzung“: "Kreistag" → "des Kreistages", "Bezirksvertretung Mitte" → "der Bezirksvertretung Mitte"; koerperschaft.yaml's `genitiv` first */
  hbs.registerHelper('genitiv', (value: unknown, options: HelperOptions) =>
    genitiveOf(String(value), rootOf(options).einstellungen?.gremien),
  );
  hbs.registerHelper('zahl', (value: unknown) => formatNumber(Number(value)));
  /** {{anzahl x}}: 1300 → "1.300", {anzahl: 1300, ca: true} → "ca. 1.300" */
  hbs.registerHelper('anzahl', (value: unknown) => {
    const a = approx(value, 'anzahl');
    return `${ca(a.ca)}${formatNumber(a.value)}`;
  });
  /** {{betrag x}} → "976.377,32 €"; format="ganz" → "350.000 €"; format="strich" → "110.000,- €" */
  hbs.registerHelper('betrag', (value: unknown, options: HelperOptions) => {
    const a = approx(value, 'betrag');
    const style = (options.hash as { format?: AmountStyle }).format ?? 'cent';
    return `${ca(a.ca)}${formatAmount(a.value, style)}`;
  });
  /** {{prozent x}} → "40 %"; approximate → "etwa 40 %" ({{prozent x wort="Etwa"}} at a sentence start) */
  hbs.registerHelper('prozent', (value: unknown, options: HelperOptions) => {
    const a = approx(value, 'prozent');
    return `${ca(a.ca, (options.hash as { wort?: string }).wort ?? 'etwa')}${formatPercent(a.value)}`;
  });
  /** "2/3" stays a fraction, a number is a percentage */
  hbs.registerHelper('anteil', (value: unknown) =>
    typeof value === 'number' ? formatPercent(value) : String(value),
  );
  hbs.registerHelper('klein', (value: unknown) => String(value).toLocaleLowerCase('de-DE'));
  hbs.registerHelper('anzahlVon', (items: unknown) => (Array.isArray(items) ? items.length : 0));
  hbs.registerHelper('summe', (...args: unknown[]) =>
    args.slice(0, -1).reduce<number>((s, v) => s + Number(v), 0),
  );
  hbs.registerHelper('gleich', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('groesser', (a: unknown, b: unknown) => Number(a) > Number(b));
  hbs.registerHelper('minus', (a: unknown, b: unknown) => Number(a) - Number(b));
  hbs.registerHelper('erstes', (items: unknown) => (items as unknown[])[0]);
  hbs.registerHelper('ohneErstes', (items: unknown) => (items as unknown[]).slice(1));
  /** first, last, highest and lowest entry of a list by `feld` (the earlier one on a tie) */
  hbs.registerHelper('spanne', (items: unknown, feld: unknown) => {
    const list = items as Record<string, number>[];
    const key = String(feld);
    const pick = (better: (a: number, b: number) => boolean) =>
      list.reduce((best, item) => (better(item[key] ?? 0, best[key] ?? 0) ? item : best));
    return {
      erstes: list[0],
      letztes: list.at(-1),
      hoechstes: pick((a, b) => a > b),
      niedrigstes: pick((a, b) => a < b),
    };
  });
  /** "Kreis Coesfeld" → "Der Kreis Coesfeld", "Stadt Dülmen" → "Die Stadt Dülmen" */
  hbs.registerHelper('artikel', (name: unknown) => {
    const text = String(name);
    return /^(Stadt|Gemeinde|Städteregion|Region)\b/.test(text) ? `Die ${text}` : `Der ${text}`;
  });
  /** "Kreistag" → "Kreistagsbeschluss", "Rat der Stadt" → "Beschluss des Rates der Stadt" */
  hbs.registerHelper('beschlussname', (gremium: unknown, options: HelperOptions) =>
    decisionName(String(gremium), rootOf(options).einstellungen?.gremien),
  );
  /** 9 → "9. Wahlperiode", "2020-2025" → "Wahlperiode 2020–2025" */
  hbs.registerHelper('wahlperiode', (value: unknown) => formatWahlperiode(value));
  hbs.registerHelper('abschnittVorlage', (art: unknown) => `abschnitt-${String(art)}`);
  /** splits a list into rows of n cells for a grid table; the last row is padded */
  hbs.registerHelper('zeilen', (items: unknown, n: unknown) => {
    const list = items as unknown[];
    const size = Number(n);
    const rows: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) rows.push(list.slice(i, i + size));
    const lastRow = rows[rows.length - 1];
    while (lastRow && lastRow.length < size) lastRow.push('');
    return rows;
  });
  /** the field of an object, for dynamic keys */
  hbs.registerHelper(
    'feld',
    (object: unknown, key: unknown) => (object as Record<string, unknown>)[String(key)],
  );
  /** `diagramm: true` shows every series of a section as a chart, a list only the series named */
  hbs.registerHelper(
    'diagrammFuer',
    (setting: unknown, name: unknown) =>
      setting === true || (Array.isArray(setting) && setting.includes(name)),
  );
  /**
   * a series as chart data: [{kommune, anzahl}] → [{beschriftung, wert}]; beschriftung="datum"
   * writes ISO dates and months the German way (2019-12-17 → 17.12.2019) and keeps them as
   * `zeit`
   */
  hbs.registerHelper(
    'reihe',
    (items: unknown, label: unknown, value: unknown, options: HelperOptions) => {
      const asDate = (options.hash as { beschriftung?: string }).beschriftung === 'datum';
      return (items as Record<string, unknown>[]).map((item) => {
        const text = String(item[String(label)]);
        const raw = item[String(value)];
        return {
          beschriftung: asDate ? formatDate(text) : text,
          wert: approx(raw, 'anzahl').value,
          // a day or a month: where the point stands on a time axis (a line chart spaces by it)
          ...(asDate && /^\d{4}-\d{2}(-\d{2})?$/.test(text) ? { zeit: text } : {}),
        };
      });
    },
  );
  hbs.registerHelper('blockart', (block: unknown) =>
    typeof block === 'string' ? 'absatz' : (Object.keys(block as object)[0] ?? 'absatz'),
  );
}
