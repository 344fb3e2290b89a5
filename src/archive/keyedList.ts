import type { Differ } from './differ.js';
import { formatValue, kindOf, shortenPair } from './formatValue.js';
import { canonical, isRecord, isScalar, unique, type Json } from './json.js';
import {
  objectSchema,
  pick,
  property,
  propertyNames,
  resolve,
  titleOf,
  type SchemaNode,
  type Schemas,
} from './schemaNode.js';

/** How the items of a list are identified: by an object field, or (field undefined) by value. */
export interface Keying {
  readonly field: string | undefined;
  readonly key: (v: unknown) => string;
}

/**
 * How list items are identified: an object by its first required scalar field that is unique in
 * both lists (jahr, stand, bereich, kommune, gremium, …); a value by itself when the list holds
 * distinct values (uniqueItems) or constrained ones (file names). Undefined: by position.
 */
export function listKeying(
  schemas: Schemas,
  n: SchemaNode | undefined,
  item: SchemaNode | undefined,
  a: readonly unknown[],
  b: readonly unknown[],
): Keying | undefined {
  const all = [...a, ...b];
  const objects = all.filter(isRecord);
  const scalars = all.filter(isScalar);
  if (objects.length + scalars.length !== all.length) return undefined;
  let field: string | undefined;
  if (objects.length > 0) {
    const object = objectSchema(schemas, item);
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
    const resolved = n ? resolve(schemas, n) : undefined;
    const byValue =
      resolved?.node.uniqueItems === true ||
      scalars.every((s) => kindOf(schemas, pick(schemas, item, s), s) !== 'text');
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

/**
 * Lists with identity, item by item: a changed order, removed items (where they stood), new and
 * changed items, each under the label of its key ("Aufteilung › 2020").
 */
export function compareKeyedList(
  differ: Differ,
  path: readonly string[],
  n: SchemaNode | undefined,
  item: SchemaNode | undefined,
  keying: Keying,
  a: readonly unknown[],
  b: readonly unknown[],
): void {
  const { schemas, lines } = differ;
  const { field, key } = keying;
  const object = objectSchema(schemas, item);
  const props = propertyNames(object);
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
  const scalar = (v: unknown): string => formatValue(schemas, item, v, { quote: false });

  const mapA = new Map(a.map((v) => [key(v), v]));
  const mapB = new Map(b.map((v) => [key(v), v]));
  const commonA = a.map(key).filter((k) => mapB.has(k));
  const commonB = b.map(key).filter((k) => mapA.has(k));
  if (commonA.join('\u0000') !== commonB.join('\u0000')) {
    const names = (list: readonly string[], map: Map<string, unknown>): string =>
      list
        .map((k) => {
          const v = map.get(k);
          return isRecord(v) ? label(v) : scalar(v);
        })
        .join(', ');
    const [before, after] = shortenPair(names(commonA, mapA), names(commonB, mapB));
    lines.push({ path: [...path, 'Reihenfolge'], before, after });
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
      if (isRecord(v)) lines.push({ path: [...base, label(v)], before: summary(v) });
      else lines.push({ path, before: scalar(v) });
    }
  };
  emitRemoved(undefined);
  for (const v of b) {
    const k = key(v);
    const old = mapA.get(k);
    if (old === undefined) {
      if (isRecord(v)) lines.push({ path: [...base, label(v)], after: summary(v) });
      else lines.push({ path, after: scalar(v) });
    } else {
      if (isRecord(v) && isRecord(old)) {
        const at = [...base, label(v)];
        if (isPair(v) && isPair(old) && other !== undefined) {
          if (v[other] === undefined) differ.removed(at, otherNode, old[other]);
          else if (old[other] === undefined) differ.added(at, otherNode, v[other]);
          else differ.value(at, otherNode, old[other], v[other]);
        } else differ.object(at, pick(schemas, item, v), old, v);
      }
      emitRemoved(k);
    }
  }
}
