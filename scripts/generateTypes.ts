/**
 * Generates src/types/content.ts from the JSON Schemas in schemas/.
 * The schemas are the single source of truth; `npm run gen:types` rewrites the file and
 * test/schemas.test.ts fails when the committed file is out of date.
 *
 * Type names: each schema file gives one root type (sitzung.schema.json → Sitzung), each
 * `$defs` entry one named type (gemeinsam#/$defs/textblock → Textblock). The German `title`s
 * of the fields are documentation for clerks and are not used as type names.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { schemaFiles, loadSchemaFile } from '../src/check/schemaFiles.js';

const target = fileURLToPath(new URL('../src/types/content.ts', import.meta.url));
const schemaDir = fileURLToPath(new URL('../schemas/', import.meta.url));

const pascal = (s: string): string =>
  s.replace(/(^|[-_.])(\w)/g, (_m, _sep: string, c: string) => c.toUpperCase());

/** Removes `title` below the root and names every `$defs` entry after its key. */
function forTypes(node: unknown, file: string, root: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => forTypes(n, file, false));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const entries = Object.entries(node);
  for (const [key, value] of entries) {
    if (key === 'title' && !root) continue;
    // A $ref with documentation beside it would become an alias type of its own.
    if (key !== '$ref' && entries.some(([k]) => k === '$ref')) continue;
    // Constraints that only say which keys go together do not change the type.
    if (['if', 'then', 'else', 'not'].includes(key)) continue;
    if (key === 'oneOf' && Array.isArray(value) && value.every(onlyRequired)) continue;
    if (key === '$id') continue;
    if (key === '$ref' && typeof value === 'string') {
      // Point every reference into the bundle: "#/$defs/x" of this file, "other.schema.json#/$defs/x".
      const [ref = '', pointer = ''] = value.startsWith('#')
        ? [file, value.slice(1)]
        : value.split('#');
      out[key] = `#/$defs/${ref.replace('.schema.json', '')}${pointer}`;
      continue;
    }
    if (key === '$defs' && value !== null && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, def]) => [
          name,
          { ...(forTypes(def, file, false) as object), title: pascal(name) },
        ]),
      );
      continue;
    }
    out[key] = forTypes(value, file, false);
  }
  return out;
}

function onlyRequired(branch: unknown): boolean {
  return (
    branch !== null &&
    typeof branch === 'object' &&
    Object.keys(branch).every((k) => k === 'required' || k === 'not')
  );
}

export async function generateTypes(): Promise<string> {
  const properties: Record<string, unknown> = {};
  const defs: Record<string, unknown> = {};
  for (const file of schemaFiles) {
    const name = file.replace('.schema.json', '');
    const schema = forTypes(await loadSchemaFile(file), file, true) as Record<string, unknown>;
    // text.schema.json's root would clash with gemeinsam#/$defs/text.
    defs[name] = { ...schema, title: name === 'text' ? 'TextAbschnitt' : pascal(name) };
    properties[name] = { $ref: `#/$defs/${name}` };
  }
  const bundled = { title: 'Inhalte', type: 'object', properties, $defs: defs } as JSONSchema;
  const ts = await compile(bundled, 'Inhalte', {
    bannerComment:
      '/* eslint-disable */\n// Generated from schemas/*.schema.json by scripts/generateTypes.ts. Do not edit.',
    cwd: schemaDir,
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: false,
    format: true,
  });
  return ts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await generateTypes();
  const old = await readFile(target, 'utf8').catch(() => '');
  if (old !== text) await writeFile(target, text);
  console.log(`src/types/content.ts ${old === text ? 'unchanged' : 'written'}`);
}
