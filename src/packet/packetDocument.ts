import { vorlageDocument } from '../template/vorlageDocument.js';
import type { ComposedMeeting, ComposedTop, ComposedVorlage } from '../compose/compose.js';
import { formatDate } from '../format/german.js';
import { parseHtml } from '../model/parseHtml.js';
import type { Block, Document, HeadingLevel } from '../model/types.js';
import type { Templates } from '../template/loadTemplates.js';

/** The public packet, or the members' packet with the non-public part. */
export type Fassung = 'oeffentlich' | 'mitglieder';

interface Row {
  readonly nummer: string;
  readonly titel: string;
  readonly vorlage: string | null;
  /** heading id of the TOP in this packet, null when its Vorlage is not in it */
  readonly ziel: string | null;
}

const flatten = (tops: readonly ComposedTop[]): ComposedTop[] =>
  tops.flatMap((t) => [t, ...flatten(t.unterpunkte)]);

/** A Vorlage belongs in a packet: the members get all, the public only what is public twice. */
export const inPacket = (
  top: ComposedTop,
  fassung: Fassung,
): top is ComposedTop & { vorlage: ComposedVorlage } =>
  top.vorlage !== null &&
  (fassung === 'mitglieder' || (top.oeffentlich && top.vorlage.kopf.oeffentlich));

/** Headings one level down, so that the TOP heading is above the Vorlage in the bookmarks. */
function demote(blocks: readonly Block[]): Block[] {
  return blocks.map((b): Block => {
    switch (b.type) {
      case 'heading':
        return { ...b, level: Math.min(5, b.level + 1) as HeadingLevel };
      case 'quote':
      case 'box':
        return { ...b, children: demote(b.children) };
      case 'list':
        return { ...b, items: b.items.map(demote) };
      default:
        return b;
    }
  });
}

const targetOf = (top: ComposedTop): string => `top-${top.nummer}`;

/** The Sitzungsmappe as one document: cover with Tagesordnung, then every Vorlage in agenda order. */
export function packetDocument(
  templates: Templates,
  meeting: ComposedMeeting,
  fassung: Fassung,
): Document {
  const { sitzung } = meeting;
  const tops = flatten(meeting.tagesordnung);
  const included = tops.filter((t) => inPacket(t, fassung));
  const row = (top: ComposedTop): Row => ({
    nummer: top.nummer,
    titel: top.titel,
    vorlage: top.vorlage?.nummer ?? null,
    ziel: inPacket(top, fassung) ? targetOf(top) : null,
  });
  const mitglieder = fassung === 'mitglieder';
  const blocks: Block[] = parseHtml(
    templates.mappe.einladung({
      sitzung,
      mitglieder,
      oeffentlich: tops.filter((t) => t.oeffentlich).map(row),
      nichtoeffentlich: tops.filter((t) => !t.oeffentlich).map(row),
    }),
  );
  // links between Vorlagen only where the target is in this very packet
  const linkziele = included.map((t) => t.vorlage.nummer);
  const ordered = [
    ...included.filter((t) => t.oeffentlich),
    ...included.filter((t) => !t.oeffentlich),
  ];
  let separated = false;
  for (const top of ordered) {
    if (!top.oeffentlich && !separated) {
      blocks.push(...parseHtml(templates.mappe.nichtoeffentlich({})));
      separated = true;
    }
    blocks.push(
      ...parseHtml(
        templates.mappe.teil({ top, ziel: targetOf(top), oeffentlich: top.oeffentlich }),
      ),
    );
    blocks.push(...demote(vorlageDocument(templates, top.vorlage, linkziele).blocks));
  }
  const datum = formatDate(sitzung.datum);
  return {
    meta: {
      title: `Sitzungsmappe ${sitzung.gremium} ${datum}${mitglieder ? ' (Fassung für die Mitglieder)' : ''}`,
      author: sitzung.koerperschaft,
      subject: `Sitzung des Gremiums ${sitzung.gremium} am ${datum}`,
      keywords: [sitzung.koerperschaft, sitzung.gremium, 'Sitzungsmappe', ...linkziele],
      language: 'de-DE',
      footer: `${sitzung.koerperschaft} · ${sitzung.gremium} · Sitzung am ${datum}${mitglieder ? ' · vertraulich' : ''}`,
      date: sitzung.datum,
      outlineDepth: 4,
    },
    blocks,
  };
}
