import { join } from 'node:path';
import { ArchiveInputError } from './archiveErrors.js';
import {
  archiveFormat,
  compareStrings,
  sha256,
  type Manifest,
  type ManifestFile,
} from './manifest.js';
import { checkEntryPaths, safeFolderName } from './safeFolderName.js';
import type {
  ArchiveEntryKind,
  ArchiveEntryReport,
  ArchiveFile,
  ArchiveInput,
  ArchiveVorlage,
} from './types.js';

/** An entry to be written. */
export interface PlannedEntry {
  readonly kind: ArchiveEntryKind;
  readonly label: string;
  /** absolute folder that holds the entry folder (the temp folder goes here too) */
  readonly parent: string;
  /** the entry folder's name inside parent */
  readonly name: string;
  /** relative to root */
  readonly path: string;
  readonly files: readonly ArchiveFile[];
  readonly manifest: Manifest;
}

/** Where a meeting is archived and what all its manifests say. */
export interface MeetingFolder {
  /** relative to root, forward slashes */
  readonly path: string;
  readonly dir: string;
  readonly base: Omit<Manifest, 'vorlage' | 'files'>;
}

export const entryReport = (entry: PlannedEntry): ArchiveEntryReport => ({
  kind: entry.kind,
  label: entry.label,
  path: entry.path,
  files: entry.files.length,
});

/** relative path → forward slashes */
const rel = (...segments: string[]): string => segments.filter((s) => s !== '').join('/');

export const toManifestFiles = (files: readonly ArchiveFile[]): ManifestFile[] =>
  files
    .map((f) => ({
      path: f.path,
      sha256: sha256(f.bytes),
      size: f.bytes.length,
      ...(f.pdfa === undefined ? {} : { pdfa: f.pdfa }),
      ...(f.ohnePdfaWegen?.length ? { ohnePdfaWegen: f.ohnePdfaWegen } : {}),
    }))
    .sort((a, b) => compareStrings(a.path, b.path));

/** <Körperschaft>/<Gremium>/<meetingId> below root; ArchiveInputError for an unusable name. */
export function meetingFolder(root: string, input: ArchiveInput): MeetingFolder {
  const names = [input.koerperschaft, input.gremium, input.meetingId].map((n) => safeFolderName(n));
  return {
    path: rel(...names),
    dir: join(root, ...names),
    base: {
      format: archiveFormat,
      toolVersion: input.toolVersion,
      buildDate: input.buildDate,
      koerperschaft: input.koerperschaft,
      gremium: input.gremium,
      meeting: input.meetingId,
    },
  };
}

/** A Vorlage version as it would be written; ArchiveInputError for an unusable version or path. */
export function vorlageEntry(meeting: MeetingFolder, vorlage: ArchiveVorlage): PlannedEntry {
  const { nummer, version } = vorlage;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new ArchiveInputError(
      `Vorlage ${nummer}: Die Version muss eine ganze Zahl ab 1 sein, nicht „${String(version)}“.`,
    );
  }
  const folder = safeFolderName(nummer);
  const label = `${nummer}, Version ${version}`;
  const files = [
    ...vorlage.files,
    ...vorlage.sources.map((s) => ({ path: `quellen/${s.path}`, bytes: s.bytes })),
  ];
  checkEntryPaths(
    `Vorlage ${label}`,
    files.map((f) => f.path),
  );
  return {
    kind: 'vorlage',
    label,
    parent: join(meeting.dir, 'vorlagen', folder),
    name: `v${version}`,
    path: rel(meeting.path, 'vorlagen', folder, `v${version}`),
    files,
    manifest: { ...meeting.base, vorlage: { nummer, version }, files: toManifestFiles(files) },
  };
}

/** The meeting packet as sitzungsmappe/<n>; manifestFiles: toManifestFiles(files). */
export const packetEntry = (
  meeting: MeetingFolder,
  n: number,
  files: readonly ArchiveFile[],
  manifestFiles: readonly ManifestFile[],
): PlannedEntry => ({
  kind: 'sitzungsmappe',
  label: `Sitzungsmappe ${n}`,
  parent: join(meeting.dir, 'sitzungsmappe'),
  name: String(n),
  path: rel(meeting.path, 'sitzungsmappe', String(n)),
  files,
  manifest: { ...meeting.base, files: manifestFiles },
});
