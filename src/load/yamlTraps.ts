import {
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Scalar,
  visit,
  type Document,
  type LineCounter,
  type Node,
} from 'yaml';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { positionOfRange } from './positions.js';

/** More anchors/aliases than this are refused before anything is expanded. */
const maxAliases = 50;
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

const germanNumber = (n: number): string =>
  n.toLocaleString('de-DE', { maximumFractionDigits: 20 });

/** How deep content may nest; the deepest real content has about ten levels. */
export const maxNesting = 50;

/**
 * The first node nested deeper than maxNesting, or null. Iterative, so that it never runs out
 * of stack itself; later stages (visit, toJS, the schema) recurse and are spared such files.
 */
export function tooDeep(doc: Document.Parsed): Node | null {
  const stack: [unknown, number][] = [[doc.contents, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > maxNesting) return node;
    for (const item of node.items) stack.push([isPair(item) ? item.value : item, depth + 1]);
  }
  return null;
}

/** YAML's other ways of writing a number, which a clerk would not mean as one. */
function notationOf(raw: string): string | null {
  if (/^[+-]?0x/i.test(raw)) return 'hexadezimaler Schreibweise';
  if (/^[+-]?0o/i.test(raw)) return 'oktaler Schreibweise';
  if (/^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(raw)) return 'Exponentialschreibweise';
  return null;
}

/**
 * Finds what German writing habits turn into other values in YAML (1.300 → 1.3, 01067 → 1067)
 * and keys that must never reach a JavaScript object. `fatal` means the value must not be built.
 */
export function findYamlTraps(
  file: string,
  text: string,
  doc: Document.Parsed,
  lineCounter: LineCounter,
): { diagnostics: Diagnostic[]; fatal: boolean } {
  const diagnostics: Diagnostic[] = [];
  let fatal = false;
  let aliases = 0;
  visit(doc, {
    Alias() {
      aliases += 1;
    },
    Pair(_key, pair) {
      if (isPair(pair) && isCollection(pair.key)) {
        const range = pair.key.range ?? [0, 0];
        diagnostics.push(diagnose('RM112', file, positionOfRange(lineCounter, range[0], range[1])));
        fatal = true;
      }
      if (isPair(pair) && isScalar(pair.key) && forbiddenKeys.has(String(pair.key.value))) {
        const range = pair.key.range ?? [0, 0];
        diagnostics.push(
          diagnose('RM108', file, positionOfRange(lineCounter, range[0], range[1]), {
            key: String(pair.key.value),
          }),
        );
        fatal = true;
      }
    },
    Scalar(_key, node) {
      if (node.type !== Scalar.PLAIN || typeof node.value !== 'number' || !node.range) return;
      const raw = text.slice(node.range[0], node.range[1]);
      const position = positionOfRange(lineCounter, node.range[0], node.range[1]);
      if (/^[+-]?\d{1,3}(\.\d{3})+$/.test(raw)) {
        diagnostics.push(
          diagnose('RM201', file, position, {
            raw,
            read: germanNumber(node.value),
            fix: raw.replaceAll('.', ''),
          }),
        );
      } else if (/^[+-]?0\d+$/.test(raw)) {
        diagnostics.push(diagnose('RM204', file, position, { raw, read: String(node.value) }));
      } else {
        const notation = notationOf(raw);
        if (notation)
          diagnostics.push(
            diagnose('RM206', file, position, {
              raw,
              notation,
              read: germanNumber(node.value),
              fix: String(node.value),
            }),
          );
      }
    },
  });
  if (aliases > maxAliases) {
    diagnostics.push(diagnose('RM107', file, { line: 1, column: 1 }));
    fatal = true;
  }
  return { diagnostics, fatal };
}
