import type { Differ } from './differ.js';
import { canonical } from './json.js';
import type { SchemaNode } from './schemaNode.js';

/** Lists without identity (paragraphs, list points): aligned on equal items, "Nr. n". */
export function comparePositionalList(
  differ: Differ,
  path: readonly string[],
  item: SchemaNode | undefined,
  a: readonly unknown[],
  b: readonly unknown[],
): void {
  const ca = a.map(canonical);
  const cb = b.map(canonical);
  // longest common subsequence, table from the end
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  const at = (i: number, j: number): number => table[i]?.[j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i];
      if (row)
        row[j] = ca[i] === cb[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const nr = (i: number): string[] => [...path, `Nr. ${i + 1}`];
  const gap = (ia: number[], ib: number[]): void => {
    const paired = Math.min(ia.length, ib.length);
    for (let k = 0; k < paired; k++) {
      const [i, j] = [ia[k] ?? 0, ib[k] ?? 0];
      differ.value(nr(j), item, a[i], b[j]);
    }
    for (const i of ia.slice(paired)) differ.removed(nr(i), item, a[i]);
    for (const j of ib.slice(paired)) differ.added(nr(j), item, b[j]);
  };
  let [i, j] = [0, 0];
  let ga: number[] = [];
  let gb: number[] = [];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && ca[i] === cb[j]) {
      gap(ga, gb);
      [ga, gb] = [[], []];
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && at(i + 1, j) >= at(i, j + 1))) ga.push(i++);
    else gb.push(j++);
  }
  gap(ga, gb);
}
