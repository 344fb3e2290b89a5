import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MeetingOutput } from '../build.js';

/**
 * Writes out/<meeting-id>/ so that a failed or interrupted build never leaves a half-written
 * folder: everything goes to a temporary sibling folder first, which then replaces the old one
 * by rename. Until that rename the previous output stays untouched.
 */
export async function writeMeetingOutput(outDir: string, output: MeetingOutput): Promise<string> {
  const target = join(outDir, output.meeting.id);
  const stamp = `${process.pid}-${Date.now()}`;
  const temporary = join(outDir, `.${output.meeting.id}.neu-${stamp}`);
  const previous = join(outDir, `.${output.meeting.id}.alt-${stamp}`);
  await mkdir(temporary, { recursive: true });
  try {
    for (const artifact of output.artifacts) {
      const path = join(temporary, ...artifact.name.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, artifact.bytes);
    }
    const hadPrevious = await rename(target, previous).then(
      () => true,
      () => false,
    );
    try {
      await rename(temporary, target);
    } catch (error) {
      if (hadPrevious) await rename(previous, target);
      throw error;
    }
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
  return target;
}
