import type { ContentFiles, RawFile } from '../load/readContent.js';
import { compareStrings } from './manifest.js';
import type { ArchiveFile } from './types.js';

/** Where the body's own files lie inside an entry's quellen/: quellen/koerperschaft/<path>. */
export const bodyFolder = 'koerperschaft';

/**
 * The body's own files that determine how its documents look, for the archive: koerperschaft.yaml,
 * the files it names (logo, fonts), the own templates (templates/) and section kinds
 * (abschnittsarten/), at their path in the content folder below `koerperschaft/`, so that an
 * archivist can put them back and build the same output. Each entry (a Vorlage version, a
 * packet) carries them, with their sha256 in its manifest; sorted by path.
 */
export function bodyFiles(files: ContentFiles): ArchiveFile[] {
  const raws: (RawFile | null)[] = [
    files.koerperschaft,
    ...files.dateien.values(),
    ...(files.own?.templates ?? []),
    ...(files.own?.abschnittsarten ?? []),
  ];
  const byPath = new Map<string, Uint8Array>();
  for (const raw of raws) if (raw?.bytes) byPath.set(raw.path, raw.bytes);
  return [...byPath.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([path, bytes]) => ({ path: `${bodyFolder}/${path}`, bytes }));
}
