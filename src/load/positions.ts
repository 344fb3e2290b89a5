import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Position } from '../diagnostics/diagnostic.js';

/** A YAML file after parsing: text, syntax tree and plain value. */
export interface Source {
  /** path relative to the content folder */
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly value: unknown;
}

export type Path = readonly (string | number)[];

/** Start and end of a character range as 1-based line and column. */
export function positionOfRange(lineCounter: LineCounter, start: number, end?: number): Position {
  const from = lineCounter.linePos(start);
  if (end === undefined || end <= start) return { line: from.line, column: from.col };
  const to = lineCounter.linePos(end);
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}

/** The node at a path, or the deepest existing ancestor when the path does not exist. */
export function nodeAt(source: Source, path: Path): Node | null {
  let node: unknown = source.doc.contents;
  for (const key of path) {
    let next: unknown = undefined;
    if (isMap(node)) {
      next = node.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value;
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key];
    }
    if (next === undefined || next === null) break;
    node = next;
  }
  return (node as Node | null) ?? null;
}

/** The key node of `key` in the map at `path` (for unknown or duplicate fields). */
export function keyNodeAt(source: Source, path: Path, key: string): Node | null {
  const map = nodeAt(source, path);
  if (!isMap(map)) return null;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.key) ? pair.key : null;
}

/** Position of the value at a path (falling back to the nearest ancestor, then to 1:1). */
export function positionAt(source: Source, path: Path, keyOf?: string): Position {
  const node =
    keyOf === undefined
      ? nodeAt(source, path)
      : (keyNodeAt(source, path, keyOf) ?? nodeAt(source, path));
  const range = node?.range;
  if (!range) return { line: 1, column: 1 };
  return positionOfRange(source.lineCounter, range[0], range[1]);
}
