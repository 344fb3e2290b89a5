import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestName, parseManifest, type Manifest } from './manifest.js';

const isMissing = (error: unknown): boolean =>
  error instanceof Error &&
  'code' in error &&
  (error.code === 'ENOENT' || error.code === 'ENOTDIR');

/** The result of action, or fallback when its path (or a folder on the way) does not exist. */
async function unlessMissing<T, F>(action: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await action;
  } catch (error) {
    if (isMissing(error)) return fallback;
    throw error;
  }
}

export const exists = (path: string): Promise<boolean> =>
  unlessMissing(
    stat(path).then(() => true),
    false,
  );

/** The bytes of a file; null when it does not exist. */
export const readIfExists = (path: string): Promise<Buffer | null> =>
  unlessMissing(readFile(path), null);

/** The manifest of an archived entry: null when absent or not readable as a manifest. */
export const readEntryManifest = (entryDir: string): Promise<Manifest | null> =>
  unlessMissing(readFile(join(entryDir, manifestName), 'utf8').then(parseManifest), null);

/** The names of the folders in dir; none when dir does not exist. */
export const folderNames = (dir: string): Promise<string[]> =>
  unlessMissing(
    readdir(dir, { withFileTypes: true }).then((entries) =>
      entries.filter((e) => e.isDirectory()).map((e) => e.name),
    ),
    [],
  );

async function numberedFolders(dir: string, pattern: RegExp): Promise<number[]> {
  return (await folderNames(dir))
    .map((n) => pattern.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((x, y) => x - y);
}

/** The versions archived in a Vorlage folder (its folders v1, v2, …), ascending. */
export const versionNumbers = (vorlageDir: string): Promise<number[]> =>
  numberedFolders(vorlageDir, /^v([1-9][0-9]*)$/);

/** The packets archived in a sitzungsmappe folder (its folders 1, 2, …), ascending. */
export const packetNumbers = (packetDir: string): Promise<number[]> =>
  numberedFolders(packetDir, /^([1-9][0-9]*)$/);
