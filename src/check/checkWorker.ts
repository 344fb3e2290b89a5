/**
 * `build` checks in a thread of its own: the parsed sources of a large meeting (yaml
 * documents of some thousand files) take a few hundred MB, which go back to the system when
 * the thread ends; the build keeps only the composed meetings. Runs readContent and
 * checkAndCompose exactly as `check` does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ContentFolderError, readContent } from '../load/readContent.js';
import { checkAndCompose } from './checkAndCompose.js';
import type { CheckedInThread } from './checkInThread.js';

const post = (message: CheckedInThread): void => parentPort?.postMessage(message);

async function checkThread(): Promise<void> {
  try {
    // from dist: the folder; from the sources: { entry, data } (scripts/tsThread.mjs)
    const dir = typeof workerData === 'string' ? workerData : (workerData as { data: string }).data;
    const result = checkAndCompose(await readContent(dir));
    post({
      meetings: [...result.meetings],
      diagnostics: [...result.diagnostics],
      // the source texts are needed only for the code frames of diagnostics
      texts: result.diagnostics.length > 0 ? [...result.content.texts] : [],
    });
  } catch (error) {
    post({
      error: {
        folder: error instanceof ContentFolderError,
        message: error instanceof Error ? error.message : String(error),
      },
    });
  }
}

void checkThread();
