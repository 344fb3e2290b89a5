import { readFileSync, statSync } from 'node:fs';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readAnlagen, type AnlageFile } from './readAnlagen.js';
import { readOwnFiles, type OwnFiles } from './readOwnFiles.js';

/** One file of the content folder as read from disk. */
export interface RawFile {
  /** path relative to the content folder, forward slashes, e.g. vorlagen/V-2024-0815/bericht.yaml */
  readonly path: string;
  readonly size: number;
  /** null when the file is larger than the limit, or is no file, and was not read */
  readonly bytes: Uint8Array | null;
  /** set when the name is not an ordinary file: a folder, a symbolic link or a device (RM114) */
  readonly notAFile?: NotAFile;
}

export type NotAFile = 'folder' | 'symlink' | 'other';

export interface ContentFiles {
  readonly root: string;
  readonly meetings: readonly RawFile[];
  /**
   * Vorlage folder name → its YAML files (vorlage.yaml and the section files); a folder that is
   * a symbolic link has its own path as its one entry, marked notAFile
   */
  readonly vorlagen: ReadonlyMap<string, readonly RawFile[]>;
  /** Vorlage folder name → its Anlage files (PDF, PNG, JPEG), read and inspected (readAnlagen.ts) */
  readonly anlagen?: ReadonlyMap<string, readonly AnlageFile[]>;
  /** koerperschaft.yaml, null when there is none */
  readonly koerperschaft: RawFile | null;
  /** the files koerperschaft.yaml names (logo, fonts) by their path; a missing one is absent */
  readonly dateien: ReadonlyMap<string, RawFile>;
  /**
   * Vorlage folder name → its image files (PNG, JPEG, SVG by name, also in subfolders), for
   * `bild` text blocks; absent where no folder has one
   */
  readonly bilder?: ReadonlyMap<string, readonly RawFile[]>;
  /** own templates and section kinds (templates/, abschnittsarten/): see readOwnFiles.ts */
  readonly own?: OwnFiles;
}

/** The name of the body's settings file in the content folder. */
export const koerperschaftFile = 'koerperschaft.yaml';

/** Files above this size are refused unread (RM106). */
export const maxFileSize = 1024 * 1024;

/** A relative path that stays inside the content folder: no „..“, no leading „/“, no „\“. */
export const isSafeContentPath = (path: string): boolean =>
  !path.startsWith('/') &&
  !path.includes('\\') &&
  !/^[A-Za-z]:/.test(path) &&
  path.split('/').every((part) => part !== '..' && part !== '.' && part !== '');

/** Logo and font files above this size are not read (the check reports them at their field). */
export const maxAssetSize = 16 * 1024 * 1024;
/** Images above this size are refused unread (RM623): 5 MiB, a photo for print, not a scan. */
export const maxImageSize = 5 * 1024 * 1024;

/** a picture's file name: what a `bild` block may point at */
export const isImageName = (name: string): boolean => /\.(png|jpe?g|svg)$/i.test(name);

/** Thrown when the content folder itself is unusable: a misuse of the command, not a content fault. */
export class ContentFolderError extends Error {}

const isYaml = (name: string): boolean => /\.ya?ml$/i.test(name);

/**
 * A file of the content folder. Read synchronously: a content folder is thousands of small
 * files, and each promise of fs/promises cost the thread more than the read itself (measured
 * at 100 Vorlagen, 1,500 files: 0.3 s with fs/promises, all of it on this thread).
 */
// eslint-disable-next-line @typescript-eslint/require-await -- callers await it; a fault rejects
export async function readOne(root: string, path: string, limit = maxFileSize): Promise<RawFile> {
  const full = join(root, ...path.split('/'));
  const { size } = statSync(full);
  return { path, size, bytes: size > limit ? null : readFileSync(full) };
}

/**
 * The image files of a Vorlage folder and its subfolders (three levels at most), sorted;
 * symbolic links are not followed (they may point out of the content folder).
 */
async function imageFilesIn(root: string, dir: string, depth = 0): Promise<RawFile[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
  const out: RawFile[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory() && depth < 3) out.push(...(await imageFilesIn(root, path, depth + 1)));
    else if (e.isFile() && isImageName(e.name)) out.push(await readOne(root, path, maxImageSize));
  }
  return out;
}

