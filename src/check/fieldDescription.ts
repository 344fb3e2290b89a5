import { readFileSync } from 'node:fs';
import type { Path } from '../load/positions.js';
import { schemaDir, schemaFiles } from './schemaFiles.js';

type SchemaNode = Record<string, unknown>;

const base = 'https://ratsmappe.invalid/schemas/';
let byId: ReadonlyMap<string, SchemaNode> | null = null;

const schemas = (): ReadonlyMap<string, SchemaNode> =>
  (byId ??= new Map(
    schemaFiles.map((file) => [
      `${base}${file}`,
      JSON.parse(readFileSync(new URL(file, schemaDir), 'utf8')) as SchemaNode,
    ]),
  ));

const isNode = (v: unknown): v is SchemaNode =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Own section kinds' schemas by $id (content/abschnittsarten/), looked up before the built-in ones. */
type OwnSchemas = ReadonlyMap<string, SchemaNode>;
const lookup = (id: string, own: OwnSchemas | undefined): SchemaNode | undefined =>
  own?.get(id) ?? schemas().get(id);

/** The schema a node stands for, following $ref across files; with the file it lives in. */
function resolve(node: SchemaNode, file: string, own?: OwnSchemas): [SchemaNode, string] {
  let [current, at] = [node, file];
  for (let hops = 0; typeof current.$ref === 'string' && hops < 20; hops++) {
    const [target = '', pointer = ''] = current.$ref.split('#');
    at = target === '' ? at : `${base}${target}`;
    let next: unknown = lookup(at, own);
    for (const key of pointer.split('/').slice(1)) next = isNode(next) ? next[key] : undefined;
    if (!isNode(next)) break;
    current = next;
  }
  return [current, at];
}

/** The branches of a node's anyOf and oneOf. */
const branchesOf = (node: SchemaNode): SchemaNode[] =>
  [node.anyOf, node.oneOf]
    .flatMap((b): unknown[] => (Array.isArray(b) ? (b as unknown[]) : []))
    .filter(isNode);

/** One step down: a property or a list item, also inside the branches of anyOf/oneOf. */
function child(node: SchemaNode, key: string | number): SchemaNode | null {
  for (const branch of [node, ...branchesOf(node)]) {
    const next =
      typeof key === 'number'
        ? branch.items
        : isNode(branch.properties)
          ? branch.properties[key]
          : undefined;
    if (isNode(next)) return next;
  }
  return null;
}

/**
 * The description a schema gives the field at a path, as written at the field
 * (beschlussvorschlag: „Der vorgeschlagene Beschluss, z. B. …“), not that of the shared type it
 * refers to („Ein nicht leerer Text …“); null where the schema says nothing there.
 */
export function fieldDescription(schema: string, path: Path, own?: OwnSchemas): string | null {
  let file = `${base}${schema}.schema.json`;
  let node: SchemaNode | undefined = lookup(file, own);
  let described: SchemaNode | undefined = node;
  for (const key of path) {
    if (!node) return null;
    const [resolved, at] = resolve(node, file, own);
    // branches may hold $refs of their own
    const step =
      child(resolved, key) ??
      branchesOf(resolved)
        .map((b) => child(resolve(b, at, own)[0], key))
        .find((c) => c !== null) ??
      null;
    if (!step) return null;
    [described, node, file] = [step, step, at];
  }
  const written = described?.description;
  if (typeof written === 'string') return written;
  const resolvedDescription = node ? resolve(node, file, own)[0].description : undefined;
  return typeof resolvedDescription === 'string' ? resolvedDescription : null;
}
