import type { ErrorObject } from 'ajv';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { positionAt, type Path, type Source } from '../load/positions.js';
import {
  describeValue,
  expectedType,
  fieldLabel,
  germanAmountFix,
  germanDateFix,
  germanDecimalFix,
  nearest,
} from './describe.js';

type SchemaNode = Record<string, unknown>;

const pathOf = (pointer: string, value: unknown): Path => {
  const out: (string | number)[] = [];
  let node: unknown = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const segment = Array.isArray(node) ? Number(key) : key;
    out.push(segment);
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
  }
  return out;
};

const descriptionOf = (schema: unknown): string =>
  typeof (schema as SchemaNode | undefined)?.description === 'string'
    ? String((schema as SchemaNode).description)
    : '';

/** One error from ajv, in German, at its node. */
function translate(source: Source, e: ErrorObject): Diagnostic | null {
  const path = pathOf(e.instancePath, source.value);
  const field = fieldLabel(path);
  const at = positionAt(source, path);
  const file = source.file;
  const parent = e.parentSchema as SchemaNode | undefined;
  const description = descriptionOf(parent);
  const value: unknown = e.data;
  switch (e.keyword) {
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      if (missing === 'aenderungen') return diagnose('RM312', file, at);
      const props = (parent?.properties ?? {}) as Record<string, unknown>;
      return diagnose('RM301', file, at, {
        field: missing,
        where: path.length > 0 ? ` (unter „${field}“)` : '',
        description: descriptionOf(props[missing]) || 'siehe Beschreibung des Inhaltsformats',
      });
    }
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((parent?.properties ?? {}) as object);
      const guess = nearest(extra, allowed);
      return diagnose('RM302', file, positionAt(source, path, extra), {
        field: extra,
        suggestion: guess ? ` – meinten Sie „${guess}“?` : '',
        allowed: allowed.map((k) => `„${k}“`).join(', '),
      });
    }
    case 'type': {
      const expected = String((e.params as { type: string }).type);
      if (typeof value === 'string' && (expected === 'number' || expected === 'integer')) {
        const amount = germanAmountFix(value);
        if (amount) return diagnose('RM202', file, at, { raw: value, fix: amount });
        const decimal = germanDecimalFix(value);
        if (decimal) return diagnose('RM205', file, at, { raw: value, fix: decimal });
      }
      if (value === null) return diagnose('RM313', file, at, { field, description });
      return diagnose('RM303', file, at, {
        field,
        expected: expectedType(expected),
        actual: describeValue(value),
        description,
      });
    }
    case 'enum':
    case 'const': {
      const allowed =
        e.keyword === 'enum'
          ? (e.params as { allowedValues: unknown[] }).allowedValues
          : [(e.params as { allowedValue: unknown }).allowedValue];
      if (path.length === 1 && path[0] === 'art' && parent?.const !== undefined) return null; // reported by the caller
      return diagnose('RM304', file, at, {
        value: String(value),
        field,
        allowed: allowed.map((a) => `„${String(a)}“`).join(', '),
      });
    }
    case 'format':
    case 'pattern': {
      if (typeof value === 'string') {
        const date = germanDateFix(value);
        if (date) return diagnose('RM203', file, at, { raw: value, fix: date });
        if (value.includes('/') || value.includes('..') || value.includes('\\')) {
          if (String(parent?.description ?? '').includes('Abschnittsdatei'))
            return diagnose('RM508', file, at, { value });
        }
      }
      return diagnose('RM305', file, at, { value: String(value), field, description });
    }
    case 'minimum':
    case 'maximum': {
      const min = parent?.minimum;
      const max = parent?.maximum;
      const range =
        min !== undefined && max !== undefined
          ? `${String(min)} bis ${String(max)}`
          : min !== undefined
            ? `ab ${String(min)}`
            : `bis ${String(max)}`;
      return diagnose('RM306', file, at, { value: String(value), field, range, description });
    }
    case 'multipleOf':
      return diagnose('RM307', file, at, { value: String(value) });
    case 'minItems':
    case 'minLength':
      if ((Array.isArray(value) && value.length === 0) || value === '')
        return diagnose('RM313', file, at, { field, description });
      return diagnose('RM308', file, at, {
        field,
        min: String((e.params as { limit: number }).limit),
        description,
      });
    case 'uniqueItems': {
      const j = (e.params as { j: number }).j;
      const items = value as unknown[];
      return diagnose('RM309', file, positionAt(source, [...path, j]), {
        value: String(items[j]),
        field,
      });
    }
    default:
      return null;
  }
}

