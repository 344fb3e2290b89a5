import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  compareStrings,
  indexName,
  isSafeRelativePath,
  manifestName,
  parseIndex,
  parseManifest,
  sha256,
} from './manifest.js';
import { plural } from '../format/german.js';

/** What verify found; every path relative to the archive root, forward slashes, sorted. */
export interface VerifyResult {
  /** listed in a manifest (or an entry listed in index.json) but not there */
  readonly missing: readonly string[];
  /** content differs from the manifest (size or sha256), or an unreadable manifest/index */
  readonly changed: readonly string[];
  /** files in an entry folder that its manifest does not list, stray files, temp leftovers */
  readonly extra: readonly string[];
  /** entry folders (folders holding a manifest.json) checked */
  readonly entries: number;
  /** files listed in the manifests, checked */
  readonly files: number;
}

/** The archive folder cannot be checked at all (does not exist): a misuse, exit code 2. */
export class VerifyError extends Error {
  override readonly name = 'VerifyError';
}

const join2 = (a: string, b: string): string => (a === '' ? b : `${a}/${b}`);

const sorted = (set: ReadonlySet<string>): string[] => [...set].sort(compareStrings);

/** Every non-folder below dir (files, links, …), relative to dir. */
async function allFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const path = join2(prefix, d.name);
    if (d.isDirectory()) out.push(...(await allFiles(join(dir, d.name), path)));
    else out.push(path);
  }
  return out;
}

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    const info = await lstat(path);
    return info.isFile() ? await readFile(path) : null;
  } catch {
    return null;
  }
}

/**
 * Checks an archive: every folder with a manifest.json is an entry; each listed file must exist
 * with the listed size and sha256, and nothing else may lie in the entry folder. Files outside
 * entries are extra, except index.json, whose entries must still have their manifest (with the
 * recorded sha256). Folders whose name starts with "." (temp leftovers) are extra throughout.
 */
export async function verifyArchive(root: string): Promise<VerifyResult> {
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    throw new VerifyError(`Der Archivordner „${root}“ existiert nicht.`);
  }
  const missing = new Set<string>();
  const changed = new Set<string>();
  const extra = new Set<string>();
  const indexes: string[] = [];
  let entries = 0;
  let files = 0;

  const checkEntry = async (dir: string, relDir: string): Promise<void> => {
    entries++;
    const manifestPath = join2(relDir, manifestName);
    const manifest = parseManifest(await readFile(join(dir, manifestName), 'utf8'));
    if (manifest === null) {
      changed.add(manifestPath);
      return;
    }
    const listed = new Set<string>();
    for (const file of manifest.files) {
      files++;
      if (!isSafeRelativePath(file.path) || file.path === manifestName) {
        changed.add(manifestPath);
        continue;
      }
      listed.add(file.path);
      const path = join2(relDir, file.path);
      const bytes = await readOrNull(join(dir, ...file.path.split('/')));
      if (bytes === null) missing.add(path);
      else if (bytes.length !== file.size || sha256(bytes) !== file.sha256) changed.add(path);
    }
    for (const path of await allFiles(dir)) {
      if (path !== manifestName && !listed.has(path)) extra.add(join2(relDir, path));
    }
  };

  const walk = async (dir: string, relDir: string): Promise<void> => {
    const dirents = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      compareStrings(a.name, b.name),
    );
    if (dirents.some((d) => d.isFile() && d.name === manifestName)) {
      await checkEntry(dir, relDir);
      return;
    }
    for (const d of dirents) {
      const path = join2(relDir, d.name);
      if (d.isDirectory()) {
        if (d.name.startsWith('.'))
          for (const f of await allFiles(join(dir, d.name))) extra.add(join2(path, f));
        else await walk(join(dir, d.name), path);
      } else if (d.isFile() && d.name === indexName) indexes.push(relDir);
      else extra.add(path);
    }
  };
  await walk(root, '');

  for (const relDir of indexes) {
    const indexPath = join2(relDir, indexName);
    const dir = join(root, ...relDir.split('/').filter((s) => s !== ''));
    const list = parseIndex(await readFile(join(dir, indexName), 'utf8'));
    if (list === null) {
      changed.add(indexPath);
      continue;
    }
    for (const entry of list) {
      if (!isSafeRelativePath(entry.path)) {
        changed.add(indexPath);
        continue;
      }
      const path = join2(join2(relDir, entry.path), manifestName);
      const bytes = await readOrNull(join(dir, ...entry.path.split('/'), manifestName));
      if (bytes === null) missing.add(path);
      else if (sha256(bytes) !== entry.manifestSha256) changed.add(path);
    }
  }

  return {
    missing: sorted(missing),
    changed: sorted(changed),
    extra: sorted(extra),
    entries,
    files,
  };
}

const differences = (r: VerifyResult): number =>
  r.missing.length + r.changed.length + r.extra.length;

/** 0 when every entry is intact; 1 on any difference, and when no entry was found at all. */
export const verifyExitCode = (result: VerifyResult): 0 | 1 =>
  differences(result) > 0 || result.entries === 0 ? 1 : 0;

/** The result in German: one line per difference, then a summary line. */
export function formatVerifyResult(result: VerifyResult): string {
  const lines = [
    ...result.missing.map((p) => `fehlt: ${p}`),
    ...result.changed.map((p) => `geändert: ${p}`),
    ...result.extra.map((p) => `zusätzlich: ${p}`),
  ];
  const scope = `${plural(result.files, 'Datei', 'Dateien')} in ${plural(result.entries, 'Eintrag', 'Einträgen')}`;
  const count = differences(result);
  if (count === 0) {
    lines.push(
      result.entries === 0
        ? 'Keine archivierten Einträge gefunden (kein Ordner mit manifest.json). Ist das der richtige Archivordner?'
        : `Alles unverändert: ${scope} geprüft.`,
    );
  } else {
    const kinds = [
      result.missing.length > 0 ? `${result.missing.length} fehlend` : '',
      result.changed.length > 0 ? `${result.changed.length} geändert` : '',
      result.extra.length > 0 ? `${result.extra.length} zusätzlich` : '',
    ].filter((k) => k !== '');
    if (lines.length > 0) lines.push('');
    lines.push(
      `${plural(count, 'Abweichung', 'Abweichungen')} (${kinds.join(', ')}); ${scope} geprüft.`,
      'Archivierte Dateien dürfen nicht verändert werden: Stellen Sie die betroffenen Dateien aus der Datensicherung wieder her und entfernen Sie zusätzliche Dateien.',
    );
  }
  return `${lines.join('\n')}\n`;
}
