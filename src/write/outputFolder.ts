import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureFolder } from './ensureFolder.js';
import { folderError, OutputFolderError, outcome } from './folderError.js';
import { recoverFolders } from './replaceFolder.js';

/** Below the output folder: one folder per draft, `entwuerfe/<nummer>/` (see writeDraftOutput). */
export const draftsFolder = 'entwuerfe';

/**
 * Makes sure that `outDir` can take the build's files before anything is rendered: creates it
 * (level by level, so that a path below /proc fails instead of hanging), refuses a file, writes
 * and removes a probe, and repairs what interrupted builds left behind (see recoverFolders).
 * Throws an OutputFolderError with a German message naming `outDir`.
 */
export async function prepareOutputFolder(outDir: string): Promise<void> {
  try {
    await ensureFolder(outDir);
  } catch (error) {
    throw await folderError(outDir, error, 'vorher');
  }
  const info = await stat(outDir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new OutputFolderError(
      `Der Ausgabeordner „${outDir}“ ist ${info?.isFile() ? 'eine Datei, kein' : 'kein'} Ordner.\n${outcome(outDir, 'vorher')}`,
    );
  }
  const probe = join(outDir, `.ratsmappe-probe-${String(process.pid)}`);
  try {
    await mkdir(probe);
    await writeFile(join(probe, 'probe'), 'ratsmappe');
  } catch (error) {
    throw await folderError(outDir, error, 'vorher');
  } finally {
    await rm(probe, { recursive: true, force: true }).catch(() => undefined);
  }
  try {
    await recoverFolders(outDir);
    await recoverFolders(join(outDir, draftsFolder));
  } catch (error) {
    throw await folderError(outDir, error, 'vorher');
  }
}
