import { Differ } from './differ.js';
import type { DiffLine } from './formatDiff.js';
import { isRecord } from './json.js';
import { fileOrder, headerFile, readFolder, sectionTitle } from './readFolder.js';
import { loadSchemas, type SchemaNode, type Schemas } from './schemaNode.js';

export { formatDiff, formatDiffLine, type DiffLine } from './formatDiff.js';
export { DiffError } from './readFolder.js';

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
    const file = `${name} („${title}“)`;
    if (!left.has(name)) differ.lines.push({ path: ['Abschnittsdateien'], after: file });
    else if (!right.has(name)) differ.lines.push({ path: ['Abschnittsdateien'], before: file });
    else
      differ.value([title], schemaFor(schemas, name, vb) ?? schemaFor(schemas, name, va), va, vb);
  }
  return differ.lines;
}
