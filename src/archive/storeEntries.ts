import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { manifestName, toJsonBytes } from './manifest.js';
import { entryReport, type PlannedEntry } from './plannedEntry.js';
import { exists } from './readArchive.js';
import type { ArchiveEntryReport } from './types.js';

/** A hidden name beside name, unique to this run: ".v2.neu-<pid>-<random>". */
export const temporaryName = (name: string): string =>
  `.${name}.neu-${process.pid}-${randomBytes(6).toString('hex')}`;

/** Writes one entry into a fresh temp folder (not existing yet) beside its final place. */
async function writeTemporary(temporary: string, entry: PlannedEntry): Promise<void> {
  await mkdir(temporary);
  for (const file of entry.files) {
    const target = join(temporary, ...file.path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.bytes, { flag: 'wx' });
  }
  await writeFile(join(temporary, manifestName), toJsonBytes(entry.manifest), { flag: 'wx' });
}

/** Removes the folders a failed run created, deepest first, only while they are empty. */
async function removeCreatedFolders(
  created: readonly { first: string; deepest: string }[],
): Promise<void> {
  for (const { first, deepest } of [...created].reverse()) {
    for (let dir = deepest; ; dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break;
      }
      if (dir === first || dirname(dir) === dir) break;
    }
  }
}

/**
 * Writes every planned entry to a temp folder beside its final place, then renames them into
 * place. On failure the temp folders are removed and the error is rethrown: when nothing was
 * renamed yet, the folders this run created are removed too; otherwise reindex records the
 * entries that were stored (its own failure is ignored).
 */
export async function storeEntries(
  planned: readonly PlannedEntry[],
  reindex: () => Promise<void>,
): Promise<ArchiveEntryReport[]> {
  const stored: ArchiveEntryReport[] = [];
  const created: { first: string; deepest: string }[] = [];
  const temporaries = new Map<PlannedEntry, string>();
  try {
    for (const entry of planned) {
      const first = await mkdir(entry.parent, { recursive: true });
      if (first !== undefined) created.push({ first, deepest: entry.parent });
      const temporary = join(entry.parent, temporaryName(entry.name));
      temporaries.set(entry, temporary);
      await writeTemporary(temporary, entry);
    }
    for (const [entry, temporary] of temporaries) {
      const target = join(entry.parent, entry.name);
      if (await exists(target)) {
        throw new Error(`${entry.path} ist während der Archivierung entstanden.`);
      }
      await rename(temporary, target);
      temporaries.delete(entry);
      stored.push(entryReport(entry));
    }
  } catch (error) {
    for (const temporary of temporaries.values())
      await rm(temporary, { recursive: true, force: true });
    if (stored.length === 0) await removeCreatedFolders(created);
    else await reindex().catch(() => undefined);
    throw error;
  }
  return stored;
}
