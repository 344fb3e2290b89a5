import { readFile } from 'node:fs/promises';

/** Every schema in schemas/, the shared definitions first. */
export const schemaFiles = [
  'gemeinsam.schema.json',
  'koerperschaft.schema.json',
  'sitzung.schema.json',
  'vorlage.schema.json',
  'text.schema.json',
  'schwerpunktziele.schema.json',
  'integrationspauschale.schema.json',
  'sprachmittlerpool.schema.json',
  'uma.schema.json',
] as const;

export type SchemaFile = (typeof schemaFiles)[number];

export const schemaDir = new URL('../../schemas/', import.meta.url);

export async function loadSchemaFile(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(new URL(file, schemaDir), 'utf8')) as Record<string, unknown>;
}
