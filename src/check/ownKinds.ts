import type { ValidateFunction } from 'ajv';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { positionAt, type Source } from '../load/positions.js';
import type { RawFile } from '../load/readContent.js';
import { kindFileOf } from '../template/ownKindTemplates.js';
import { isObject, keyPosition, parseJsonSource, valuePosition } from './jsonSource.js';
import { fieldLabel } from './describe.js';
import { fieldDescription } from './fieldDescription.js';
import { schemaErrorsToDiagnostics } from './schemaErrors.js';
import { schemaTranslation } from './ownSchemaErrors.js';
import { isSectionKind, schemaAjv, schemaId } from './validateSchema.js';

/** An own section kind: abschnittsarten/<art>.schema.json with abschnittsarten/<art>.hbs. */
export interface OwnKind {
  readonly art: string;
  /** the schema as ajv compiled it (with $id, art and titel required) */
  readonly schema: Record<string, unknown>;
  readonly validate: ValidateFunction;
  /** the section file checked against the schema: German diagnostics as for built-in kinds */
  readonly check: (source: Source) => Diagnostic[];
}

export interface OwnKinds {
  readonly kinds: ReadonlyMap<string, OwnKind>;
  readonly diagnostics: readonly Diagnostic[];
  /** the files' texts, for code frames */
  readonly texts: ReadonlyMap<string, string>;
}

const validName = /^[a-z][a-z0-9_]*$/;
const decode = (raw: RawFile): string => new TextDecoder().decode(raw.bytes ?? new Uint8Array());

/**
 * The schema as it is compiled: its $id is that of a built-in schema of the same folder, so
 * that "gemeinsam.schema.json#/$defs/datum" resolves; art and titel are required; unknown fields
 * are refused unless the schema says otherwise (as in the built-in kinds, a typo gets a
 * did-you-mean).
 */
function prepared(art: string, schema: Record<string, unknown>): Record<string, unknown> {
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
  return {
    additionalProperties: false,
    ...schema,
    $id: schemaId(art),
    required: [...new Set(['art', 'titel', ...required])],
  };
}

/** Checks and compiles the own section kinds (pure: the files are already read). */
export function checkOwnKinds(files: readonly RawFile[]): OwnKinds {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  const kinds = new Map<string, OwnKind>();
  const byArt = new Map<string, { schema?: RawFile; hbs?: RawFile }>();
  for (const raw of files) {
    const kind = kindFileOf(raw.path);
    if (!kind) continue;
    texts.set(raw.path, decode(raw));
    byArt.set(kind.art, { ...byArt.get(kind.art), [kind.ending]: raw });
  }
  const start = { line: 1, column: 1 };
  let ajv: ReturnType<typeof schemaAjv> | undefined;
  for (const [art, { schema, hbs }] of byArt) {
    const file = schema?.path ?? hbs?.path ?? '';
    if (!validName.test(art)) {
      diagnostics.push(diagnose('RM916', file, start, { art }));
      continue;
    }
    if (isSectionKind(art)) {
      diagnostics.push(diagnose('RM912', file, start, { art, beispiel: 'eigen' }));
      continue;
    }
    if (!schema) {
      diagnostics.push(diagnose('RM914', file, start, { art }));
      continue;
    }
    if (!hbs) diagnostics.push(diagnose('RM913', file, start, { art, field: 'titel' }));
    const parsed = parseJsonSource(schema.path, texts.get(schema.path) ?? '');
    if ('error' in parsed) {
      const { position, offset, found } = parsed.error;
      const before = (texts.get(schema.path) ?? '').slice(0, offset).trimEnd();
      const detail =
        found === ''
          ? 'Die Datei endet mitten in einer Gruppe oder Liste.'
          : before.endsWith(',') && (found === '}' || found === ']')
            ? `Vor „${found}“ steht ein Komma nach dem letzten Eintrag.`
            : `An dieser Stelle steht „${found}“, was hier nicht stehen darf.`;
      diagnostics.push(diagnose('RM910', schema.path, position, { detail }));
      continue;
    }
    const { source } = parsed;
    const missing = shapeFault(source, art);
    if (missing) {
      diagnostics.push(missing);
      continue;
    }
    ajv ??= schemaAjv();
    const compiled = compile(ajv, art, source);
    if ('diagnostic' in compiled) diagnostics.push(compiled.diagnostic);
    else if (hbs) kinds.set(art, compiled.kind);
  }
  const schemas = new Map([...kinds.values()].map((k) => [schemaId(k.art), k.schema]));
  for (const kind of kinds.values())
    kinds.set(kind.art, { ...kind, check: (source) => validateOwnKind(source, kind, schemas) });
  return { kinds, diagnostics, texts };
}