/**
 * Every entry named *.yaml/*.yml: ordinary files are read; anything else under such a name is
 * kept unread, so that it is reported for what it is instead of as missing. Symbolic links are
 * not followed: they may point out of the content folder.
 */
async function yamlFilesIn(root: string, dir: string): Promise<RawFile[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
  const yaml = entries.filter((e) => isYaml(e.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  return Promise.all(
    yaml.map(async (e): Promise<RawFile> => {
      const path = `${dir}/${e.name}`;
      if (e.isFile()) return readOne(root, path);
      const notAFile = e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'folder' : 'other';
      return { path, size: 0, bytes: null, notAFile };
    }),
  );
}

/** A file of the content folder, or null when there is no ordinary file at the path. */
async function readIfFile(root: string, path: string, limit: number): Promise<RawFile | null> {
  const full = join(root, ...path.split('/'));
  const info = await lstat(full).catch(() => null);
  if (!info?.isFile()) return null;
  return { path, size: info.size, bytes: info.size > limit ? null : await readFile(full) };
}

/**
 * koerperschaft.yaml and the files it names (logo, fonts), read only when named, so that a
 * check of a body without them reads nothing more.
 */
export async function readKoerperschaft(
  read: (path: string, limit: number) => Promise<RawFile | null>,
): Promise<Pick<ContentFiles, 'koerperschaft' | 'dateien'>> {
  const koerperschaft = await read(koerperschaftFile, maxFileSize);
  const dateien = new Map<string, RawFile>();
  // the YAML parser is loaded only here, so that --help and --version do not load it
  const named = koerperschaft?.bytes
    ? (await import('./namedFiles.js')).filesNamedBy(koerperschaft.bytes)
    : [];
  for (const path of named.filter(isSafeContentPath)) {
    const file = await read(path, maxAssetSize);
    if (file) dateien.set(path, file);
  }
  return { koerperschaft, dateien };
}

/** Reads koerperschaft.yaml, content/sitzungen/*.yaml and content/vorlagen/<ordner>/*.yaml. */
export async function readContent(root: string): Promise<ContentFiles> {
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    throw new ContentFolderError(`Der Inhaltsordner „${root}“ existiert nicht.`);
  }
  const meetings = await yamlFilesIn(root, 'sitzungen');
  const folders = await readdir(join(root, 'vorlagen'), { withFileTypes: true }).catch(() => []);
  const vorlagen = new Map<string, RawFile[]>();
  const bilder = new Map<string, RawFile[]>();
  // all folders at once (measured at 100 Vorlagen, 1,500 files: one folder after the other
  // took 0.3 s, mostly waiting), entered in their sorted order
  const read = await Promise.all(
    folders
      .filter((e) => e.isDirectory() || e.isSymbolicLink())
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map(async (entry) => {
        const path = `vorlagen/${entry.name}`;
        // a linked Vorlage folder is not followed; it stands as its one entry, to be reported
        // (RM114)
        if (!entry.isDirectory()) {
          const link: RawFile = { path, size: 0, bytes: null, notAFile: 'symlink' };
          return { name: entry.name, yaml: [link], images: [] };
        }
        const [yaml, images] = await Promise.all([
          yamlFilesIn(root, path),
          imageFilesIn(root, path),
        ]);
        return { name: entry.name, yaml, images };
      }),
  );
  for (const { name, yaml, images } of read) {
    vorlagen.set(name, yaml);
    if (images.length > 0) bilder.set(name, images);
  }
  // a linked Vorlage folder is not followed for its Anlagen either
  const real = [...vorlagen.keys()].filter(
    (name) => !vorlagen.get(name)?.some((r) => r.path === `vorlagen/${name}`),
  );
  const body = await readKoerperschaft((path, limit) => readIfFile(root, path, limit));
  return {
    root,
    meetings,
    vorlagen,
    anlagen: await readAnlagen(root, real),
    bilder,
    ...body,
    own: await readOwnFiles(root),
  };
}