/**
 * ajv reports every branch of an anyOf/oneOf. Keep the branch that fits the value's shape;
 * when none fits, report one message for the whole alternative.
 */
function collapseAlternatives(source: Source, errors: readonly ErrorObject[]): Diagnostic[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const handled = new Set<ErrorObject>();
  const out: Diagnostic[] = [];
  // Outermost alternatives first; errors inside them are decided there.
  for (const alt of alternatives.sort((a, b) => a.schemaPath.length - b.schemaPath.length)) {
    if (handled.has(alt)) continue;
    handled.add(alt);
    const prefix = `${alt.schemaPath}/`;
    const inside = errors.filter(
      (e) =>
        e !== alt && e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(alt.instancePath),
    );
    inside.forEach((e) => handled.add(e));
    const branches = new Map<string, ErrorObject[]>();
    for (const e of inside) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const shapeMisses = (es: ErrorObject[]) =>
      es.some(
        (e) =>
          e.instancePath === alt.instancePath &&
          (e.keyword === 'type' || e.keyword === 'required' || e.keyword === 'const'),
      );
    const fitting = [...branches.values()].filter((es) => !shapeMisses(es));
    if (fitting.length === 1 && fitting[0]) {
      out.push(...collapseAlternatives(source, fitting[0]));
      continue;
    }
    out.push(...whenNoBranchFits(source, alt, inside));
  }
  for (const e of errors) {
    if (handled.has(e)) continue;
    const d = translate(source, e);
    if (d) out.push(d);
  }
  return out;
}

function whenNoBranchFits(
  source: Source,
  alt: ErrorObject,
  inside: readonly ErrorObject[],
): Diagnostic[] {
  const path = pathOf(alt.instancePath, source.value);
  const value: unknown = alt.data;
  const parent = alt.parentSchema as SchemaNode | undefined;
  if (
    alt.keyword === 'oneOf' &&
    Array.isArray(parent?.oneOf) &&
    parent.properties &&
    'kein_beitrag' in (parent.properties as object)
  ) {
    return [diagnose('RM311', source.file, positionAt(source, path))];
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // An object that matches no block kind: name the keys that would be allowed.
    const allowed = inside.flatMap((e) =>
      e.keyword === 'required' && e.instancePath === alt.instancePath
        ? [String((e.params as { missingProperty: string }).missingProperty)]
        : [],
    );
    const keys = Object.keys(value);
    const wrong = keys.filter((k) => !allowed.includes(k));
    if (allowed.length > 0 && wrong.length > 0) {
      return wrong.map((k) => {
        const guess = nearest(k, allowed);
        return diagnose('RM302', source.file, positionAt(source, path, k), {
          field: k,
          suggestion: guess ? ` – meinten Sie „${guess}“?` : '',
          allowed: [...new Set(allowed)].map((a) => `„${a}“`).join(', '),
        });
      });
    }
    // Right key, wrong content inside: report what the branch with that key says.
    const branchErrors = inside.filter((e) => e.instancePath !== alt.instancePath);
    if (branchErrors.length > 0) return collapseAlternatives(source, branchErrors);
  }
  const typeOnly = inside.filter(
    (e) => e.instancePath === alt.instancePath && e.keyword !== 'type',
  );
  const first = typeOnly[0];
  if (first && inside.every((e) => e.keyword !== 'type' || e.instancePath !== alt.instancePath)) {
    const d = translate(source, parent ? { ...first, parentSchema: parent } : first);
    return d ? [d] : [];
  }
  const fake: ErrorObject = { ...alt, keyword: 'type', params: { type: typeOf(parent) } };
  const d = translate(source, fake);
  return d ? [d] : [];
}

/** The type the alternatives have in common for the message ("eine Zahl oder Felder"). */
function typeOf(schema: SchemaNode | undefined): string {
  const text = descriptionOf(schema);
  return /Betrag|Anzahl|Zahl|Prozentsatz/.test(text) ? 'number' : 'string';
}

export function schemaErrorsToDiagnostics(
  source: Source,
  errors: readonly ErrorObject[],
): Diagnostic[] {
  const relevant = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'not');
  const seen = new Set<string>();
  return collapseAlternatives(source, relevant).filter((d) => {
    const key = `${d.code}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
