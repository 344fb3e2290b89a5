import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { plural } from '../format/german.js';
import { positionAt, type Path, type Source } from '../load/positions.js';

interface Tabelle {
  readonly kopf: readonly string[];
  readonly zeilen: readonly (readonly string[])[];
}

const isTable = (value: unknown): value is { tabelle: Tabelle } => {
  const t = (value as { tabelle?: { kopf?: unknown; zeilen?: unknown } } | null)?.tabelle;
  return Array.isArray(t?.kopf) && Array.isArray(t.zeilen);
};

/**
 * Every table block of a schema-valid file (in any text field: begruendung, inhalt, …): a row
 * with more cells than the header has columns would print cells without a heading (RM314).
 * A shorter row is fine: its missing cells stay empty.
 */
export function checkTables(source: Source): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: [unknown, Path][] = [[source.value, []]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, path] = next;
    if (isTable(value)) {
      const columns = value.tabelle.kopf.length;
      value.tabelle.zeilen.forEach((row, i) => {
        if (row.length <= columns) return;
        const at = positionAt(source, [...path, 'tabelle', 'zeilen', i, columns]);
        out.push(
          diagnose('RM314', source.file, at, {
            row: i + 1,
            cells: plural(row.length, 'Zelle', 'Zellen'),
            columns: plural(columns, 'Spalte', 'Spalten'),
          }),
        );
      });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, [...path, i]]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push([item, [...path, key]]);
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
