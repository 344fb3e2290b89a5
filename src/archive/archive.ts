import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  archiveFormat,
  compareStrings,
  indexName,
  isSafeRelativePath,
  manifestName,
  parseManifest,
  sha256,
  toJsonBytes,
  type ArchiveIndex,
  type IndexEntry,
  type Manifest,
  type ManifestFile,
} from './manifest.js';

/** A file to archive; path relative to its entry folder, forward slashes. */
export interface ArchiveFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface ArchiveVorlage {
  readonly nummer: string;
  readonly version: number;
  /** the rendered files (PDF, PDF/A, DOCX), stored at the top of the entry folder */
  readonly files: readonly ArchiveFile[];
  /** the YAML files (vorlage.yaml and the section files), stored under quellen/ */
  readonly sources: readonly ArchiveFile[];
}

export interface ArchiveInput {
  readonly koerperschaft: string;
  readonly gremium: string;
  readonly meetingId: string;
  readonly toolVersion: string;
  /** ISO date taken from the content, never from the clock */
  readonly buildDate: string;
  readonly vorlagen: readonly ArchiveVorlage[];
  /** the meeting packets (PDF/A); no files = no packet entry */
  readonly packet: { readonly files: readonly ArchiveFile[] };
}

export type ArchiveEntryKind = 'vorlage' | 'sitzungsmappe';

/** One entry of an archive run, for the report. */
export interface ArchiveEntryReport {
  readonly kind: ArchiveEntryKind;
  /** German, e.g. "SV-9-1601, Version 2" or "Sitzungsmappe 1" */
  readonly label: string;
  /** the entry folder relative to the archive root, forward slashes */
  readonly path: string;
  readonly files: number;
}

export interface ArchiveReport {
  /** the meeting folder relative to the archive root, forward slashes */
  readonly meetingPath: string;
  readonly stored: readonly ArchiveEntryReport[];
  readonly unchanged: readonly ArchiveEntryReport[];
}

/** The input cannot be archived as given (unusable name or file path): a misuse, exit code 2. */
export class ArchiveInputError extends Error {
  override readonly name = 'ArchiveInputError';
}

export interface ArchiveConflictDetail {
  readonly nummer: string;
  readonly version: number;
  /** the archived entry folder relative to the archive root */
  readonly path: string;
  /** entry-relative paths whose content differs, is missing on one side, or a German reason */
  readonly differing: readonly string[];
}

/**
 * A Vorlage version is already archived with different content. Thrown before anything is
 * written; an archived version is never overwritten.
 */
export class ArchiveConflict extends Error {
  override readonly name = 'ArchiveConflict';
  readonly conflicts: readonly ArchiveConflictDetail[];
  constructor(conflicts: readonly ArchiveConflictDetail[], root: string, notes: readonly string[]) {
    super(conflictMessage(conflicts, root, notes));
    this.conflicts = conflicts;
  }
}

function conflictMessage(
  conflicts: readonly ArchiveConflictDetail[],
  root: string,
  notes: readonly string[],
): string {
  const shown = (list: readonly string[]): string =>
    list.length <= 5
      ? list.join(', ')
      : `${list.slice(0, 5).join(', ')} und ${list.length - 5} weitere`;
  const parts = conflicts.map(
    (c) =>
      `Die Vorlage ${c.nummer} ist in Version ${c.version} bereits archiviert (${c.path}), aber mit anderem Inhalt; abweichend: ${shown(c.differing)}.`,
  );
  return [
    ...parts,
    ...notes,
    'Eine archivierte Version wird nie überschrieben. Es wurde nichts archiviert.',
    'Erhöhen Sie „version“ in vorlage.yaml und beschreiben Sie unter „aenderungen“, was sich geändert hat.',
    ...conflicts.map(
      (c) =>
        `Was sich gegenüber der archivierten Fassung geändert hat, zeigt: ratsmappe diff "${join(root, ...c.path.split('/'), 'quellen')}" <Ordner der Vorlage ${c.nummer}>`,
    ),
  ].join('\n');
}

// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A name as written (Körperschaft, Gremium, meeting, Vorlage number), made safe as a folder name:
 * NFC, no control characters, "/", "\\" and the characters Windows forbids (<>:"|?*) become "-",
 * runs of dots become one dot, no leading dots (hidden folders, temp folders), trimmed; umlauts
 * and spaces stay.
 */
export function safeFolderName(name: string): string {
  const safe = name
    .normalize('NFC')
    .replace(controlChars, '')
    .replace(/[/\\<>:"|?*]/g, '-')
    .replace(/\.{2,}/g, '.')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (safe === '') {
    throw new ArchiveInputError(
      `Aus „${name}“ lässt sich kein Ordnername bilden. Bitte geben Sie einen Namen mit Buchstaben oder Ziffern an.`,
    );
  }
  return safe;
}

/** relative path → forward slashes */
const rel = (...segments: string[]): string => segments.filter((s) => s !== '').join('/');

const sortFiles = (files: ManifestFile[]): ManifestFile[] =>
  files.sort((a, b) => compareStrings(a.path, b.path));

/** Validates entry-relative paths: safe, unique, no file where another needs a folder. */
function checkEntryPaths(label: string, paths: readonly string[]): void {
  const seen = new Set<string>();
  for (const path of paths) {
    if (!isSafeRelativePath(path)) {
      throw new ArchiveInputError(
        `${label}: Der Dateipfad „${path}“ ist nicht erlaubt (relativ, mit „/“, ohne „..“ und Steuerzeichen).`,
      );
    }
    if (path === manifestName) {
      throw new ArchiveInputError(`${label}: Der Dateiname „${manifestName}“ ist reserviert.`);
    }
    if (seen.has(path))
      throw new ArchiveInputError(`${label}: Die Datei „${path}“ ist doppelt angegeben.`);
    seen.add(path);
  }
  for (const path of paths) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (seen.has(folder)) {
        throw new ArchiveInputError(
          `${label}: „${folder}“ ist als Datei und als Ordner (für „${path}“) angegeben.`,
        );
      }
    }
  }
}

interface PlannedEntry {
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

const isMissing = (error: unknown): boolean =>
  error instanceof Error &&
  'code' in error &&
  (error.code === 'ENOENT' || error.code === 'ENOTDIR');

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/** The manifest of an archived entry: null when absent or not readable as a manifest. */
async function readEntryManifest(entryDir: string): Promise<Manifest | null> {
  try {
    return parseManifest(await readFile(join(entryDir, manifestName), 'utf8'));
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** Entry-relative paths that differ between two file lists (content, or present on one side). */
function differingPaths(a: readonly ManifestFile[], b: readonly ManifestFile[]): string[] {
  const key = (f: ManifestFile): string => `${f.sha256}:${f.size}`;
  const left = new Map(a.map((f) => [f.path, key(f)]));
  const right = new Map(b.map((f) => [f.path, key(f)]));
  const paths = new Set([...left.keys(), ...right.keys()]);
  return [...paths].filter((p) => left.get(p) !== right.get(p)).sort(compareStrings);
}

const numbered = (names: readonly string[], pattern: RegExp): number[] =>
  names
    .map((n) => pattern.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((x, y) => x - y);

async function folderNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

const temporaryName = (name: string): string =>
  `.${name}.neu-${process.pid}-${randomBytes(6).toString('hex')}`;

/** Builds index.json from the manifests on disk (deterministic: sorted, no clock). */
async function buildIndex(meetingDir: string, input: ArchiveInput): Promise<ArchiveIndex> {
  const entries: IndexEntry[] = [];
  const add = async (path: string, extra: Pick<IndexEntry, 'sitzungsmappe'>): Promise<void> => {
    const bytes = await readFile(join(meetingDir, ...path.split('/'), manifestName)).catch(
      (error: unknown) => {
        if (isMissing(error)) return null;
        throw error;
      },
    );
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
  for (const folder of (await folderNames(join(meetingDir, 'vorlagen')))
    .filter((n) => !n.startsWith('.'))
    .sort(compareStrings)) {
    const versions = numbered(
      await folderNames(join(meetingDir, 'vorlagen', folder)),
      /^v([1-9][0-9]*)$/,
    );
    for (const v of versions) await add(`vorlagen/${folder}/v${v}`, {});
  }
  for (const n of numbered(
    await folderNames(join(meetingDir, 'sitzungsmappe')),
    /^([1-9][0-9]*)$/,
  )) {
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
async function writeIndex(meetingDir: string, input: ArchiveInput): Promise<void> {
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

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * Archives one meeting below root: <Körperschaft>/<Gremium>/<meetingId>/ with
 * vorlagen/<nummer>/v<version>/ (files, quellen/, manifest.json), sitzungsmappe/<n>/ (packet
 * files, manifest.json) and index.json.
 *
 * An archived version is never overwritten: identical content is reported as unchanged, different
 * content throws ArchiveConflict before anything is written. Every new entry is written to a temp
 * folder beside its final place and renamed into place only after all new entries were written;
 * a failure removes the temp folders (and the folders this run created), so no partial entry
 * remains.
 */
export async function archiveMeeting(root: string, input: ArchiveInput): Promise<ArchiveReport> {
  const koerperschaft = safeFolderName(input.koerperschaft);
  const gremium = safeFolderName(input.gremium);
  const meeting = safeFolderName(input.meetingId);
  const meetingPath = rel(koerperschaft, gremium, meeting);
  const meetingDir = join(root, koerperschaft, gremium, meeting);
  const baseManifest = {
    format: archiveFormat,
    toolVersion: input.toolVersion,
    buildDate: input.buildDate,
    koerperschaft: input.koerperschaft,
    gremium: input.gremium,
    meeting: input.meetingId,
  } as const;
  const toManifestFiles = (files: readonly ArchiveFile[]): ManifestFile[] =>
    sortFiles(files.map((f) => ({ path: f.path, sha256: sha256(f.bytes), size: f.bytes.length })));

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
    const manifestFiles = toManifestFiles(files);
    const path = rel(meetingPath, 'vorlagen', folder, `v${version}`);
    const twice = seen.get(path);
    if (twice) {
      if (twice.nummer !== nummer || differingPaths(twice.files, manifestFiles).length > 0) {
        throw new ArchiveInputError(
          `Die Vorlage ${label} ist zweimal mit verschiedenem Inhalt angegeben (Ordner ${path}).`,
        );
      }
      continue;
    }
    seen.set(path, { nummer, files: manifestFiles });
    const entryDir = join(root, ...path.split('/'));
    const report: ArchiveEntryReport = { kind: 'vorlage', label, path, files: files.length };
    if (await exists(entryDir)) {
      const archived = await readEntryManifest(entryDir);
      if (archived === null) {
        conflicts.push({
          nummer,
          version,
          path,
          differing: [`${manifestName} fehlt oder ist unlesbar (prüfen Sie mit ratsmappe verify)`],
        });
        continue;
      }
      const differing = differingPaths(archived.files, manifestFiles);
      if (differing.length === 0) {
        unchanged.push(report);
        continue;
      }
      conflicts.push({ nummer, version, path, differing });
      if (
        differing.every((p) => !p.startsWith('quellen/')) &&
        archived.toolVersion !== input.toolVersion
      ) {
        notes.push(
          `Die Quelldateien von ${label} sind unverändert; die erzeugten Dateien weichen ab, weil sie mit einer anderen ratsmappe-Version erzeugt wurden (archiviert: ${archived.toolVersion}, jetzt: ${input.toolVersion}).`,
        );
      }
      continue;
    }
    planned.push({
      kind: 'vorlage',
      label,
      parent: join(meetingDir, 'vorlagen', folder),
      name: `v${version}`,
      path,
      files,
      manifest: { ...baseManifest, vorlage: { nummer, version }, files: manifestFiles },
    });
  }
  if (conflicts.length > 0) throw new ArchiveConflict(conflicts, root, notes);

  if (input.packet.files.length > 0) {
    const files = input.packet.files;
    const manifestFiles = toManifestFiles(files);
    const packetDir = join(meetingDir, 'sitzungsmappe');
    const numbers = numbered(await folderNames(packetDir), /^([1-9][0-9]*)$/);
    let same: number | undefined;
    for (const n of numbers) {
      const archived = await readEntryManifest(join(packetDir, String(n)));
      if (archived && differingPaths(archived.files, manifestFiles).length === 0) {
        same = n;
        break;
      }
    }
    const n = same ?? (numbers[numbers.length - 1] ?? 0) + 1;
    const report: ArchiveEntryReport = {
      kind: 'sitzungsmappe',
      label: `Sitzungsmappe ${n}`,
      path: rel(meetingPath, 'sitzungsmappe', String(n)),
      files: files.length,
    };
    if (same !== undefined) unchanged.push(report);
    else
      planned.push({
        ...report,
        parent: packetDir,
        name: String(n),
        manifest: { ...baseManifest, files: manifestFiles },
        files,
      });
  }

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
    for (const entry of planned) {
      const temporary = temporaries.get(entry);
      if (temporary === undefined) continue;
      const target = join(entry.parent, entry.name);
      if (await exists(target)) {
        throw new Error(`${entry.path} ist während der Archivierung entstanden.`);
      }
      await rename(temporary, target);
      temporaries.delete(entry);
      stored.push({
        kind: entry.kind,
        label: entry.label,
        path: entry.path,
        files: entry.files.length,
      });
    }
  } catch (error) {
    for (const temporary of temporaries.values())
      await rm(temporary, { recursive: true, force: true });
    if (stored.length === 0) await removeCreatedFolders(created);
    else await writeIndex(meetingDir, input).catch(() => undefined);
    throw error;
  }
  if (stored.length > 0 || unchanged.length > 0) await writeIndex(meetingDir, input);
  return { meetingPath, stored, unchanged };
}

/** The report of an archive run in German, one line per entry and a summary. */
export function formatArchiveReport(report: ArchiveReport): string {
  const lines = [
    ...report.stored.map(
      (e) => `gespeichert: ${e.label} (${plural(e.files, 'Datei', 'Dateien')}) → ${e.path}`,
    ),
    ...report.unchanged.map((e) => `unverändert: ${e.label} (bereits archiviert in ${e.path})`),
  ];
  const total = report.stored.length + report.unchanged.length;
  lines.push(
    total === 0
      ? 'Nichts zu archivieren.'
      : `${plural(report.stored.length, 'Eintrag', 'Einträge')} gespeichert, ${report.unchanged.length} unverändert (${report.meetingPath}).`,
  );
  return `${lines.join('\n')}\n`;
}
