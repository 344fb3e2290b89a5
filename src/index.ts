/**
 * ratsmappe as a library (`import { check, build } from 'ratsmappe'`): the same checks and the
 * same files as the command line, as data. Diagnostics carry German messages and hints; their
 * `file` is relative to the content folder.
 */
import type { Artifact } from './write/artifact.js';
import type { ComposedMeeting } from './compose/compose.js';
import { hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { readContent } from './load/readContent.js';
import { toolVersion } from './version.js';

export type { Artifact } from './write/artifact.js';
export type { ComposedMeeting } from './compose/compose.js';
export type { Diagnostic, Position, Severity } from './diagnostics/diagnostic.js';
export { ContentFolderError } from './load/readContent.js';
export { printDiagnostics, type PrintOptions } from './diagnostics/print.js';
export { toolVersion };

export interface CheckReport {
  /** no diagnostic of severity „fehler“ */
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** the meetings as composed from the content (empty when there are errors) */
  readonly meetings: readonly ComposedMeeting[];
  /** content file (relative path) → its text, for code frames (printDiagnostics) */
  readonly texts: ReadonlyMap<string, string>;
}

/** Reads and checks a content folder (koerperschaft.yaml, sitzungen/, vorlagen/). Throws ContentFolderError when the folder cannot be read at all. */
export async function check(contentDir: string): Promise<CheckReport> {
  const { checkAndCompose } = await import('./check/checkAndCompose.js');
  const result = checkAndCompose(await readContent(contentDir));
  return {
    ok: !hasErrors(result.diagnostics),
    diagnostics: result.diagnostics,
    meetings: result.meetings,
    texts: result.content.texts,
  };
}

export interface BuildOptions {
  /** write the files below this folder (as `ratsmappe build --out`); none: only return them */
  readonly out?: string;
  /** render cache folder; false: none (default: none, so a library call writes nothing else) */
  readonly cache?: string | false;
  /** ISO day written into the files instead of the content's dates (reproducible builds) */
  readonly date?: string;
}

export interface BuiltMeeting {
  readonly id: string;
  /** every file of the meeting: `oeffentlich/…` (publishable) and `nichtoeffentlich/…` */
  readonly artifacts: readonly Artifact[];
  /** where it was written (with `out`) and whether anything changed there */
  readonly written?: { readonly folder: string; readonly changed: boolean };
}

export interface BuildReport {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** empty when the content has errors: then nothing is rendered or written */
  readonly meetings: readonly BuiltMeeting[];
}

/** Checks a content folder and renders every meeting: each Vorlage as PDF and DOCX, both packets, the manifests. */
export async function build(contentDir: string, options: BuildOptions = {}): Promise<BuildReport> {
  const checked = await check(contentDir);
  if (!checked.ok) return { ok: false, diagnostics: checked.diagnostics, meetings: [] };
  const [{ renderMeeting }, templating, { writeMeetingOutput }, { createRenderer }, faults] =
    await Promise.all([
      import('./build.js'),
      import('./template/contentTemplates.js'),
      import('./write/writeOutput.js'),
      import('./render/renderer.js'),
      import('./template/templateFaults.js'),
    ]);
  let templates: Awaited<ReturnType<typeof templating.contentTemplates>>;
  try {
    templates = await templating.contentTemplates(contentDir);
    templating.assertTemplatesWork(templates, checked.meetings);
  } catch (error) {
    if (!(error instanceof faults.TemplateFaultsError)) throw error;
    return { ok: false, diagnostics: [...checked.diagnostics, ...error.diagnostics], meetings: [] };
  }
  const renderer = await createRenderer();
  const meetings: BuiltMeeting[] = [];
  try {
    for (const meeting of checked.meetings) {
      const output = await renderMeeting(templates, meeting, {
        toolVersion,
        date: options.date,
        cacheDir: options.cache === false ? undefined : options.cache,
        renderer,
      });
      const written =
        options.out === undefined
          ? undefined
          : await writeMeetingOutput(options.out, output).then(({ target, changed }) => ({
              folder: target,
              changed,
            }));
      meetings.push({
        id: meeting.id,
        artifacts: output.artifacts,
        ...(written === undefined ? {} : { written }),
      });
    }
  } finally {
    await renderer.close();
  }
  return { ok: true, diagnostics: checked.diagnostics, meetings };
}
