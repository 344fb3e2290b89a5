import { fileURLToPath } from 'node:url';
import { checkAndCompose, renderMeeting, type MeetingOutput } from '../../src/build.js';
import { readContent } from '../../src/load/readContent.js';
import { contentTemplates } from '../../src/template/contentTemplates.js';
import { toolVersion } from '../../src/version.js';

export const exampleContentDir = fileURLToPath(new URL('../../content/', import.meta.url));

export const secondContentDir = fileURLToPath(
  new URL('../fixtures/zweite-sitzung/', import.meta.url),
);

/** A Gemeinde with its own Beschlussvorschlag (an own partial) and an own section kind (bauantrag). */
export const gemeindeContentDir = fileURLToPath(new URL('../fixtures/gemeinde/', import.meta.url));

const built = new Map<string, Promise<MeetingOutput[]>>();

/** The example meeting built once in memory per test run (the same stages as `npm start`). */
export function buildExample(): Promise<MeetingOutput[]> {
  return buildContent(exampleContentDir);
}

/** Any content folder, built once per test run. */
export function buildContent(dir: string): Promise<MeetingOutput[]> {
  const cached = built.get(dir);
  if (cached) return cached;
  const promise = (async () => {
    const result = checkAndCompose(await readContent(dir));
    if (result.diagnostics.some((d) => d.severity === 'fehler')) {
      throw new Error(`example content has faults: ${JSON.stringify(result.diagnostics)}`);
    }
    // the built-in templates with the folder's own (content/templates/, content/abschnittsarten/)
    const templates = await contentTemplates(dir);
    return Promise.all(result.meetings.map((m) => renderMeeting(templates, m, { toolVersion })));
  })();
  built.set(dir, promise);
  return promise;
}

/** The first meeting of a content folder, built once per test run. */
export async function firstMeetingOf(dir: string): Promise<MeetingOutput> {
  const [first] = await buildContent(dir);
  if (!first) throw new Error(`no meeting in ${dir}`);
  return first;
}

export async function exampleArtifact(name: string): Promise<Uint8Array> {
  for (const output of await buildExample()) {
    const found = output.artifacts.find((a) => a.name === name || a.name.endsWith(`/${name}`));
    if (found) return found.bytes;
  }
  throw new Error(`no artifact ${name}`);
}

/** Whitespace (including no-break spaces) collapsed to single spaces. */
export const normalizeSpace = (text: string): string =>
  text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
