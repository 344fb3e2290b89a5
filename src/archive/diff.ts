import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadSchemaFile, schemaFiles } from '../check/schemaFiles.js';
import { formatAmount, formatDate, formatNumber, formatPercent } from '../format/german.js';

/**
 * One difference between two versions of a Vorlage. path: the German labels from the section
 * title down to the field. Both before and after: changed; only after: new; only before: removed.
 */
export interface DiffLine {
  readonly path: readonly string[];
  readonly before?: string;
  readonly after?: string;
}

/** A folder cannot be compared (missing, unreadable YAML): exit code 2. */
export class DiffError extends Error {
  override readonly name = 'DiffError';
}

type Json = Record<string, unknown>;

/** A place in a schema: the node, the schema file its local $refs resolve in, the $defs passed. */
interface SchemaNode {
  readonly node: Json;
  readonly file: string;
  /** names of the $defs this node came through, e.g. ["betrag"] */
  readonly refs: readonly string[];
}

type Schemas = ReadonlyMap<string, Json>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

// ─── schemas ──────────────────────────────────────────────────────────────────────────────────

let schemasLoaded: Promise<Schemas> | undefined;

const loadSchemas = (): Promise<Schemas> =>
  (schemasLoaded ??= (async () =>
    new Map(
      await Promise.all(
        schemaFiles.map(async (file) => [file, await loadSchemaFile(file)] as const),
      ),
    ))());

function pointer(root: Json | undefined, path: string): Json | undefined {
  let node: unknown = root;
  for (const segment of path.split('/').filter((s) => s !== '')) {
    node = isRecord(node) ? node[segment] : undefined;
  }
  return isRecord(node) ? node : undefined;
}

/** Follows $ref; the node's own keywords (title, description) win over the target's. */
function resolve(schemas: Schemas, start: SchemaNode): SchemaNode {
  let { node, file } = start;
  const refs = [...start.refs];
  for (let depth = 0; typeof node.$ref === 'string' && depth < 20; depth++) {
    const [targetFile = '', path = ''] = node.$ref.split('#');
    const nextFile = targetFile === '' ? file : targetFile;
    const target = pointer(schemas.get(nextFile), path);
    if (!target) break;
    refs.push(path.split('/').pop() ?? '');
    // the target's own $ref (if any) is followed next; the node's keywords win
    node = { ...target, ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) };
    file = nextFile;
  }
  return { node, file, refs };
}

const alternatives = (schemas: Schemas, n: SchemaNode): SchemaNode[] => {
  const list = n.node.anyOf ?? n.node.oneOf;
  return Array.isArray(list)
    ? list.filter(isRecord).map((alt) => resolve(schemas, { node: alt, file: n.file, refs: [] }))
    : [];
};

const typeOf = (n: SchemaNode): string | undefined =>
  typeof n.node.type === 'string'
    ? n.node.type
    : typeof n.node.const === 'string' || Array.isArray(n.node.enum)
      ? 'string'
      : typeof n.node.const === 'boolean'
        ? 'boolean'
        : undefined;

function fits(n: SchemaNode, value: unknown): boolean {
  const type = typeOf(n);
  if (typeof value === 'string') return type === 'string';
  if (typeof value === 'number') return type === 'number' || type === 'integer';
  if (typeof value === 'boolean') return type === 'boolean';
  if (Array.isArray(value)) return type === 'array';
  if (isRecord(value)) {
    const props = n.node.properties;
    return type === 'object' && isRecord(props) && Object.keys(value).every((k) => k in props);
  }
  return false;
}

/** The alternative of an anyOf that fits the value; the outer title and $defs are kept. */
function pick(schemas: Schemas, n: SchemaNode | undefined, value: unknown): SchemaNode | undefined {
  if (!n) return undefined;
  const resolved = resolve(schemas, n);
  const alt = alternatives(schemas, resolved).find((a) => fits(a, value));
  if (!alt) return resolved;
  const title = resolved.node.title;
  return {
    node: { ...alt.node, ...(typeof title === 'string' ? { title } : {}) },
    file: alt.file,
    refs: [...resolved.refs, ...alt.refs],
  };
}

