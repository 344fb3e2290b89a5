/**
 * The Anlage files of the Vorlage folders (PDF, PNG, JPEG by their name, in the folder and its
 * subfolders such as anlagen/), read and inspected once (inspectAnlage.ts). Files over the size
 * limit are kept unread, links and other non-files are kept as what they are, so that an
 * `anlagen` entry naming them is reported for that, not as missing.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnlageFacts } from './inspectAnlage.js';
import type { NotAFile } from './readContent.js';

/** An Anlage file larger than this is refused unread (RM705): 20 MiB, a scanned plan in A0 fits. */
export const maxAnlageSize = 20 * 1024 * 1024;

/** The names that can be Anlagen: .pdf, .png, .jpg, .jpeg in any case. */
export const isAnlageName = (name: string): boolean => /\.(pdf|png|jpe?g)$/i.test(name);

/** How deep below the Vorlage folder Anlagen are looked for (anlagen/2020/plan.pdf is 2). */
const DEPTH = 3;

export interface AnlageFile {
  /** relative to the content folder, forward slashes, e.g. vorlagen/SV-9-1601/anlagen/plan.pdf */
  readonly path: string;
  readonly size: number;
  /** null when over the size limit or not a file */
  readonly bytes: Uint8Array | null;
  readonly notAFile?: NotAFile;
  /** null when the file was not read */
  readonly facts: AnlageFacts | null;
}

/** One Anlage file from its bytes (also for tests that lay files over the example content). */
export async function anlageFile(path: string, bytes: Uint8Array): Promise<AnlageFile> {
  if (bytes.length > maxAnlageSize) return { path, size: bytes.length, bytes: null, facts: null };
  // pdf-lib is loaded only where there are Anlagen: a check without them stays light
  const { inspectAnlage } = await import('./inspectAnlage.js');
  return { path, size: bytes.length, bytes, facts: await inspectAnlage(bytes) };
}

async function filesIn(root: string, dir: string, depth: number): Promise<AnlageFile[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
  const sorted = entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  const found: AnlageFile[] = [];
  for (const e of sorted) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (depth < DEPTH) found.push(...(await filesIn(root, path, depth + 1)));
    } else if (isAnlageName(e.name)) {
      if (!e.isFile()) {
        const notAFile = e.isSymbolicLink() ? 'symlink' : 'other';
        found.push({ path, size: 0, bytes: null, notAFile, facts: null });
        continue;
      }
      const full = join(root, ...path.split('/'));
      const { size } = await stat(full);
      found.push(
        size > maxAnlageSize
          ? { path, size, bytes: null, facts: null }
          : await anlageFile(path, await readFile(full)),
      );
    }
  }
  return found;
}

/** The Anlage files of each Vorlage folder (folder name → files), links not followed. */
export async function readAnlagen(
  root: string,
  folders: readonly string[],
): Promise<Map<string, AnlageFile[]>> {
  const result = new Map<string, AnlageFile[]>();
  // all folders at once, entered in their given order
  const read = await Promise.all(
    folders.map(async (folder) => [folder, await filesIn(root, `vorlagen/${folder}`, 1)] as const),
  );
  for (const [folder, files] of read) if (files.length > 0) result.set(folder, files);
  return result;
}
