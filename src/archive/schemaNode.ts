import { loadSchemaFile, schemaFiles } from '../check/schemaFiles.js';
import { isRecord, type Json } from './json.js';

/** A place in a schema: the node, the schema file its local $refs resolve in, the $defs passed. */
export interface SchemaNode {
  readonly node: Json;
  readonly file: string;
  /** names of the $defs this node came through, e.g. ["betrag"] */
  readonly refs: readonly string[];
}

export type Schemas = ReadonlyMap<string, Json>;

let schemasLoaded: Promise<Schemas> | undefined;

/** Every schema file by name, loaded once. */
export const loadSchemas = (): Promise<Schemas> =>
  (schemasLoaded ??= (async () =>
    new Map(
      await Promise.all(
        schemaFiles.map(async (file) => [file, await loadSchemaFile(file)] as const),
      ),
    ))());

function pointer(root: Json | undefined, path: string): Json | undefined {
  let node: unknown = root;
  for (const segment of path.split('/').filter((s) => s !== '')) {
    node = isRecord(node) ? node[segment] : undefined;
  }
  return isRecord(node) ? node : undefined;
}

/** Follows $ref; the node's own keywords (title, description) win over the target's. */
export function resolve(schemas: Schemas, start: SchemaNode): SchemaNode {
  let { node, file } = start;
  const refs = [...start.refs];
  for (let depth = 0; typeof node.$ref === 'string' && depth < 20; depth++) {
    const [targetFile = '', path = ''] = node.$ref.split('#');
    const nextFile = targetFile === '' ? file : targetFile;
    const target = pointer(schemas.get(nextFile), path);
    if (!target) break;
    refs.push(path.split('/').pop() ?? '');
    // the target's own $ref (if any) is followed next; the node's keywords win
    node = { ...target, ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) };
    file = nextFile;
  }
  return { node, file, refs };
}

/** The resolved alternatives of an anyOf or oneOf. */
export const alternatives = (schemas: Schemas, n: SchemaNode): SchemaNode[] => {
  const list = n.node.anyOf ?? n.node.oneOf;
  return Array.isArray(list)
    ? list.filter(isRecord).map((alt) => resolve(schemas, { node: alt, file: n.file, refs: [] }))
    : [];
};

/** The node itself, resolved, then its alternatives. */
function candidates(schemas: Schemas, n: SchemaNode): SchemaNode[] {
  const resolved = resolve(schemas, n);
  return [resolved, ...alternatives(schemas, resolved)];
}

const typeOf = (n: SchemaNode): string | undefined =>
  typeof n.node.type === 'string'
    ? n.node.type
    : typeof n.node.const === 'string' || Array.isArray(n.node.enum)
      ? 'string'
      : typeof n.node.const === 'boolean'
        ? 'boolean'
        : undefined;

function fits(n: SchemaNode, value: unknown): boolean {
  const type = typeOf(n);
  if (typeof value === 'string') return type === 'string';
  if (typeof value === 'number') return type === 'number' || type === 'integer';
  if (typeof value === 'boolean') return type === 'boolean';
  if (Array.isArray(value)) return type === 'array';
  if (isRecord(value)) {
    const props = n.node.properties;
    return type === 'object' && isRecord(props) && Object.keys(value).every((k) => k in props);
  }
  return false;
}

/** The alternative of an anyOf that fits the value; the outer title and $defs are kept. */
export function pick(
  schemas: Schemas,
  n: SchemaNode | undefined,
  value: unknown,
): SchemaNode | undefined {
  if (!n) return undefined;
  const resolved = resolve(schemas, n);
  const alt = alternatives(schemas, resolved).find((a) => fits(a, value));
  if (!alt) return resolved;
  const title = resolved.node.title;
  return {
    node: { ...alt.node, ...(typeof title === 'string' ? { title } : {}) },
    file: alt.file,
    refs: [...resolved.refs, ...alt.refs],
  };
}

/** The first sub-schema that get finds in the node or its alternatives, resolved. */
function child(
  schemas: Schemas,
  n: SchemaNode | undefined,
  get: (node: Json) => unknown,
): SchemaNode | undefined {
  if (!n) return undefined;
  for (const candidate of candidates(schemas, n)) {
    const node = get(candidate.node);
    if (isRecord(node)) return resolve(schemas, { node, file: candidate.file, refs: [] });
  }
  return undefined;
}

/** The schema of an object's field. */
export const property = (
  schemas: Schemas,
  n: SchemaNode | undefined,
  key: string,
): SchemaNode | undefined =>
  child(schemas, n, (node) => (isRecord(node.properties) ? node.properties[key] : undefined));

/** The schema of a list's items. */
export const items = (schemas: Schemas, n: SchemaNode | undefined): SchemaNode | undefined =>
  child(schemas, n, (node) => node.items);

export const titleOf = (n: SchemaNode | undefined): string | undefined =>
  n && typeof n.node.title === 'string' ? n.node.title : undefined;

/** The object alternative of a (list item) schema. */
export const objectSchema = (
  schemas: Schemas,
  n: SchemaNode | undefined,
): SchemaNode | undefined =>
  n ? candidates(schemas, n).find((c) => isRecord(c.node.properties)) : undefined;

/** The field names of an object schema, in schema order. */
export const propertyNames = (object: SchemaNode | undefined): string[] =>
  object && isRecord(object.node.properties) ? Object.keys(object.node.properties) : [];

/** Keys in schema order, then unknown keys in order of appearance. */
export function orderedKeys(
  schemas: Schemas,
  n: SchemaNode | undefined,
  values: readonly Json[],
): string[] {
  const props = propertyNames(objectSchema(schemas, n));
  const present = new Set(values.flatMap((v) => Object.keys(v)));
  return [
    ...props.filter((k) => present.has(k)),
    ...[...present].filter((k) => !props.includes(k)),
  ];
}