function property(
  schemas: Schemas,
  n: SchemaNode | undefined,
  key: string,
): SchemaNode | undefined {
  if (!n) return undefined;
  const resolved = resolve(schemas, n);
  for (const candidate of [resolved, ...alternatives(schemas, resolved)]) {
    const props = candidate.node.properties;
    if (isRecord(props) && isRecord(props[key]))
      return resolve(schemas, { node: props[key], file: candidate.file, refs: [] });
  }
  return undefined;
}

function items(schemas: Schemas, n: SchemaNode | undefined): SchemaNode | undefined {
  if (!n) return undefined;
  const resolved = resolve(schemas, n);
  for (const candidate of [resolved, ...alternatives(schemas, resolved)]) {
    if (isRecord(candidate.node.items))
      return resolve(schemas, { node: candidate.node.items, file: candidate.file, refs: [] });
  }
  return undefined;
}

const titleOf = (n: SchemaNode | undefined): string | undefined =>
  n && typeof n.node.title === 'string' ? n.node.title : undefined;

/** The object alternative of a (list item) schema. */
function objectSchema(schemas: Schemas, n: SchemaNode | undefined): SchemaNode | undefined {
  if (!n) return undefined;
  const resolved = resolve(schemas, n);
  return [resolved, ...alternatives(schemas, resolved)].find((c) => isRecord(c.node.properties));
}

// ─── German values ────────────────────────────────────────────────────────────────────────────

type Kind = 'betrag' | 'jahr' | 'prozent' | 'datum' | 'text' | 'plain' | 'zahl';

const dateDefs = new Set(['datum', 'monat', 'datumOderMonat']);