/** A schema that is no object, or does not describe art and titel (RM911, RM915). */
function shapeFault(source: Source, art: string): Diagnostic | null {
  const schema = source.value;
  if (!isObject(schema))
    return diagnose('RM911', source.file, positionAt(source, []), {
      detail: 'Ein Schema ist eine Gruppe von Feldern in geschweiften Klammern „{ … }“.',
      tipp: 'Beginnen Sie mit { "type": "object", "properties": { … } }.',
    });
  const version = schema.$schema;
  if (version !== undefined && version !== 'https://json-schema.org/draft/2020-12/schema')
    return diagnose('RM911', source.file, positionAt(source, ['$schema']), {
      detail: `Das Schema verlangt die Fassung ${JSON.stringify(version)} von JSON Schema; ratsmappe liest die Fassung 2020-12.`,
      tipp: 'Schreiben Sie "$schema": "https://json-schema.org/draft/2020-12/schema" oder lassen Sie die Zeile weg.',
    });
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const field of ['art', 'titel']) {
    if (field in properties) continue;
    return diagnose(
      'RM915',
      source.file,
      isObject(schema.properties) ? keyPosition(source, 'properties') : { line: 1, column: 1 },
      {
        field,
        example:
          field === 'art'
            ? '"art": { "const": "…" } (der Name der Datei ohne .schema.json).'
            : '"titel": { "$ref": "gemeinsam.schema.json#/$defs/text", "description": "Die Überschrift des Abschnitts." }.',
      },
    );
  }
  const fixed = (properties.art as { const?: unknown } | undefined)?.const;
  if (fixed !== undefined && fixed !== art)
    return diagnose('RM911', source.file, positionAt(source, ['properties', 'art', 'const']), {
      detail: `„art“ hat den festen Wert „${typeof fixed === 'string' ? fixed : JSON.stringify(fixed)}“, die Datei heißt aber „${art}.schema.json“.`,
      tipp: `Schreiben Sie "art": { "const": "${art}" }.`,
    });
  return null;
}

function compile(
  ajv: ReturnType<typeof schemaAjv>,
  art: string,
  source: Source,
): { kind: OwnKind } | { diagnostic: Diagnostic } {
  const schema = prepared(art, source.value as Record<string, unknown>);
  const fault = (at: ReturnType<typeof positionAt>, detail: string, tipp: string) => ({
    diagnostic: diagnose('RM911', source.file, at, { detail, tipp }),
  });
  if (!ajv.validateSchema(schema)) {
    const first = (ajv.errors ?? [])[0];
    const path = (first?.instancePath ?? '').split('/').slice(1);
    const { detail, tipp } = schemaTranslation(first, path);
    return fault(positionAt(source, path), detail, tipp);
  }
  try {
    ajv.removeSchema(schemaId(art));
    const validate = ajv.compile(schema);
    return { kind: { art, schema, validate, check: () => [] } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const keyword = /unknown keyword: "([^"]+)"/.exec(message)?.[1];
    const ref =
      (error as { missingRef?: string }).missingRef !== undefined
        ? /can't resolve reference (\S+)/.exec(message)?.[1]
        : undefined;
    // ajv names the schema node of a strict-mode fault: at "…#/properties/flur"
    const pointer = /at (?:path )?"[^"#]*#([^"]*)"/.exec(message)?.[1];
    const path = (pointer ?? '').split('/').slice(1);
    const { detail, tipp } = schemaTranslation(undefined, path, { keyword, ref, message });
    const at = keyword
      ? keyPosition(source, keyword)
      : ref
        ? valuePosition(source, ref)
        : positionAt(source, path);
    return fault(at, detail, tipp);
  }
}

/** Validates a section file of an own kind; errors become German diagnostics as for built-in kinds. */
function validateOwnKind(
  source: Source,
  kind: OwnKind,
  schemas: ReadonlyMap<string, Record<string, unknown>>,
): Diagnostic[] {
  if (kind.validate(source.value)) return [];
  const errors = kind.validate.errors ?? [];
  const found = schemaErrorsToDiagnostics(source, kind.art, errors, schemas);
  const first = errors[0];
  if (found.length > 0 || !first) return found;
  // a keyword the translation does not know (own schemas may use any): still a fault, never a pass
  const path = first.instancePath.split('/').slice(1);
  const data: unknown = first.data;
  return [
    diagnose('RM305', source.file, positionAt(source, path), {
      value:
        typeof data === 'string' || typeof data === 'number' ? String(data) : JSON.stringify(data),
      field: fieldLabel(path),
      description: fieldDescription(kind.art, path, schemas) ?? 'Siehe die Beschreibung im Schema.',
    }),
  ];
}
