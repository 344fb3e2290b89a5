import { join } from 'node:path';
import type { MeetingOutput } from '../build.js';
import type { DraftOutput } from '../draft.js';
import { draftsFolder } from './outputFolder.js';
import { replaceFolder } from './replaceFolder.js';

/**
 * Writes out/<meeting-id>/ so that a failed or interrupted build never leaves a half-written
 * folder and never loses the last good one (see replaceFolder). When the folder already holds
 * exactly the new files, nothing is written (`changed: false`).
 */
export function writeMeetingOutput(
  outDir: string,
  output: MeetingOutput,
): Promise<{ target: string; changed: boolean }> {
  return replaceFolder(outDir, output.meeting.id, output.artifacts);
}

/** Writes a draft's files to out/entwuerfe/<folder>/, the same way. */
export function writeDraftOutput(
  outDir: string,
  output: DraftOutput,
): Promise<{ target: string; changed: boolean }> {
  return replaceFolder(join(outDir, draftsFolder), output.folder, output.artifacts);
}
