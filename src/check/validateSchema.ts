import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Source } from '../load/positions.js';
import { schemaDir, schemaFiles } from './schemaFiles.js';
import { schemaErrorsToDiagnostics } from './schemaErrors.js';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS; its default export is the plugin function.
const addFormats = require('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

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

export type SchemaName = 'sitzung' | 'vorlage' | SectionKind;

let validators: Map<SchemaName, ValidateFunction> | null = null;

function compileValidators(): Map<SchemaName, ValidateFunction> {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    multipleOfPrecision: 6,
    strictRequired: false,
  });
  addFormats(ajv);
  for (const file of schemaFiles) {
    ajv.addSchema(JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8')) as object);
  }
  const names: SchemaName[] = ['sitzung', 'vorlage', ...sectionKinds];
  return new Map(
    names.map((name) => {
      const validate = ajv.getSchema(`https://ratsmappe.invalid/schemas/${name}.schema.json`);
      if (!validate) throw new Error(`schema ${name} missing`);
      return [name, validate];
    }),
  );
}

/** Validates a parsed source against one schema; errors become positioned German diagnostics. */
export function validateSchema(source: Source, schema: SchemaName): Diagnostic[] {
  validators ??= compileValidators();
  const validate = validators.get(schema);
  if (!validate) return [];
  if (validate(source.value)) return [];
  return schemaErrorsToDiagnostics(source, validate.errors ?? []);
}
