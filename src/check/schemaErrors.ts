import type { ErrorObject } from 'ajv';
import { diagnose } from '../diagnostics/catalogue.js';
import { plural } from '../format/german.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { positionAt, type Path, type Source } from '../load/positions.js';
import { fieldDescription } from './fieldDescription.js';
import {
  describeValue,
  expectedType,
  fieldLabel,
  germanAmountFix,
  germanDateFix,
  germanDecimalFix,
  impossibleDate,
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

/** A parameter of an ajv error as text. */
const param = (e: ErrorObject, key: string): string => {
  const v: unknown = (e.params as Record<string, unknown>)[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
};

/** A keyword value of a schema as text. */
const keywordText = (schema: SchemaNode | undefined, key: string): string => {
  const v = schema?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
};

const descriptionOf = (schema: unknown): string =>
  typeof (schema as SchemaNode | undefined)?.description === 'string'
    ? String((schema as SchemaNode).description)
    : '';

/** The file being checked and the schema it is checked against. */
interface Context {
  readonly source: Source;
  /** a built-in schema's name or an own section kind's art */
  readonly schema: string;
  /** own section kinds' schemas by $id */
  readonly own?: ReadonlyMap<string, SchemaNode> | undefined;
}

/** One error from ajv, in German, at its node. */
function translate(ctx: Context, e: ErrorObject): Diagnostic | null {
  const { source } = ctx;
  const path = pathOf(e.instancePath, source.value);
  const field = fieldLabel(path);
  const at = positionAt(source, path);
  const file = source.file;
  const parent = e.parentSchema as SchemaNode | undefined;
  // the field's own description where the schema gives one, else that of its type
  const description = fieldDescription(ctx.schema, path, ctx.own) ?? descriptionOf(parent);
  const value: unknown = e.data;
  switch (e.keyword) {
    case 'required': {
      const missing = param(e, 'missingProperty');
      if (missing === 'aenderungen') return diagnose('RM312', file, at);
      const props = (parent?.properties ?? {}) as Record<string, unknown>;
      return diagnose('RM301', file, at, {
        field: missing,
        where: path.length > 0 ? ` (unter „${field}“)` : '',
        description: descriptionOf(props[missing]) || 'siehe Beschreibung des Inhaltsformats',
      });
    }
    case 'additionalProperties': {
      const extra = param(e, 'additionalProperty');
      const allowed = Object.keys(parent?.properties ?? {});
      const guess = nearest(extra, allowed);
      return diagnose('RM302', file, positionAt(source, path, extra), {
        field: extra,
        suggestion: guess ? ` Meinten Sie „${guess}“?` : '',
        allowed: allowed.map((k) => `„${k}“`).join(', '),
      });
    }
    case 'type': {
      const expected = param(e, 'type');
      if (
        typeof value === 'string' &&
        expected.split(',').some((t) => t === 'number' || t === 'integer')
      ) {
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
        if (value.trim() === '') return diagnose('RM313', file, at, { field, description });
        const impossible = impossibleDate(value);
        if (impossible) return diagnose('RM315', file, at, { value, ...impossible });
        const date = germanDateFix(value);
        if (date) return diagnose('RM203', file, at, { raw: value, fix: date });
        if (value.includes('/') || value.includes('..') || value.includes('\\')) {
          if (keywordText(parent, 'description').includes('Abschnittsdatei'))
            return diagnose('RM508', file, at, { value });
        }
      }
      return diagnose('RM305', file, at, { value: String(value), field, description });
    }
    case 'minimum':
    case 'maximum': {
      const min = keywordText(parent, 'minimum');
      const max = keywordText(parent, 'maximum');
      const range = min && max ? `${min} bis ${max}` : min ? `ab ${min}` : `bis ${max}`;
      return diagnose('RM306', file, at, { value: String(value), field, range, description });
    }
    case 'multipleOf':
      return diagnose('RM307', file, at, { value: String(value) });
    case 'minItems':
    case 'minLength':
      if (value === '') return diagnose('RM313', file, at, { field, description });
      return diagnose('RM308', file, at, {
        field,
        min:
          e.keyword === 'minItems'
            ? plural((e.params as { limit: number }).limit, 'Eintrag', 'Einträge')
            : plural((e.params as { limit: number }).limit, 'Zeichen', 'Zeichen'),
        description,
      });
    case 'uniqueItems': {
      // ajv names the two equal items i and j; point at the later one, the repetition
      const j = Math.max(Number(param(e, 'i')), Number(param(e, 'j')));
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

const within = (path: string, outer: string): boolean =>
  path === outer || path.startsWith(`${outer}/`);

/**
 * A misspelt key ("betreg") is also a missing one ("betrag"): the typo message (RM302 with
 * „Meinten Sie …?“) says both, so the "missing" error of the same schema is left out. Only
 * outside alternatives: there the missing keys are what tells the block kinds apart (`lste:`
 * must still offer „liste“).
 */
function isTypoOf(e: ErrorObject, errors: readonly ErrorObject[]): boolean {
  return (
    e.keyword === 'required' &&
    errors.some(
      (other) =>
        other.keyword === 'additionalProperties' &&
        other.instancePath === e.instancePath &&
        other.parentSchema === e.parentSchema &&
        nearest(
          param(other, 'additionalProperty'),
          Object.keys((other.parentSchema as SchemaNode | undefined)?.properties ?? {}),
        ) === param(e, 'missingProperty'),
    )
  );
}

/**
 * ajv reports every branch of a failed anyOf/oneOf, right before the anyOf error itself.
 * Errors deeper than the alternative's own node come from the branch that fitted the value's
 * shape (type and keys): report those. When no branch got that far, report one message for
 * the whole alternative.
 */
function collapseAlternatives(ctx: Context, errors: readonly ErrorObject[]): Diagnostic[] {
  const handled = new Set<ErrorObject>();
  const out: Diagnostic[] = [];
  const alternatives = errors
    .map((e, index) => ({ e, index }))
    .filter(({ e }) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.e.instancePath.length - b.e.instancePath.length);
  for (const { e: alt, index } of alternatives) {
    if (handled.has(alt)) continue;
    let start = index;
    while (start > 0 && within(errors[start - 1]?.instancePath ?? '\u0000', alt.instancePath))
      start -= 1;
    const range = errors.slice(start, index);
    [alt, ...range].forEach((e) => handled.add(e));
    const deeper = range.filter((e) => e.instancePath !== alt.instancePath);
    if (deeper.length > 0) out.push(...collapseAlternatives(ctx, deeper));
    else out.push(...whenNoBranchFits(ctx, alt, range));
  }
  for (const e of errors) {
    if (handled.has(e) || isTypoOf(e, errors)) continue;
    const d = translate(ctx, e);
    if (d) out.push(d);
  }
  return out;
}

function whenNoBranchFits(
  ctx: Context,
  alt: ErrorObject,
  inside: readonly ErrorObject[],
): Diagnostic[] {
  const { source } = ctx;
  const path = pathOf(alt.instancePath, source.value);
  const value: unknown = alt.data;
  const parent = alt.parentSchema as SchemaNode | undefined;
  if (alt.keyword === 'oneOf' && Object.keys(parent?.properties ?? {}).includes('kein_beitrag')) {
    return [diagnose('RM311', source.file, positionAt(source, path))];
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // An object that matches no block kind: name the keys that some branch allows (from the
    // branches' own properties: a key the value already has is allowed too, not only missing ones).
    const allowed = [
      ...new Set(
        inside.flatMap((e) =>
          e.keyword === 'required' || e.keyword === 'additionalProperties'
            ? Object.keys((e.parentSchema as SchemaNode | undefined)?.properties ?? {})
            : [],
        ),
      ),
    ];
    const wrong = Object.keys(value).filter((k) => !allowed.includes(k));
    if (allowed.length > 0 && wrong.length > 0) {
      return wrong.map((k) => {
        const guess = nearest(k, allowed);
        return diagnose('RM302', source.file, positionAt(source, path, k), {
          field: k,
          suggestion: guess ? ` Meinten Sie „${guess}“?` : '',
          allowed: allowed.map((a) => `„${a}“`).join(', '),
        });
      });
    }
  }
  // A branch of the right type failed on its content (format, pattern, range): say that.
  const content = inside.find(
    (e) =>
      !['type', 'required', 'additionalProperties', 'const', 'anyOf', 'oneOf'].includes(e.keyword),
  );
  if (content) {
    // a range is the branch's own (wahlperiode: 1 to 999 or years), the rest the alternative's
    const own = content.keyword === 'minimum' || content.keyword === 'maximum';
    const d = translate(ctx, parent && !own ? { ...content, parentSchema: parent } : content);
    if (d) return [d];
  }
  const types = [
    ...new Set(inside.flatMap((e) => (e.keyword === 'type' ? param(e, 'type').split(',') : []))),
  ];
  const fake: ErrorObject = {
    ...alt,
    keyword: 'type',
    params: { type: types.length > 0 ? types.join(',') : typeOf(parent) },
  };
  const d = translate(ctx, fake);
  return d ? [d] : [];
}

/** The type the alternatives have in common for the message ("eine Zahl oder Felder"). */
function typeOf(schema: SchemaNode | undefined): string {
  const text = descriptionOf(schema);
  return /Betrag|Anzahl|Zahl|Prozentsatz/.test(text) ? 'number' : 'string';
}

export function schemaErrorsToDiagnostics(
  source: Source,
  schema: string,
  errors: readonly ErrorObject[],
  own?: ReadonlyMap<string, SchemaNode>,
): Diagnostic[] {
  const relevant = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'not');
  const seen = new Set<string>();
  return collapseAlternatives({ source, schema, own }, relevant).filter((d) => {
    const key = `${d.code}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
