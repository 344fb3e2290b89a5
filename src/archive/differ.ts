import type { DiffLine } from './formatDiff.js';
import { approximate, formatValue, kindOf, quote, shortenPair } from './formatValue.js';
import { canonical, isRecord, type Json } from './json.js';
import { compareKeyedList, listKeying } from './keyedList.js';
import { comparePositionalList } from './positionalList.js';
import {
  items,
  orderedKeys,
  pick,
  property,
  titleOf,
  type SchemaNode,
  type Schemas,
} from './schemaNode.js';

/** Walks two parsed values along their schema and collects the differences as German lines. */
export class Differ {
  readonly lines: DiffLine[] = [];
  constructor(readonly schemas: Schemas) {}

  private fmt(n: SchemaNode | undefined, value: unknown): string {
    return formatValue(this.schemas, n, value);
  }

  changed(path: readonly string[], n: SchemaNode | undefined, a: unknown, b: unknown): void {
    const na = pick(this.schemas, n, a);
    const nb = pick(this.schemas, n, b);
    if (
      typeof a === 'string' &&
      typeof b === 'string' &&
      kindOf(this.schemas, na, a) === 'text' &&
      kindOf(this.schemas, nb, b) === 'text'
    ) {
      const [before, after] = shortenPair(a, b);
      this.lines.push({ path, before: quote(before), after: quote(after) });
      return;
    }
    this.lines.push({ path, before: this.fmt(n, a), after: this.fmt(n, b) });
  }

  added(path: readonly string[], n: SchemaNode | undefined, b: unknown): void {
    this.lines.push({ path, after: this.fmt(n, b) });
  }

  removed(path: readonly string[], n: SchemaNode | undefined, a: unknown): void {
    this.lines.push({ path, before: this.fmt(n, a) });
  }

  value(path: readonly string[], n: SchemaNode | undefined, a: unknown, b: unknown): void {
    if (canonical(a) === canonical(b)) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      this.array(path, n, a, b);
      return;
    }
    if (isRecord(a) && isRecord(b) && !approximate(a) && !approximate(b)) {
      this.object(path, pick(this.schemas, n, b), a, b);
      return;
    }
    this.changed(path, n, a, b);
  }

  object(path: readonly string[], n: SchemaNode | undefined, a: Json, b: Json): void {
    for (const key of orderedKeys(this.schemas, n, [b, a])) {
      const child = property(this.schemas, n, key);
      const at = [...path, titleOf(child) ?? key];
      const [va, vb] = [a[key], b[key]];
      if (va === undefined && vb !== undefined) this.added(at, child, vb);
      else if (vb === undefined && va !== undefined) this.removed(at, child, va);
      else this.value(at, child, va, vb);
    }
  }

  array(path: readonly string[], n: SchemaNode | undefined, a: unknown[], b: unknown[]): void {
    const item = items(this.schemas, n);
    const keying = listKeying(this.schemas, n, item, a, b);
    if (keying) compareKeyedList(this, path, n, item, keying, a, b);
    else comparePositionalList(this, path, item, a, b);
  }
}
