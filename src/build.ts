export { checkAndCompose, type CheckResult } from './check/checkAndCompose.js';
import type { ComposedMeeting } from './compose/compose.js';
import { renderDocx } from './render/docx/renderDocx.js';
import { renderPdf } from './render/pdf/renderPdf.js';
import { createManifest, type ManifestEntry } from './packet/manifest.js';
import { packetDocument } from './packet/packetDocument.js';
import type { Document } from './model/types.js';
import type { Templates } from './template/loadTemplates.js';
import { vorlageDocument } from './template/vorlageDocument.js';

/** A file to be written below out/<meeting>/. */
export interface Artifact {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface MeetingOutput {
  readonly meeting: ComposedMeeting;
  readonly artifacts: readonly Artifact[];
}

/** What a long build reports: the meeting, what is being rendered, step i of n. */
export type RenderProgress = (
  meeting: ComposedMeeting,
  what: string,
  index: number,
  total: number,
) => void;

/** Every PDF is written as PDF/A-2b: the file a clerk publishes is the file the archive keeps. */
const archival = { pdfa: '2b' } as const;

const publicDir = 'oeffentlich';
const internalDir = 'nichtoeffentlich';

/**
 * render: every Vorlage as PDF and DOCX, the packets, a manifest per folder.
 * out/<meeting>/oeffentlich/ holds only public material (publishable as it is);
 * out/<meeting>/nichtoeffentlich/ the members' packet and the non-public Vorlagen.
 */
export interface RenderOptions {
  readonly toolVersion: string;
  readonly progress?: RenderProgress;
  /** ISO day written into the files instead of the content's dates (SOURCE_DATE_EPOCH) */
  readonly date?: string | undefined;
}

/** A document dated `date` instead of its content date, when one is given. */
export const dated = <T extends { readonly meta: Document['meta'] }>(
  doc: T,
  date: string | undefined,
): T => (date === undefined ? doc : { ...doc, meta: { ...doc.meta, date } });

export async function renderMeeting(
  templates: Templates,
  meeting: ComposedMeeting,
  { toolVersion, progress, date }: RenderOptions,
): Promise<MeetingOutput> {
  const folders = { [publicDir]: [] as ManifestEntry[], [internalDir]: [] as ManifestEntry[] };
  const total = meeting.vorlagen.length + 2;
  for (const [index, vorlage] of meeting.vorlagen.entries()) {
    progress?.(meeting, vorlage.nummer, index, total);
    const doc = dated(vorlageDocument(templates, vorlage), date);
    const folder = vorlage.kopf.oeffentlich ? publicDir : internalDir;
    const info = {
      nummer: vorlage.nummer,
      version: vorlage.kopf.version,
      betreff: vorlage.kopf.betreff,
    };
    folders[folder].push(
      {
        pfad: `${vorlage.nummer}.pdf`,
        bytes: await renderPdf(doc, archival),
        art: 'vorlage-pdf',
        vorlage: info,
      },
      {
        pfad: `${vorlage.nummer}.docx`,
        bytes: await renderDocx(doc),
        art: 'vorlage-docx',
        vorlage: info,
      },
    );
  }
  progress?.(meeting, 'Sitzungsmappe (öffentlich)', total - 2, total);
  folders[publicDir].push({
    pfad: 'sitzungsmappe.pdf',
    bytes: await renderPdf(
      dated(packetDocument(templates, meeting, 'oeffentlich'), date),
      archival,
    ),
    art: 'sitzungsmappe',
  });
  progress?.(meeting, 'Sitzungsmappe für die Mitglieder', total - 1, total);
  folders[internalDir].push({
    pfad: 'sitzungsmappe-mitglieder.pdf',
    bytes: await renderPdf(dated(packetDocument(templates, meeting, 'mitglieder'), date), archival),
    art: 'sitzungsmappe',
  });
  const artifacts: Artifact[] = [];
  for (const [folder, entries] of Object.entries(folders)) {
    const manifest = createManifest(
      meeting,
      folder === publicDir ? 'öffentlich' : 'nichtöffentlich',
      toolVersion,
      entries,
    );
    artifacts.push(...entries.map((e) => ({ name: `${folder}/${e.pfad}`, bytes: e.bytes })));
    artifacts.push({
      name: `${folder}/manifest.json`,
      bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    });
  }
  return { meeting, artifacts };
}
