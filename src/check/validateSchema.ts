import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodeOptions, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Source } from '../load/positions.js';
import { schemaDir, schemaFiles } from './schemaFiles.js';
import { schemaErrorsToDiagnostics } from './schemaErrors.js';

const require = createRequire(import.meta.url);

/** Section kinds: the `art` of a section file selects the schema of the same name. */
export const sectionKinds = [
  'text',
  'schwerpunktziele',
  'integrationspauschale',
  'sprachmittlerpool',
  'uma',
] as const;
export type SectionKind = (typeof sectionKinds)[number];
export const isSectionKind = (art: unknown): art is SectionKind =>
  typeof art === 'string' && (sectionKinds as readonly string[]).includes(art);

export type SchemaName = 'koerperschaft' | 'sitzung' | 'vorlage' | SectionKind;
export const schemaNames: readonly SchemaName[] = [
  'koerperschaft',
  'sitzung',
  'vorlage',
  ...sectionKinds,
];
export const schemaId = (name: string): string =>
  `https://ratsmappe.invalid/schemas/${name}.schema.json`;

/** The schema files as text, in the order they are added. */
const schemaTexts = (): string[] =>
  schemaFiles.map((file) => readFileSync(new URL(file, schemaDir), 'utf8'));

/** A fingerprint of schemas/: precompiled validators are used only for the schemas they were made from. */
export const schemaHash = (texts: readonly string[] = schemaTexts()): string =>
  createHash('sha256').update(JSON.stringify(texts)).digest('hex');

let texts: string[] | undefined;
let digest: string | undefined;
/** schemas/ of this run, read and hashed once (validators and kept checks ask for it) */
const current = (): { texts: readonly string[]; digest: string } => {
  texts ??= schemaTexts();
  digest ??= schemaHash(texts);
  return { texts, digest };
};

/** What a file's pass of `schema` is kept under (verdicts.ts): the schema and every schema's text. */
export const schemaCheck = (schema: SchemaName): string => `schema:${schema}:${current().digest}`;

/**
 * The ajv instance with every schema added. ajv is loaded here, on demand: with precompiled
 * validators (dist/, see scripts/compileValidators.ts) a run never loads ajv's compiler.
 */
export function schemaAjv(
  code: CodeOptions = {},
  texts: readonly string[] = schemaTexts(),
): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  // ajv-formats is CommonJS; its default export is the plugin function.
  const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    multipleOfPrecision: 6,
    strictRequired: false,
    code,
  });
  addFormats(ajv);
  for (const text of texts) ajv.addSchema(JSON.parse(text) as object);
  return ajv;
}

/**
 * What scripts/compileValidators.ts writes next to this file in dist/check/: CommonJS, so that it
 * loads synchronously and only when the first file is validated.
 */
type Precompiled = { readonly schemaHash: string } & Readonly<Record<SchemaName, ValidateFunction>>;
const precompiledFile = new URL('./validators.cjs', import.meta.url);

let validators: ReadonlyMap<SchemaName, ValidateFunction> | null = null;

function loadValidators(): ReadonlyMap<SchemaName, ValidateFunction> {
  const { texts, digest } = current();
  const precompiled = existsSync(precompiledFile)
    ? (require(fileURLToPath(precompiledFile)) as Precompiled)
    : undefined;
  if (precompiled?.schemaHash === digest)
    return new Map(schemaNames.map((name) => [name, precompiled[name]]));
  const ajv = schemaAjv({}, texts);
  return new Map(
    schemaNames.map((name) => {
      const validate = ajv.getSchema(schemaId(name));
      if (!validate) throw new Error(`schema ${name} missing`);
      return [name, validate];
    }),
  );
}

/** Validates a parsed source against one schema; errors become positioned German diagnostics. */
export function validateSchema(source: Source, schema: SchemaName): Diagnostic[] {
  validators ??= loadValidators();
  const validate = validators.get(schema);
  if (!validate) return [];
  if (validate(source.value)) return [];
  return schemaErrorsToDiagnostics(source, schema, validate.errors ?? []);
}
