import { isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { Position } from '../diagnostics/diagnostic.js';
import { positionOfRange, type Source } from '../load/positions.js';

/**
 * A JSON file as a Source (JSON is YAML: the yaml parser gives the positions); null with the
 * place and what was found when it is no valid JSON (JSON.parse decides, not the lenient YAML).
 */
export function parseJsonSource(
  file: string,
  text: string,
): { source: Source } | { error: { position: Position; offset: number; found: string } } {
  const lineCounter = new LineCounter();
  try {
    const value: unknown = JSON.parse(text);
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
    return { source: { file, text, doc, lineCounter, value } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.length;
    parseDocument(text, { lineCounter });
    const found = text.slice(offset, offset + 1);
    return { error: { position: positionOfRange(lineCounter, offset), offset, found } };
  }
}

/** Where a key first occurs in the file (a JSON Schema keyword), or 1:1. */
export function keyPosition(source: Source, key: string): Position {
  let at: Position = { line: 1, column: 1 };
  let found = false;
  visit(source.doc, {
    Pair(_, pair) {
      if (found || !isPair(pair) || !isScalar(pair.key) || pair.key.value !== key) return;
      const range = pair.key.range;
      if (range) at = positionOfRange(source.lineCounter, range[0], range[1]);
      found = true;
      return visit.BREAK;
    },
  });
  return at;
}

/** Where a string value first occurs (a $ref), or 1:1. */
export function valuePosition(source: Source, value: string): Position {
  let at: Position = { line: 1, column: 1 };
  visit(source.doc, {
    Scalar(key, node) {
      if (key !== 'value' || node.value !== value || !node.range) return;
      at = positionOfRange(source.lineCounter, node.range[0], node.range[1]);
      return visit.BREAK;
    },
  });
  return at;
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
