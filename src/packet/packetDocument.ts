import {
  flattenTops,
  type ComposedMeeting,
  type ComposedTop,
  type ComposedVorlage,
} from '../compose/compose.js';
import { formatDate, formatWahlperiode } from '../format/german.js';
import { parseHtml } from '../model/parseHtml.js';
import type { DocumentMeta } from '../model/types.js';
import { bodyMeta } from '../template/letterhead.js';
import type { Templates } from '../template/loadTemplates.js';
import { anlageLabels } from '../render/anlagen/anlageLabels.js';
import {
  withoutLetterhead,
  type PacketAnlage,
  type PacketPlan,
  type PacketTop,
} from './packetPlan.js';

/** The public packet, or the members' packet with the non-public part. */
export type Fassung = 'oeffentlich' | 'mitglieder';

interface Row {
  readonly nummer: string;
  readonly titel: string;
  readonly vorlage: string | null;
  /** destination of the TOP in this packet, null when its Vorlage is not in it */
  readonly ziel: string | null;
  /** the Anlagen in this packet, each a row below its TOP with its page */
  readonly anlagen: readonly { readonly titel: string; readonly ziel: string }[];
}

/** A Vorlage belongs in a packet: the members get all, the public only what is public twice. */
export const inPacket = (
  top: ComposedTop,
  fassung: Fassung,
): top is ComposedTop & { vorlage: ComposedVorlage } =>
  top.vorlage !== null &&
  (fassung === 'mitglieder' || (top.oeffentlich && top.vorlage.kopf.oeffentlich));

export const targetOf = (top: ComposedTop): string => `top-${top.nummer}`;

/** The Anlagen of a Vorlage that a packet holds: the public packet only the public ones. */
export const anlagenInPacket = (vorlage: ComposedVorlage, fassung: Fassung): PacketAnlage[] =>
  vorlage.anlagen
    .filter((a) => a.datei !== null && (fassung === 'mitglieder' || a.oeffentlich))
    .map((a) => ({
      nummer: a.nummer,
      titel: a.titel,
      dest: anlageLabels(vorlage.nummer, a.nummer, a.titel).dest,
    }));

/** The Sitzungsmappe's plan: cover with Tagesordnung, then every Vorlage in agenda order. */
export function packetPlan(
  templates: Templates,
  meeting: ComposedMeeting,
  fassung: Fassung,
): PacketPlan {
  const { sitzung } = meeting;
  const tops = flattenTops(meeting.tagesordnung);
  const included = tops.filter((t) => inPacket(t, fassung));
  const row = (top: ComposedTop): Row => ({
    nummer: top.nummer,
    titel: top.titel,
    vorlage: top.vorlage?.nummer ?? null,
    ziel: inPacket(top, fassung) ? targetOf(top) : null,
    anlagen: inPacket(top, fassung)
      ? anlagenInPacket(top.vorlage, fassung).map((a) => ({
          titel: `Anlage ${String(a.nummer)}: ${a.titel}`,
          ziel: a.dest,
        }))
      : [],
  });
  const mitglieder = fassung === 'mitglieder';
  const datum = formatDate(sitzung.datum);
  const meta: DocumentMeta = {
    title: `Sitzungsmappe ${sitzung.gremium} ${datum}${mitglieder ? ' (Fassung für die Mitglieder)' : ''}`,
    author: sitzung.koerperschaft,
    subject: `Sitzung des Gremiums ${sitzung.gremium} am ${datum}`,
    keywords: [
      sitzung.koerperschaft,
      sitzung.gremium,
      'Sitzungsmappe',
      ...included.map((t) => t.vorlage.nummer),
    ],
    language: 'de-DE',
    footer: `${sitzung.koerperschaft} · ${sitzung.gremium} · Sitzung am ${datum}${mitglieder ? ' · vertraulich' : ''}`,
    date: sitzung.datum,
    outlineDepth: 3,
  };
  // the letterhead on the cover only (the separator page keeps the design)
  const { letterhead, design } = bodyMeta(meeting.koerperschaft, [
    { label: 'Gremium', value: sitzung.gremium },
    { label: 'Sitzung', value: datum },
    { label: 'Beginn', value: `${sitzung.beginn} Uhr` },
    {
      label: 'Wahlperiode',
      value: formatWahlperiode(sitzung.wahlperiode).replace(/ ?Wahlperiode ?/, ''),
    },
    { label: 'Fassung', value: mitglieder ? 'für die Mitglieder (vertraulich)' : 'öffentlich' },
  ]);
  const coverMeta: DocumentMeta = { ...meta, letterhead, ...(design ? { design } : {}) };
  const einladung = parseHtml(
    templates.mappe.einladung({
      einstellungen: meeting.koerperschaft,
      sitzung,
      mitglieder,
      oeffentlich: tops.filter((t) => t.oeffentlich).map(row),
      nichtoeffentlich: tops.filter((t) => !t.oeffentlich).map(row),
    }),
  );
  const packetTop = (top: ComposedTop & { vorlage: ComposedVorlage }): PacketTop => {
    const label = `TOP ${top.nummer}${top.oeffentlich ? '' : ' (nichtöffentlich)'}`;
    return {
      nummer: top.vorlage.nummer,
      dest: targetOf(top),
      title: `${label}: ${top.titel}`,
      running: `${label} · ${top.vorlage.nummer} · ${top.titel}`,
      anlagen: anlagenInPacket(top.vorlage, fassung),
    };
  };
  const internalTops = included.filter((t) => !t.oeffentlich).map(packetTop);
  return {
    meta: coverMeta,
    cover: einladung,
    separator:
      internalTops.length > 0
        ? {
            meta: withoutLetterhead(coverMeta),
            blocks: parseHtml(templates.mappe.nichtoeffentlich({})),
          }
        : null,
    publicTops: included.filter((t) => t.oeffentlich).map(packetTop),
    internalTops,
  };
}
