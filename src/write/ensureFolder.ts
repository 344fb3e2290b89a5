import { mkdir } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/**
 * mkdir -p, one level at a time: node's recursive mkdir never returns for some paths (e.g.
 * below /proc on Node 20), which must not hang a build. A level that exists as a file makes
 * the next level fail with ENOTDIR.
 */
export async function ensureFolder(dir: string): Promise<void> {
  const parts = resolve(dir).split(sep);
  for (let i = 2; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join(sep);
    try {
      await mkdir(prefix);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