function kindOf(schemas: Schemas, n: SchemaNode | undefined, value: unknown): Kind {
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
function approximate(value: unknown): [string, number, boolean] | undefined {
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
function shortenPair(a: string, b: string): [string, string] {
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

const quote = (text: string): string => `„${text}“`;

/** A value in German, for "before"/"after": amounts, dates, numbers, texts shortened and quoted. */
function formatValue(
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

// ─── comparing ────────────────────────────────────────────────────────────────────────────────

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** Keys in schema order, then unknown keys in order of appearance. */
function orderedKeys(
  schemas: Schemas,
  n: SchemaNode | undefined,
  values: readonly Json[],
): string[] {
  const object = objectSchema(schemas, n);
  const props =
    object && isRecord(object.node.properties) ? Object.keys(object.node.properties) : [];
  const present = new Set(values.flatMap((v) => Object.keys(v)));
  return [
    ...props.filter((k) => present.has(k)),
    ...[...present].filter((k) => !props.includes(k)),
  ];
}

class Differ {
  readonly lines: DiffLine[] = [];
  constructor(private readonly schemas: Schemas) {}

  private fmt(n: SchemaNode | undefined, value: unknown): string {
    return formatValue(this.schemas, n, value);
  }

  changed(path: readonly string[], n: SchemaNode | undefined, a: unknown, b: unknown): void {
    const na = pick(this.schemas, n, a);
    const nb = pick(this.schemas, n, b);
    if (
      typeof a === 'string' &&
      typeof b === 'string' &&
      kindOf(this.schemas, na, a) === 'text' &&
      kindOf(this.schemas, nb, b) === 'text'
    ) {
      const [before, after] = shortenPair(a, b);
      this.lines.push({ path, before: quote(before), after: quote(after) });
      return;
    }
    this.lines.push({ path, before: this.fmt(n, a), after: this.fmt(n, b) });
  }

  added(path: readonly string[], n: SchemaNode | undefined, b: unknown): void {
    this.lines.push({ path, after: this.fmt(n, b) });
  }

  removed(path: readonly string[], n: SchemaNode | undefined, a: unknown): void {
    this.lines.push({ path, before: this.fmt(n, a) });
  }

  value(path: readonly string[], n: SchemaNode | undefined, a: unknown, b: unknown): void {
    if (same(a, b)) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      this.array(path, n, a, b);
      return;
    }
    if (isRecord(a) && isRecord(b) && !approximate(a) && !approximate(b)) {
      this.object(path, pick(this.schemas, n, b), a, b);
      return;
    }
    this.changed(path, n, a, b);
  }

  object(path: readonly string[], n: SchemaNode | undefined, a: Json, b: Json): void {
    for (const key of orderedKeys(this.schemas, n, [b, a])) {
      const child = property(this.schemas, n, key);
      const at = [...path, titleOf(child) ?? key];
      const [va, vb] = [a[key], b[key]];
      if (va === undefined && vb !== undefined) this.added(at, child, vb);
      else if (vb === undefined && va !== undefined) this.removed(at, child, va);
      else this.value(at, child, va, vb);
    }
  }

  array(path: readonly string[], n: SchemaNode | undefined, a: unknown[], b: unknown[]): void {
    const item = items(this.schemas, n);
    const keyed = this.keying(n, item, a, b);
    if (keyed) this.keyedArray(path, n, item, keyed, a, b);
    else this.positionalArray(path, item, a, b);
  }

  /**
   * How list items are identified: an object by its first required scalar field that is unique in
   * both lists (jahr, stand, bereich, kommune, gremium, …); a value by itself when the list holds
   * distinct values (uniqueItems) or constrained ones (file names). Undefined: by position.
   */
  private keying(
    n: SchemaNode | undefined,
    item: SchemaNode | undefined,
    a: readonly unknown[],
    b: readonly unknown[],
  ): { field: string | undefined; key: (v: unknown) => string } | undefined {
    const all = [...a, ...b];
    const objects = all.filter(isRecord);
    const scalars = all.filter(isScalar);
    if (objects.length + scalars.length !== all.length) return undefined;
    let field: string | undefined;
    if (objects.length > 0) {
      const object = objectSchema(this.schemas, item);
      const required = Array.isArray(object?.node.required)
        ? object.node.required.filter((k): k is string => typeof k === 'string')
        : [];
      const candidates = required.length > 0 ? required : Object.keys(objects[0] ?? {});
      field = candidates.find(
        (k) =>
          objects.every((o) => isScalar(o[k])) &&
          [a, b].every((list) => unique(list.filter(isRecord).map((o) => canonical(o[k])))),
      );
      if (field === undefined) return undefined;
    }
    if (scalars.length > 0) {
      const resolved = n ? resolve(this.schemas, n) : undefined;
      const byValue =
        resolved?.node.uniqueItems === true ||
        scalars.every((s) => kindOf(this.schemas, pick(this.schemas, item, s), s) !== 'text');
      if (!byValue) return undefined;
      if (![a, b].every((list) => unique(list.filter(isScalar).map((s) => canonical(s)))))
        return undefined;
    }
    const f = field;
    return {
      field: f,
      key: (v) => (isRecord(v) && f !== undefined ? `o${canonical(v[f])}` : `s${canonical(v)}`),
    };
  }

  private keyedArray(
    path: readonly string[],
    n: SchemaNode | undefined,
    item: SchemaNode | undefined,
    keying: { field: string | undefined; key: (v: unknown) => string },
    a: readonly unknown[],
    b: readonly unknown[],
  ): void {
    const { schemas } = this;
    const { field, key } = keying;
    const object = objectSchema(schemas, item);
    const props =
      object && isRecord(object.node.properties) ? Object.keys(object.node.properties) : [];
    const keyNode = field === undefined ? undefined : property(schemas, object, field);
    // "Aufteilung › 2020" rather than "Aufteilung › Jahre › 2020": the year says what the list holds
    const listTitle = titleOf(n ? resolve(schemas, n) : undefined);
    const keyTitle = titleOf(keyNode);
    const base =
      listTitle !== undefined &&
      keyTitle !== undefined &&
      listTitle.toLowerCase().startsWith(keyTitle.toLowerCase())
        ? path.slice(0, -1)
        : path;
    // a pair {key, value} (jahr/betrag, kommune/anzahl, bereich/ziel) stands for its value
    const other =
      field !== undefined && props.length === 2 ? props.find((p) => p !== field) : undefined;
    const otherNode = other === undefined ? undefined : property(schemas, object, other);
    const isPair = (v: Json): boolean =>
      other !== undefined && Object.keys(v).every((k) => k === field || k === other);

    const label = (v: Json): string =>
      field === undefined
        ? ''
        : formatValue(schemas, keyNode, v[field], { quote: false, short: false });
    const summary = (v: Json): string => {
      if (isPair(v) && other !== undefined) return formatValue(schemas, otherNode, v[other]);
      const rest = Object.fromEntries(Object.entries(v).filter(([k]) => k !== field));
      return formatValue(schemas, object, rest);
    };

    const mapA = new Map(a.map((v) => [key(v), v]));
    const mapB = new Map(b.map((v) => [key(v), v]));
    const commonA = a.map(key).filter((k) => mapB.has(k));
    const commonB = b.map(key).filter((k) => mapA.has(k));
    if (commonA.join('\u0000') !== commonB.join('\u0000')) {
      const names = (list: readonly string[], map: Map<string, unknown>): string =>
        list
          .map((k) => {
            const v = map.get(k);
            return isRecord(v) ? label(v) : formatValue(schemas, item, v, { quote: false });
          })
          .join(', ');
      const [before, after] = shortenPair(names(commonA, mapA), names(commonB, mapB));
      this.lines.push({ path: [...path, 'Reihenfolge'], before, after });
    }

    const removedAfter = new Map<string | undefined, unknown[]>();
    let previous: string | undefined;
    for (const v of a) {
      const k = key(v);
      if (mapB.has(k)) previous = k;
      else removedAfter.set(previous, [...(removedAfter.get(previous) ?? []), v]);
    }
    const emitRemoved = (after: string | undefined): void => {
      for (const v of removedAfter.get(after) ?? []) {
        if (isRecord(v)) this.lines.push({ path: [...base, label(v)], before: summary(v) });
        else this.lines.push({ path, before: formatValue(schemas, item, v, { quote: false }) });
      }
    };
    emitRemoved(undefined);
    for (const v of b) {
      const k = key(v);
      const old = mapA.get(k);
      if (old === undefined) {
        if (isRecord(v)) this.lines.push({ path: [...base, label(v)], after: summary(v) });
        else this.lines.push({ path, after: formatValue(schemas, item, v, { quote: false }) });
      } else {
        if (isRecord(v) && isRecord(old)) {
          const at = [...base, label(v)];
          if (isPair(v) && isPair(old) && other !== undefined) {
            if (v[other] === undefined) this.removed(at, otherNode, old[other]);
            else if (old[other] === undefined) this.added(at, otherNode, v[other]);
            else this.value(at, otherNode, old[other], v[other]);
          } else this.object(at, pick(schemas, item, v), old, v);
        }
        emitRemoved(k);
      }
    }
  }

  /** Lists without identity (paragraphs, list points): aligned on equal items, "Nr. n". */
  private positionalArray(
    path: readonly string[],
    item: SchemaNode | undefined,
    a: readonly unknown[],
    b: readonly unknown[],
  ): void {
    const ca = a.map(canonical);
    const cb = b.map(canonical);
    // longest common subsequence, table from the end
    const table = Array.from({ length: a.length + 1 }, () =>
      new Array<number>(b.length + 1).fill(0),
    );
    const at = (i: number, j: number): number => table[i]?.[j] ?? 0;
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        const row = table[i];
        if (row)
          row[j] = ca[i] === cb[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
      }
    }
    const nr = (i: number): string[] => [...path, `Nr. ${i + 1}`];
    const gap = (ia: number[], ib: number[]): void => {
      const paired = Math.min(ia.length, ib.length);
      for (let k = 0; k < paired; k++) {
        const [i, j] = [ia[k] ?? 0, ib[k] ?? 0];
        this.value(nr(j), item, a[i], b[j]);
      }
      for (const i of ia.slice(paired)) this.removed(nr(i), item, a[i]);
      for (const j of ib.slice(paired)) this.added(nr(j), item, b[j]);
    };
    let [i, j] = [0, 0];
    let ga: number[] = [];
    let gb: number[] = [];
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && ca[i] === cb[j]) {
        gap(ga, gb);
        [ga, gb] = [[], []];
        i++;
        j++;
      } else if (j >= b.length || (i < a.length && at(i + 1, j) >= at(i, j + 1))) ga.push(i++);
      else gb.push(j++);
    }
    gap(ga, gb);
  }
}

