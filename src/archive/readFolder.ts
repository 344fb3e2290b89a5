import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { isRecord } from './json.js';

/** A folder cannot be compared (missing, unreadable YAML): exit code 2. */
export class DiffError extends Error {
  override readonly name = 'DiffError';
}

/** The file of a Vorlage folder that lists its sections. */
export const headerFile = 'vorlage.yaml';

/**
 * The parsed YAML files of a Vorlage folder by file name; throws DiffError when unreadable.
 * An archive entry (…/vorlagen/<nummer>/v<version>/) stands for its `quellen/` folder.
 */
export async function readFolder(given: string): Promise<Map<string, unknown>> {
  const info = await stat(given).catch(() => null);
  if (!info?.isDirectory()) throw new DiffError(`Der Ordner „${given}“ existiert nicht.`);
  const sources = join(given, 'quellen');
  const dir = (await stat(sources).catch(() => null))?.isDirectory() ? sources : given;
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => e.name)
    .sort();
  const values = new Map<string, unknown>();
  for (const name of names) {
    const where = join(dir, name);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true })
        .decode(await readFile(where))
        .replace(/^\uFEFF/, '');
    } catch {
      throw new DiffError(`${where}: Die Datei ist nicht in UTF-8 gespeichert.`);
    }
    const doc = parseDocument(text, { uniqueKeys: true, merge: false });
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      throw new DiffError(
        `${where}${at ? `:${at.line}:${at.col}` : ''}: Die Datei lässt sich nicht lesen (YAML-Fehler${at ? ` in Zeile ${at.line}, Spalte ${at.col}` : ''}). Prüfen Sie sie mit ratsmappe check.`,
      );
    }
    try {
      values.set(name, doc.toJS({ maxAliasCount: 50 }));
    } catch {
      throw new DiffError(`${where}: Die Datei enthält zu viele Verweise (Aliase).`);
    }
  }
  if (names.length === 0)
    throw new DiffError(`Im Ordner „${dir}“ liegen keine YAML-Dateien einer Vorlage.`);
  return values;
}

/** The section files in document order (abschnitte of the new, then the old vorlage.yaml). */
export function fileOrder(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  const listed = (header: unknown): string[] => {
    if (!isRecord(header) || !Array.isArray(header.abschnitte)) return [];
    return header.abschnitte.flatMap((s: unknown) =>
      typeof s === 'string'
        ? [s]
        : isRecord(s) && Array.isArray(s.dateien)
          ? s.dateien.filter((d): d is string => typeof d === 'string')
          : [],
    );
  };
  // the new order, with files only the old one lists after their old predecessor
  const order = [headerFile, ...listed(b.get(headerFile))];
  let previous = headerFile;
  for (const name of listed(a.get(headerFile))) {
    if (!order.includes(name)) order.splice(order.indexOf(previous) + 1, 0, name);
    previous = name;
  }
  const all = new Set([...a.keys(), ...b.keys()]);
  return [...new Set([...order, ...[...all].sort()])].filter((name) => all.has(name));
}

/** The German title of a section file: "Vorlage" for the header, else its titel. */
export function sectionTitle(name: string, ...values: unknown[]): string {
  if (name === headerFile) return 'Vorlage';
  for (const v of values) if (isRecord(v) && typeof v.titel === 'string') return v.titel;
  return name;
}
