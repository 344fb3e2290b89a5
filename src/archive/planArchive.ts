import { join } from 'node:path';
import { ArchiveConflict, ArchiveInputError, type ArchiveConflictDetail } from './archiveErrors.js';
import { compareStrings, manifestName, type ManifestFile } from './manifest.js';
import {
  entryReport,
  meetingFolder,
  packetEntry,
  toManifestFiles,
  vorlageEntry,
  type MeetingFolder,
  type PlannedEntry,
} from './plannedEntry.js';
import { exists, packetNumbers, readEntryManifest } from './readArchive.js';
import { checkEntryPaths } from './safeFolderName.js';
import type { ArchiveEntryReport, ArchiveFile, ArchiveInput } from './types.js';

export interface ArchivePlan {
  /** the meeting folder relative to the archive root, forward slashes */
  readonly meetingPath: string;
  readonly meetingDir: string;
  /** the new entries, in input order, the packet last */
  readonly planned: readonly PlannedEntry[];
  /** the entries archived before with the same content */
  readonly unchanged: readonly ArchiveEntryReport[];
}

/** Entry-relative paths that differ between two file lists (content, or present on one side). */
function differingPaths(a: readonly ManifestFile[], b: readonly ManifestFile[]): string[] {
  const key = (f: ManifestFile): string => `${f.sha256}:${f.size}`;
  const left = new Map(a.map((f) => [f.path, key(f)]));
  const right = new Map(b.map((f) => [f.path, key(f)]));
  const paths = new Set([...left.keys(), ...right.keys()]);
  return [...paths].filter((p) => left.get(p) !== right.get(p)).sort(compareStrings);
}

/** The packet: the archived packet with the same files (archived), or the next number. */
async function planPacket(
  meeting: MeetingFolder,
  files: readonly ArchiveFile[],
): Promise<{ entry: PlannedEntry; archived: boolean }> {
  const manifestFiles = toManifestFiles(files);
  const packetDir = join(meeting.dir, 'sitzungsmappe');
  const numbers = await packetNumbers(packetDir);
  for (const n of numbers) {
    const archived = await readEntryManifest(join(packetDir, String(n)));
    if (archived && differingPaths(archived.files, manifestFiles).length === 0)
      return { entry: packetEntry(meeting, n, files, manifestFiles), archived: true };
  }
  const next = (numbers.at(-1) ?? 0) + 1;
  return { entry: packetEntry(meeting, next, files, manifestFiles), archived: false };
}

/**
 * Checks the input and compares it with what is archived below root: the new entries to write and
 * the unchanged ones. Reads only; throws ArchiveInputError for unusable input and ArchiveConflict
 * (after checking every Vorlage) when a Vorlage version is archived with different content.
 */
export async function planArchive(root: string, input: ArchiveInput): Promise<ArchivePlan> {
  const meeting = meetingFolder(root, input);
  const planned: PlannedEntry[] = [];
  const unchanged: ArchiveEntryReport[] = [];
  const conflicts: ArchiveConflictDetail[] = [];
  const notes: string[] = [];
  const seen = new Map<string, { nummer: string; files: readonly ManifestFile[] }>();

  checkEntryPaths(
    'Sitzungsmappe',
    input.packet.files.map((f) => f.path),
  );
  for (const vorlage of input.vorlagen) {
    const { nummer, version } = vorlage;
    const entry = vorlageEntry(meeting, vorlage);
    const { label, path, manifest } = entry;
    const twice = seen.get(path);
    if (twice) {
      if (twice.nummer !== nummer || differingPaths(twice.files, manifest.files).length > 0) {
        throw new ArchiveInputError(
          `Die Vorlage ${label} ist zweimal mit verschiedenem Inhalt angegeben (Ordner ${path}).`,
        );
      }
      continue;
    }
    seen.set(path, { nummer, files: manifest.files });
    const entryDir = join(entry.parent, entry.name);
    if (!(await exists(entryDir))) {
      planned.push(entry);
      continue;
    }
    const archived = await readEntryManifest(entryDir);
    const differing = archived
      ? differingPaths(archived.files, manifest.files)
      : [`${manifestName} fehlt oder ist unlesbar (prüfen Sie mit ratsmappe verify)`];
    if (differing.length === 0) {
      unchanged.push(entryReport(entry));
      continue;
    }
    conflicts.push({ nummer, version, path, differing });
    if (
      archived &&
      differing.every((p) => !p.startsWith('quellen/')) &&
      archived.toolVersion !== input.toolVersion
    ) {
      notes.push(
        `Die Quelldateien von ${label} sind unverändert; die erzeugten Dateien weichen ab, weil sie mit einer anderen ratsmappe-Version erzeugt wurden (archiviert: ${archived.toolVersion}, jetzt: ${input.toolVersion}).`,
      );
    }
  }
  if (conflicts.length > 0) throw new ArchiveConflict(conflicts, root, notes);

  if (input.packet.files.length > 0) {
    const packet = await planPacket(meeting, input.packet.files);
    if (packet.archived) unchanged.push(entryReport(packet.entry));
    else planned.push(packet.entry);
  }
  return { meetingPath: meeting.path, meetingDir: meeting.dir, planned, unchanged };
}
