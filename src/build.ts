import { checkContent } from './check/checkContent.js';
import { composeMeeting, type ComposedMeeting, type ComposedVorlage } from './compose/compose.js';
import { hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { loadContent, type LoadedContent } from './load/loadContent.js';
import type { ContentFiles } from './load/readContent.js';
import { parseHtml } from './model/parseHtml.js';
import type { Document } from './model/types.js';
import { renderDocx } from './render/docx/renderDocx.js';
import { renderPdf } from './render/pdf/renderPdf.js';
import { renderVorlageHtml, type Templates } from './template/loadTemplates.js';
import type { Sitzung } from './types/content.js';

/** A file to be written below out/<meeting>/. */
export interface Artifact {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface MeetingOutput {
  readonly meeting: ComposedMeeting;
  readonly artifacts: readonly Artifact[];
}

export interface CheckResult {
  readonly content: LoadedContent;
  readonly meetings: readonly ComposedMeeting[];
  readonly diagnostics: readonly Diagnostic[];
}

/** load → check → compose. Pure: the files are already read. */
export function checkAndCompose(files: ContentFiles): CheckResult {
  const content = loadContent(files);
  const { valid, diagnostics } = checkContent(content);
  if (hasErrors(diagnostics)) return { content, meetings: [], diagnostics };
  const meetings = content.meetings
    .filter((m) => valid.has(m))
    .map((m) => composeMeeting(content, m.file, m.value as Sitzung));
  return { content, meetings, diagnostics };
}

/** template → model: the document of one Vorlage. */
export function vorlageDocument(
  templates: Templates,
  vorlage: ComposedVorlage,
  linkziele: readonly string[] = [],
): Document {
  const { kopf, koerperschaft, nummer } = vorlage;
  return {
    meta: {
      title: `${nummer} ${kopf.betreff}`,
      author: `${koerperschaft} – ${kopf.federfuehrung}`,
      subject: `${kopf.art} ${nummer}`,
      keywords: [
        koerperschaft,
        ...new Set(kopf.beratungsfolge.map((b) => b.gremium)),
        kopf.art,
        nummer,
      ],
      language: 'de-DE',
      footer: `${koerperschaft} · ${kopf.art} ${nummer}`,
      date: kopf.datum,
    },
    blocks: parseHtml(renderVorlageHtml(templates, vorlage, { linkziele })),
  };
}

export type RenderProgress = (
  meeting: ComposedMeeting,
  vorlage: ComposedVorlage,
  index: number,
  total: number,
) => void;

/** render: the PDF and DOCX of every Vorlage of a meeting, in agenda order. */
export async function renderMeeting(
  templates: Templates,
  meeting: ComposedMeeting,
  progress?: RenderProgress,
): Promise<MeetingOutput> {
  const artifacts: Artifact[] = [];
  for (const [index, vorlage] of meeting.vorlagen.entries()) {
    progress?.(meeting, vorlage, index, meeting.vorlagen.length);
    const doc = vorlageDocument(templates, vorlage);
    const name = vorlage.nummer;
    artifacts.push({ name: `${name}.pdf`, bytes: await renderPdf(doc) });
    artifacts.push({ name: `${name}.docx`, bytes: await renderDocx(doc) });
  }
  return { meeting, artifacts };
}