const unique = (values: readonly string[]): boolean => new Set(values).size === values.length;

// ─── files ────────────────────────────────────────────────────────────────────────────────────

const headerFile = 'vorlage.yaml';

async function readFolder(dir: string): Promise<Map<string, unknown>> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new DiffError(`Der Ordner „${dir}“ existiert nicht.`);
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => e.name)
    .sort();
  const values = new Map<string, unknown>();
  for (const name of names) {
    const where = join(dir, name);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true })
        .decode(await readFile(where))
        .replace(/^\uFEFF/, '');
    } catch {
      throw new DiffError(`${where}: Die Datei ist nicht in UTF-8 gespeichert.`);
    }
    const doc = parseDocument(text, { uniqueKeys: true, merge: false });
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      throw new DiffError(
        `${where}${at ? `:${at.line}:${at.col}` : ''}: Die Datei lässt sich nicht lesen (YAML-Fehler${at ? ` in Zeile ${at.line}, Spalte ${at.col}` : ''}). Prüfen Sie sie mit ratsmappe check.`,
      );
    }
    try {
      values.set(name, doc.toJS({ maxAliasCount: 50 }));
    } catch {
      throw new DiffError(`${where}: Die Datei enthält zu viele Verweise (Aliase).`);
    }
  }
  if (names.length === 0)
    throw new DiffError(`Im Ordner „${dir}“ liegen keine YAML-Dateien einer Vorlage.`);
  return values;
}

