import { fileURLToPath } from 'node:url';
import { checkAndCompose, renderMeeting, type MeetingOutput } from '../../src/build.js';
import { readContent } from '../../src/load/readContent.js';
import { loadTemplates } from '../../src/template/loadTemplates.js';

export const exampleContentDir = fileURLToPath(new URL('../../content/', import.meta.url));

let built: Promise<MeetingOutput[]> | undefined;

/** The example meeting built once in memory per test run (the same stages as `npm start`). */
export function buildExample(): Promise<MeetingOutput[]> {
  built ??= (async () => {
    const result = checkAndCompose(await readContent(exampleContentDir));
    if (result.diagnostics.some((d) => d.severity === 'fehler')) {
      throw new Error(`example content has faults: ${JSON.stringify(result.diagnostics)}`);
    }
    const templates = await loadTemplates();
    return Promise.all(result.meetings.map((m) => renderMeeting(templates, m)));
  })();
  return built;
}

export async function exampleArtifact(name: string): Promise<Uint8Array> {
  for (const output of await buildExample()) {
    const found = output.artifacts.find((a) => a.name === name);
    if (found) return found.bytes;
  }
  throw new Error(`no artifact ${name}`);
}

/** Whitespace (including no-break spaces) collapsed to single spaces. */
export const normalizeSpace = (text: string): string =>
  text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
