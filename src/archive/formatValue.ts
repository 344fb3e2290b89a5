import { formatAmount, formatDate, formatNumber, formatPercent } from '../format/german.js';
import { isRecord, isScalar } from './json.js';
import {
  alternatives,
  items,
  orderedKeys,
  pick,
  property,
  titleOf,
  type SchemaNode,
  type Schemas,
} from './schemaNode.js';

/** How a value is written in German. */
export type Kind = 'betrag' | 'jahr' | 'prozent' | 'datum' | 'text' | 'plain' | 'zahl';

const dateDefs = new Set(['datum', 'monat', 'datumOderMonat']);

export function kindOf(schemas: Schemas, n: SchemaNode | undefined, value: unknown): Kind {
  if (!n) return typeof value === 'string' && /\s/.test(value) ? 'text' : 'plain';
  const refs = new Set(n.refs);
  const all = [n, ...alternatives(schemas, n)];
  if (refs.has('betrag') || refs.has('ungefaehrerBetrag')) return 'betrag';
  if (refs.has('jahr')) return 'jahr';
  if (refs.has('prozent') || refs.has('ungefaehrerProzentsatz')) return 'prozent';
  if (
    all.some((a) => a.refs.some((r) => dateDefs.has(r)) || a.node.format === 'date') &&
    typeof value === 'string'
  )
    return 'datum';
  if (typeof value === 'number') return 'zahl';
  if (typeof value !== 'string') return 'plain';
  const { node } = n;
  const constrained = 'pattern' in node || 'enum' in node || 'const' in node || 'format' in node;
  return refs.has('text') || (!constrained && typeof node.type === 'string') ? 'text' : 'plain';
}

const plainSpaces = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

function formatScalar(value: string | number | boolean, kind: Kind): string {
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  if (typeof value === 'number') {
    if (kind === 'betrag') return plainSpaces(formatAmount(value));
    if (kind === 'jahr') return String(value);
    if (kind === 'prozent') return plainSpaces(formatPercent(value));
    return formatNumber(value);
  }
  return kind === 'datum' ? formatDate(value) : value;
}

/** {anzahl: 1300, ca: true} and its kin, as [inner key, value, approximate]. */
export function approximate(value: unknown): [string, number, boolean] | undefined {
  if (!isRecord(value) || typeof value.ca !== 'boolean') return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 2) return undefined;
  const key = keys.find((k) => k !== 'ca') ?? '';
  const inner = value[key];
  return ['anzahl', 'betrag', 'prozent'].includes(key) && typeof inner === 'number'
    ? [key, inner, value.ca]
    : undefined;
}

const maxWords = 14;
const shortLength = 80;
const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

/** The first words of a long text, cut with "…". */
function shortenOne(text: string): string {
  if (text.length <= shortLength) return text;
  const all = words(text);
  return all.length <= maxWords ? text : `${all.slice(0, maxWords).join(' ')} …`;
}

/** Two long texts cut down to their first differing words, with a little context and "…". */
export function shortenPair(a: string, b: string): [string, string] {
  if (a.length <= shortLength && b.length <= shortLength) return [a, b];
  const wa = words(a);
  const wb = words(b);
  let prefix = 0;
  while (prefix < wa.length && prefix < wb.length && wa[prefix] === wb[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < Math.min(wa.length, wb.length) - prefix &&
    wa[wa.length - 1 - suffix] === wb[wb.length - 1 - suffix]
  )
    suffix++;
  const context = 3;
  const start = Math.max(0, prefix - context);
  const cut = (w: string[]): string => {
    const end = Math.min(w.length, w.length - suffix + context, start + maxWords);
    return `${start > 0 ? '… ' : ''}${w.slice(start, end).join(' ')}${end < w.length ? ' …' : ''}`;
  };
  return [cut(wa), cut(wb)];
}

export const quote = (text: string): string => `„${text}“`;

/** A value in German, for "before"/"after": amounts, dates, numbers, texts shortened and quoted. */
export function formatValue(
  schemas: Schemas,
  n: SchemaNode | undefined,
  value: unknown,
  options: { quote?: boolean; short?: boolean } = {},
): string {
  const { quote: quoted = true, short = true } = options;
  const node = pick(schemas, n, value);
  if (value === null || value === undefined) return 'leer';
  if (isScalar(value)) {
    const kind = kindOf(schemas, node, value);
    const text = formatScalar(value, kind);
    if (kind !== 'text') return text;
    const cut = short ? shortenOne(text) : text;
    return quoted ? quote(cut) : cut;
  }
  const approx = approximate(value);
  if (approx) {
    const [key, inner, ca] = approx;
    const kind: Kind =
      key === 'betrag' ? 'betrag' : key === 'prozent' ? 'prozent' : kindOf(schemas, node, inner);
    return `${ca ? (key === 'prozent' ? 'etwa ' : 'ca. ') : ''}${formatScalar(inner, kind)}`;
  }
  const nested = { quote: quoted, short: false };
  const text = Array.isArray(value)
    ? value.map((item) => formatValue(schemas, items(schemas, node), item, nested)).join('; ')
    : isRecord(value)
      ? orderedKeys(schemas, node, [value])
          .filter((k) => value[k] !== undefined)
          .map((k) => {
            const child = property(schemas, node, k);
            return `${titleOf(child) ?? k}: ${formatValue(schemas, child, value[k], nested)}`;
          })
          .join('; ')
      : '';
  return short ? shortenOne(text) : text;
}
