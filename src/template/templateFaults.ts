import type { ImageFile } from '../model/types.js';
import type { ComposedMeeting, ComposedVorlage } from '../compose/compose.js';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { HtmlSubsetError, parseHtml } from '../model/parseHtml.js';
import { packetPlan } from '../packet/packetDocument.js';
import { compileTemplates, type Templates } from './compileTemplates.js';
import { renderVorlageHtml } from './loadTemplates.js';
import { markBefore, markTemplate, type Mark } from './markTemplates.js';
import { germanDetail } from './faultDetail.js';
import { TemplateRuntimeError } from './templateError.js';

/** the templates' HTML is checked, not the pictures (check/checkImages.ts checks those) */
const anyPicture = (): ImageFile => ({
  format: 'png',
  bytes: new Uint8Array(),
  width: 1,
  height: 1,
});

/** Thrown by a build whose templates fail on the content: the faults as diagnostics. */
export class TemplateFaultsError extends Error {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    /** the templates' texts, for code frames */
    readonly texts: () => ReadonlyMap<string, string> = () => new Map(),
  ) {
    super(diagnostics.map((d) => `${d.file}:${String(d.line)}: ${d.message}`).join('\n'));
  }
}

interface Job {
  /** „der Vorlage SV-9-1601“, „der Sitzungsmappe 2020-02-04-…“ */
  readonly what: string;
  /** content files that fed it */
  readonly where: string;
  /** the template to name when the fault cannot be placed */
  readonly file: string;
  /** template → HTML (called with the marked copy too) */
  readonly html: (templates: Templates) => string[];
}

/** Runs one job; its fault as a diagnostic at the template line that caused it. */
function run(
  templates: Templates,
  job: Job,
  marked: () => { templates: Templates; marks: Mark[] },
) {
  const params = { what: job.what, where: job.where };
  try {
    for (const html of job.html(templates)) parseHtml(html, anyPicture);
    return null;
  } catch (error) {
    if (error instanceof TemplateRuntimeError) {
      const at = { line: error.line ?? 1, column: error.column ?? 1 };
      return diagnose('RM907', error.file ?? job.file, at, {
        ...params,
        detail: germanDetail(error.message),
      });
    }
    if (!(error instanceof HtmlSubsetError)) throw error;
    const detail = germanDetail(error.message);
    const copy = marked();
    let place: Mark | undefined;
    try {
      for (const html of job.html(copy.templates)) {
        try {
          parseHtml(html, anyPicture, true);
        } catch (located) {
          if (located instanceof HtmlSubsetError && located.offset !== undefined)
            place = markBefore(html, located.offset, copy.marks);
          break;
        }
      }
    } catch {
      // the packet's pages are parsed inside packetPlan: their fault stays at the template
    }
    return diagnose(
      'RM908',
      place?.file ?? job.file,
      { line: place?.line ?? 1, column: place?.column ?? 1 },
      { ...params, detail },
    );
  }
}

const vorlageJob = (v: ComposedVorlage, linkziele: readonly string[]): Job => ({
  what: `der Vorlage ${v.nummer}`,
  file: 'templates/vorlage.hbs',
  where: `in vorlagen/${v.nummer.replace(/[/ ]/g, '-')}/`,
  html: (t) => [renderVorlageHtml(t, v, { linkziele })],
});

/**
 * Renders every Vorlage and both packets' own pages to HTML and parses them, as build does,
 * without laying anything out: each template fault becomes a diagnostic (RM907 Handlebars
 * failed, RM908 HTML outside the subset) at the template line that caused it, and for which
 * Vorlage. Build runs this before it writes anything when the content folder has own templates.
 */
export function templateFaults(
  templates: Templates,
  meetings: readonly ComposedMeeting[],
  drafts: readonly ComposedVorlage[] = [],
): Diagnostic[] {
  let copy: { templates: Templates; marks: Mark[] } | undefined;
  const marked = () => {
    if (!copy) {
      const marks: Mark[] = [];
      copy = {
        templates: compileTemplates(templates.sources, (s) => markTemplate(s, marks)),
        marks,
      };
    }
    return copy;
  };
  const jobs: Job[] = [
    ...meetings.flatMap((meeting) => {
      const linkziele = meeting.vorlagen.map((v) => v.nummer);
      return [
        ...meeting.vorlagen.map((v) => vorlageJob(v, linkziele)),
        ...(['oeffentlich', 'mitglieder'] as const).map((fassung) => ({
          what: `der Sitzungsmappe ${meeting.id}`,
          where: 'in sitzungen/',
          file: 'templates/sitzungsmappe/einladung.hbs',
          html: (t: Templates) => {
            packetPlan(t, meeting, fassung);
            return [];
          },
        })),
      ];
    }),
    ...drafts.map((v) => vorlageJob(v, [])),
  ];
  const seen = new Set<string>();
  return jobs
    .map((job) => run(templates, job, marked))
    .filter((d): d is Diagnostic => d !== null)
    .filter((d) => {
      // one fault of a template is reported once, at its first Vorlage
      const key = `${d.code}:${d.file}:${String(d.line)}:${String(d.column)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
