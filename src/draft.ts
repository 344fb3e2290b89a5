/**
 * Drafts: one Vorlage checked and rendered on its own (`--vorlage <nummer>`), also one that is
 * on no agenda yet, so that a clerk can see it before it goes into a meeting. Its PDF and DOCX
 * go to <out>/entwuerfe/<nummer>/ (no packets, no manifest); they are for reading, not for
 * publication.
 */
import { fromEntry, toEntry, vorlageCacheKey, dated, type Artifact } from './build.js';
import { RenderCache } from './cache/renderCache.js';
import { chartCacheRef } from './render/chart/chartStore.js';
import { toolFingerprint } from './cache/toolFingerprint.js';
import { checkVorlage } from './check/checkVorlage.js';
import type { ComposedVorlage } from './compose/compose.js';
import { hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { readContent } from './load/readContent.js';
import { localRenderer, type Renderer } from './render/renderer.js';
import { anlageInputs } from './render/anlagen/anlageInputs.js';
import { assertTemplatesWork, contentTemplates } from './template/contentTemplates.js';
import type { Templates } from './template/loadTemplates.js';
import { TemplateFaultsError } from './template/templateFaults.js';
import { vorlageDocument } from './template/vorlageDocument.js';
import { prepareOutputFolder } from './write/outputFolder.js';
import { writeDraftOutput } from './write/writeOutput.js';

export interface DraftOutput {
  readonly vorlage: ComposedVorlage;
  /** the Vorlage's folder name, which names the draft's folder and files */
  readonly folder: string;
  /** `<folder>.pdf` and `<folder>.docx` */
  readonly artifacts: readonly Artifact[];
  /** false: taken from the render cache */
  readonly rendered: boolean;
}

export interface DraftOptions {
  readonly toolVersion: string;
  /** ISO day written into the files instead of the Vorlage's date (SOURCE_DATE_EPOCH) */
  readonly date?: string | undefined;
  /** folder of the render cache; none: always rendered */
  readonly cacheDir?: string | undefined;
  /** render here; default: in this thread */
  readonly renderer?: Renderer | undefined;
}

/** render: the Vorlage's own PDF and DOCX. Numbers of other Vorlagen stay plain text. */
export async function renderDraft(
  templates: Templates,
  vorlage: ComposedVorlage,
  folder: string,
  { toolVersion, date, cacheDir, renderer = localRenderer() }: DraftOptions,
): Promise<DraftOutput> {
  const cache = cacheDir === undefined ? undefined : new RenderCache(cacheDir);
  const tool = cache === undefined ? '' : await toolFingerprint();
  const key = vorlageCacheKey(tool, toolVersion, templates, date, [], vorlage);
  const entry = await cache?.get(key);
  const hit = entry === undefined ? undefined : fromEntry(entry);
  const result =
    hit ??
    (await renderer.vorlage(
      dated(vorlageDocument(templates, vorlage), date),
      anlageInputs(vorlage),
      true,
      cacheDir === undefined ? undefined : chartCacheRef(cacheDir, tool, toolVersion),
    ));
  if (hit === undefined) await cache?.put(key, toEntry(result));
  return {
    vorlage,
    folder,
    artifacts: [
      { name: `${folder}.pdf`, bytes: result.pdf },
      { name: `${folder}.docx`, bytes: result.docx },
      // a draft is for its author: every Anlage beside it
      ...result.anlagen.map((a) => ({
        name: `${folder}-anlage-${String(a.nummer)}.pdf`,
        bytes: a.file,
      })),
    ],
    rendered: hit === undefined,
  };
}

export interface DraftBuild {
  /** the diagnostics of the Vorlage's own files */
  readonly diagnostics: readonly Diagnostic[];
  /** the source texts, for code frames */
  readonly texts: ReadonlyMap<string, string>;
  /** null while the Vorlage has errors: nothing was written */
  readonly written: {
    /** <out>/entwuerfe/<folder> */
    readonly target: string;
    /** false: the folder already held exactly these files */
    readonly changed: boolean;
    /** the file names inside target */
    readonly files: readonly string[];
  } | null;
}

/**
 * read → check → render → write for one Vorlage: `build --vorlage <nummer>`. The output folder
 * is checked (prepareOutputFolder) before anything is rendered. Throws an UnknownVorlageError
 * for an unknown number, an OutputFolderError for an unusable output folder and a
 * ContentFolderError for a missing content folder.
 */
export async function buildDraft(
  contentDir: string,
  outDir: string,
  nummer: string,
  options: DraftOptions,
): Promise<DraftBuild> {
  const checked = checkVorlage(await readContent(contentDir), nummer);
  const { diagnostics, content } = checked;
  if (checked.vorlage === null || hasErrors(diagnostics))
    return { diagnostics, texts: content.texts, written: null };
  let templates: Templates;
  try {
    templates = await contentTemplates(contentDir);
    assertTemplatesWork(templates, [], [checked.vorlage]);
  } catch (error) {
    if (!(error instanceof TemplateFaultsError)) throw error;
    const texts = new Map([...content.texts, ...error.texts()]);
    return { diagnostics: [...diagnostics, ...error.diagnostics], texts, written: null };
  }
  await prepareOutputFolder(outDir);
  const output = await renderDraft(templates, checked.vorlage, checked.folder, options);
  const { target, changed } = await writeDraftOutput(outDir, output);
  return {
    diagnostics,
    texts: content.texts,
    written: { target, changed, files: output.artifacts.map((a) => a.name) },
  };
}
