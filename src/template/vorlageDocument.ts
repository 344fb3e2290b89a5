import type { ComposedVorlage } from '../compose/compose.js';
import { parseHtml } from '../model/parseHtml.js';
import type { Document } from '../model/types.js';
import { bodyMeta, vorlageBlock } from './letterhead.js';
import { renderVorlageHtml, type Templates } from './loadTemplates.js';

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
      ...bodyMeta(vorlage.einstellungen, vorlageBlock(vorlage)),
    },
    blocks: parseHtml(
      renderVorlageHtml(templates, vorlage, { linkziele }),
      (src) => vorlage.bilder?.[src],
    ),
  };
}
