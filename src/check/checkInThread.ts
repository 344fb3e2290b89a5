import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ComposedMeeting } from '../compose/compose.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ContentFolderError } from '../load/readContent.js';

export type CheckedInThread =
  | {
      readonly meetings: ComposedMeeting[];
      readonly diagnostics: Diagnostic[];
      readonly texts: [string, string][];
      readonly error?: undefined;
    }
  | { readonly error: { readonly folder: boolean; readonly message: string } };

/** Folders of more Vorlagen than this are checked in a thread of their own. */
const LARGE = 150;

/**
 * Whether a content folder is large enough for the check to run in a thread of its own (the
 * thread costs its start; it pays off where the parsed sources take hundreds of MB).
 */
export async function largeContent(contentDir: string): Promise<boolean> {
  const entries = await readdir(join(contentDir, 'vorlagen')).catch(() => []);
  return entries.length > LARGE;
}

/** Reads and checks a content folder in a thread of its own (see checkWorker.ts). */
export function checkInThread(contentDir: string): Promise<{
  meetings: ComposedMeeting[];
  diagnostics: Diagnostic[];
  texts: ReadonlyMap<string, string>;
}> {
  const source = import.meta.url.endsWith('.ts');
  const entry = new URL(`./checkWorker.${source ? 'ts' : 'js'}`, import.meta.url);
  // under tsx (development, tests) the TypeScript source is imported once tsx is registered
  const worker = source
    ? new Worker(new URL('../../scripts/tsThread.mjs', import.meta.url), {
        workerData: { entry: fileURLToPath(entry), data: contentDir },
        execArgv: ['--import', 'tsx'],
      })
    : new Worker(entry, { workerData: contentDir });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: CheckedInThread) => {
      void worker.terminate();
      if (message.error !== undefined) {
        const { folder, message: text } = message.error;
        reject(folder ? new ContentFolderError(text) : new Error(text));
        return;
      }
      resolve({ ...message, texts: new Map(message.texts) });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`check thread ended with ${String(code)}`));
    });
  });
}
