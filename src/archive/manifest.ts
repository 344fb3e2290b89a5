import { compareStrings, sha256 } from '../write/digest.js';
import { isRecord, type Json } from './json.js';

/** The format tag of every entry manifest and of index.json. */
export const archiveFormat = 'ratsmappe-archiv/1';

/** The file name of an entry manifest; a folder holding one is an archive entry. */
export const manifestName = 'manifest.json';

/** The file name of the per-meeting list of entries. */
export const indexName = 'index.json';

/** A file of an archive entry as listed in its manifest. */
export interface ManifestFile {
  /** relative to the entry folder, forward slashes */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  /** a rendered PDF: the PDF/A it claims, null when an Anlage in it is not PDF/A */
  readonly pdfa?: 'PDF/A-2b' | 'PDF/A-3b' | null;
  /** with pdfa null: the Anlagen that prevent it (as the build's manifest names them) */
  readonly ohnePdfaWegen?: readonly string[];
}

/** manifest.json of one archive entry (a Vorlage version or a meeting packet). */
export interface Manifest {
  readonly format: typeof archiveFormat;
  readonly toolVersion: string;
  readonly buildDate: string;
  readonly koerperschaft: string;
  readonly gremium: string;
  readonly meeting: string;
  readonly vorlage?: { readonly nummer: string; readonly version: number };
  readonly files: readonly ManifestFile[];
}

export { compareStrings, sha256 };

/** Deterministic JSON: 2-space indent, trailing newline. */
export const toJsonBytes = (value: unknown): Uint8Array =>
  new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A relative path with forward slashes that stays inside its folder: no empty segment, no "." or
 * "..", no backslash, no control characters.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || controlChars.test(path))
    return false;
  return path.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** The object in text and its list under key; null when it is not JSON of this format. */
function parseFormat(text: string, key: 'files' | 'entries'): [Json, unknown[]] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.format !== archiveFormat || !Array.isArray(value[key])) return null;
  return [value, value[key] as unknown[]];
}

/** Parses manifest.json; null when it is not a manifest of this format. */
export function parseManifest(text: string): Manifest | null {
  const parsed = parseFormat(text, 'files');
  if (parsed === null) return null;
  const [value, list] = parsed;
  const files: ManifestFile[] = [];
  for (const f of list) {
    if (
      !isRecord(f) ||
      typeof f.path !== 'string' ||
      typeof f.sha256 !== 'string' ||
      typeof f.size !== 'number'
    )
      return null;
    files.push({ path: f.path, sha256: f.sha256, size: f.size });
  }
  const text_ = (key: string): string => {
    const v = value[key];
    return typeof v === 'string' ? v : '';
  };
  const vorlage = value.vorlage;
  return {
    format: archiveFormat,
    toolVersion: text_('toolVersion'),
    buildDate: text_('buildDate'),
    koerperschaft: text_('koerperschaft'),
    gremium: text_('gremium'),
    meeting: text_('meeting'),
    ...(isRecord(vorlage) &&
    typeof vorlage.nummer === 'string' &&
    typeof vorlage.version === 'number'
      ? { vorlage: { nummer: vorlage.nummer, version: vorlage.version } }
      : {}),
    files,
  };
}

/** One entry of index.json. */
export interface IndexEntry {
  /** relative to the meeting folder, e.g. vorlagen/V-2024-0815/v1 or sitzungsmappe/2 */
  readonly path: string;
  readonly vorlage?: { readonly nummer: string; readonly version: number };
  readonly sitzungsmappe?: number;
  readonly toolVersion?: string;
  readonly buildDate?: string;
  readonly files?: number;
  /** sha256 of the entry's manifest.json, so that verify notices an edited or deleted manifest */
  readonly manifestSha256: string;
}

export interface ArchiveIndex {
  readonly format: typeof archiveFormat;
  readonly koerperschaft: string;
  readonly gremium: string;
  readonly meeting: string;
  readonly entries: readonly IndexEntry[];
}

/** Parses index.json; null when it is not an index of this format. */
export function parseIndex(text: string): { path: string; manifestSha256: string }[] | null {
  const parsed = parseFormat(text, 'entries');
  if (parsed === null) return null;
  const entries: { path: string; manifestSha256: string }[] = [];
  for (const e of parsed[1]) {
    if (!isRecord(e) || typeof e.path !== 'string' || typeof e.manifestSha256 !== 'string')
      return null;
    entries.push({ path: e.path, manifestSha256: e.manifestSha256 });
  }
  return entries;
}
