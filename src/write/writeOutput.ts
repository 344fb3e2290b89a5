import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { MeetingOutput } from '../build.js';

/** Whether out/<meeting>/ already holds exactly these files with exactly these bytes. */
async function holdsExactly(target: string, output: MeetingOutput): Promise<boolean> {
  let present: string[];
  try {
    present = (await readdir(target, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => relative(target, join(e.parentPath, e.name)).split(sep).join('/'));
  } catch {
    return false;
  }
  if (present.length !== output.artifacts.length) return false;
  const wanted = new Set(output.artifacts.map((a) => a.name));
  if (present.some((name) => !wanted.has(name))) return false;
  for (const artifact of output.artifacts) {
    const bytes = await readFile(join(target, ...artifact.name.split('/'))).catch(() => null);
    if (!bytes?.equals(artifact.bytes)) return false;
  }
  return true;
}

/**
 * Writes out/<meeting-id>/ so that a failed or interrupted build never leaves a half-written
 * folder: everything goes to a temporary sibling folder first, which then replaces the old one
 * by rename. Until that rename the previous output stays untouched. When the folder already
 * holds exactly the new files, nothing is written (`changed: false`).
 */
export async function writeMeetingOutput(
  outDir: string,
  output: MeetingOutput,
): Promise<{ target: string; changed: boolean }> {
  const target = join(outDir, output.meeting.id);
  if (await holdsExactly(target, output)) return { target, changed: false };
  const stamp = `${String(process.pid)}-${String(Date.now())}`;
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
  return { target, changed: true };
}
