/**
 * The Anlagen in the output folders: each as <Nummer>-anlage-n.pdf beside its Vorlage's DOCX, in
 * the folder its publicity allows (a non-public Anlage of a public Vorlage only in
 * nichtoeffentlich/), and, for every PDF, whether it is PDF/A-2b and which Anlage prevents it.
 */
import type { ComposedAnlage, ComposedVorlage } from '../compose/compose.js';
import { anlageLabels } from '../render/anlagen/anlageLabels.js';
import type { RenderedVorlage } from '../render/renderVorlage.js';
import type { AnlagePart } from './buildPacket.js';
import type { ManifestEntry } from './manifest.js';

/** The rendered Anlagen of a Vorlage as its packet part takes them. */
export const anlagenOf = (vorlage: ComposedVorlage, r: RenderedVorlage): AnlagePart[] =>
  r.anlagen.map((a) => ({ nummer: a.nummer, pdf: a.part, pages: a.pages, pdfa: a.pdfa }));

/** „Anlage 2 zu SV-9-1601 (anlagen/plan.pdf): sie trägt keine PDF/A-Kennung“ */
export const pdfaHindrance = (vorlage: ComposedVorlage, a: ComposedAnlage): string | null =>
  a.datei?.keinPdfa == null
    ? null
    : `Anlage ${String(a.nummer)} zu ${vorlage.nummer} (${a.datei.name}): ${a.datei.keinPdfa}`;

/** What keeps a file of these Anlagen from PDF/A-2b (empty: nothing). */
export const hindrances = (
  vorlage: ComposedVorlage,
  anlagen: readonly ComposedAnlage[],
): string[] => anlagen.flatMap((a) => pdfaHindrance(vorlage, a) ?? []);

/** The Anlage files of a Vorlage for the public and the non-public folder. */
export function anlageArtifacts(
  vorlage: ComposedVorlage,
  r: RenderedVorlage,
  info: ManifestEntry['vorlage'],
): { oeffentlich: ManifestEntry[]; nichtoeffentlich: ManifestEntry[] } {
  const out = { oeffentlich: [] as ManifestEntry[], nichtoeffentlich: [] as ManifestEntry[] };
  for (const rendered of r.anlagen) {
    const a = vorlage.anlagen.find((x) => x.nummer === rendered.nummer);
    if (a?.datei == null) continue;
    const entry: ManifestEntry = {
      pfad: anlageLabels(vorlage.nummer, a.nummer, a.titel).file,
      bytes: rendered.file,
      art: 'anlage-pdf',
      ...(info ? { vorlage: info } : {}),
      anlage: {
        nummer: a.nummer,
        titel: a.titel,
        quelle: a.datei.name,
        quelleSha256: a.datei.sha256,
      },
      ohnePdfaWegen: hindrances(vorlage, [a]),
    };
    (a.oeffentlich ? out.oeffentlich : out.nichtoeffentlich).push(entry);
  }
  return out;
}
