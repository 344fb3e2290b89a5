import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readOwnFiles, type OwnFiles } from './readOwnFiles.js';

/** One file of the content folder as read from disk. */
export interface RawFile {
  /** path relative to the content folder, forward slashes, e.g. vorlagen/SV-9-1601/binogi.yaml */
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
  /** own templates and section kinds (templates/, abschnittsarten/): see readOwnFiles.ts */
  readonly own?: OwnFiles;
}

/** Files above this size are refused unread (RM106). */
export const maxFileSize = 1024 * 1024;

/** Thrown when the content folder itself is unusable: a misuse of the command, not a content fault. */
export class ContentFolderError extends Error {}

const isYaml = (name: string): boolean => /\.ya?ml$/i.test(name);

export async function readOne(root: string, path: string): Promise<RawFile> {
  const full = join(root, ...path.split('/'));
  const { size } = await stat(full);
  return { path, size, bytes: size > maxFileSize ? null : await readFile(full) };
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

/** Reads content/sitzungen/*.yaml and content/vorlagen/<nummer>/*.yaml. */
export async function readContent(root: string): Promise<ContentFiles> {
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    throw new ContentFolderError(`Der Inhaltsordner „${root}“ existiert nicht.`);
  }
  const meetings = await yamlFilesIn(root, 'sitzungen');
  const folders = await readdir(join(root, 'vorlagen'), { withFileTypes: true }).catch(() => []);
  const vorlagen = new Map<string, RawFile[]>();
  for (const entry of folders
    .filter((e) => e.isDirectory() || e.isSymbolicLink())
    .sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = `vorlagen/${entry.name}`;
    // a linked Vorlage folder is not followed; it stands as its one entry, to be reported (RM114)
    vorlagen.set(
      entry.name,
      entry.isDirectory()
        ? await yamlFilesIn(root, path)
        : [{ path, size: 0, bytes: null, notAFile: 'symlink' }],
    );
  }
  return { root, meetings, vorlagen, own: await readOwnFiles(root) };
}
