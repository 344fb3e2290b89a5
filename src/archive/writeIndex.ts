import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  archiveFormat,
  compareStrings,
  indexName,
  manifestName,
  parseManifest,
  sha256,
  toJsonBytes,
  type ArchiveIndex,
  type IndexEntry,
} from './manifest.js';
import { folderNames, packetNumbers, readIfExists, versionNumbers } from './readArchive.js';
import { temporaryName } from './storeEntries.js';
import type { ArchiveInput } from './types.js';

/** Builds index.json from the manifests on disk (deterministic: sorted, no clock). */
async function buildIndex(meetingDir: string, input: ArchiveInput): Promise<ArchiveIndex> {
  const entries: IndexEntry[] = [];
  const add = async (path: string, extra: Pick<IndexEntry, 'sitzungsmappe'>): Promise<void> => {
    const bytes = await readIfExists(join(meetingDir, ...path.split('/'), manifestName));
    if (bytes === null) return;
    const manifest = parseManifest(new TextDecoder().decode(bytes));
    entries.push({
      path,
      ...(manifest?.vorlage ? { vorlage: manifest.vorlage } : {}),
      ...extra,
      ...(manifest
        ? {
            toolVersion: manifest.toolVersion,
            buildDate: manifest.buildDate,
            files: manifest.files.length,
          }
        : {}),
      manifestSha256: sha256(bytes),
    });
  };
  const vorlagenDir = join(meetingDir, 'vorlagen');
  for (const folder of (await folderNames(vorlagenDir))
    .filter((n) => !n.startsWith('.'))
    .sort(compareStrings)) {
    for (const v of await versionNumbers(join(vorlagenDir, folder)))
      await add(`vorlagen/${folder}/v${v}`, {});
  }
  for (const n of await packetNumbers(join(meetingDir, 'sitzungsmappe'))) {
    await add(`sitzungsmappe/${n}`, { sitzungsmappe: n });
  }
  return {
    format: archiveFormat,
    koerperschaft: input.koerperschaft,
    gremium: input.gremium,
    meeting: input.meetingId,
    entries,
  };
}

/** Rewrites <meeting>/index.json atomically (temp file + rename), only when it changes. */
export async function writeIndex(meetingDir: string, input: ArchiveInput): Promise<void> {
  const bytes = toJsonBytes(await buildIndex(meetingDir, input));
  const target = join(meetingDir, indexName);
  const old = await readFile(target).catch(() => null);
  if (old !== null && Buffer.compare(old, bytes) === 0) return;
  const temporary = join(meetingDir, temporaryName(indexName));
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
}