/** The section files in document order (abschnitte of the new, then the old vorlage.yaml). */
function fileOrder(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  const listed = (header: unknown): string[] => {
    if (!isRecord(header) || !Array.isArray(header.abschnitte)) return [];
    return header.abschnitte.flatMap((s: unknown) =>
      typeof s === 'string'
        ? [s]
        : isRecord(s) && Array.isArray(s.dateien)
          ? s.dateien.filter((d): d is string => typeof d === 'string')
          : [],
    );
  };
  // the new order, with files only the old one lists after their old predecessor
  const order = [headerFile, ...listed(b.get(headerFile))];
  let previous = headerFile;
  for (const name of listed(a.get(headerFile))) {
    if (!order.includes(name)) order.splice(order.indexOf(previous) + 1, 0, name);
    previous = name;
  }
  const all = new Set([...a.keys(), ...b.keys()]);
  return [...new Set([...order, ...[...all].sort()])].filter((name) => all.has(name));
}

function schemaFor(schemas: Schemas, name: string, value: unknown): SchemaNode | undefined {
  const file =
    name === headerFile
      ? 'vorlage.schema.json'
      : isRecord(value) && typeof value.art === 'string'
        ? `${value.art}.schema.json`
        : '';
  const node = schemas.get(file);
  return node ? { node, file, refs: [] } : undefined;
}

function sectionTitle(name: string, ...values: unknown[]): string {
  if (name === headerFile) return 'Vorlage';
  for (const v of values) if (isRecord(v) && typeof v.titel === 'string') return v.titel;
  return name;
}

/**
 * What changed between two versions of a Vorlage, field by field, in German: a and b are Vorlage
 * folders (content/vorlagen/<nummer>/ or an archive entry's quellen/). Compares the parsed
 * content, so comments, quoting and layout of the YAML do not count.
 */
export async function diffVorlagen(a: string, b: string): Promise<DiffLine[]> {
  const [schemas, left, right] = await Promise.all([loadSchemas(), readFolder(a), readFolder(b)]);
  const differ = new Differ(schemas);
  for (const name of fileOrder(left, right)) {
    const va = left.get(name);
    const vb = right.get(name);
    const title = sectionTitle(name, vb, va);
    if (!left.has(name)) {
      differ.lines.push({ path: ['Abschnittsdateien'], after: `${name} („${title}“)` });
    } else if (!right.has(name)) {
      differ.lines.push({ path: ['Abschnittsdateien'], before: `${name} („${title}“)` });
    } else {
      differ.value([title], schemaFor(schemas, name, vb) ?? schemaFor(schemas, name, va), va, vb);
    }
  }
  return differ.lines;
}

/** One line per difference: "a › b: vorher → nachher", "neu: …", "entfernt: …". */
export function formatDiffLine(line: DiffLine): string {
  const path = line.path.join(' › ');
  if (line.before !== undefined && line.after !== undefined)
    return `${path}: ${line.before} → ${line.after}`;
  if (line.after !== undefined) return `neu: ${path}: ${line.after}`;
  if (line.before !== undefined) return `entfernt: ${path}: ${line.before}`;
  return path;
}

/** The differences for printing; "Keine inhaltlichen Unterschiede." when there are none. */
export function formatDiff(lines: readonly DiffLine[]): string {
  if (lines.length === 0) return 'Keine inhaltlichen Unterschiede.\n';
  return `${lines.map(formatDiffLine).join('\n')}\n`;
}
