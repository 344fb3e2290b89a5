import type { Koerperschaft } from '../check/checkKoerperschaft.js';
import type { ComposedVorlage } from '../compose/compose.js';
import type { Design, Letterhead } from '../model/types.js';
import { formatDate } from '../format/german.js';

type LetterheadBlock = Letterhead['block'];

/** Letterhead and design of a document of the body: name, address, logo and the block at the right. */
export function bodyMeta(
  koerperschaft: Koerperschaft,
  block: LetterheadBlock,
): { readonly letterhead: Letterhead; readonly design?: Design } {
  const letterhead: Letterhead = {
    name: koerperschaft.name,
    anschrift: koerperschaft.anschrift,
    ...(koerperschaft.logo ? { logo: koerperschaft.logo } : {}),
    block,
  };
  return { letterhead, ...(koerperschaft.design ? { design: koerperschaft.design } : {}) };
}

/** The block real Vorlagen carry at the top right: Vorlagenart, number (bold), date, status (bold when nichtöffentlich). */
export function vorlageBlock({ kopf, nummer }: ComposedVorlage): LetterheadBlock {
  return [
    { label: 'Vorlagenart', value: kopf.art },
    {
      label: 'Vorlagen-Nr.',
      value: kopf.version > 1 ? `${nummer} (Version ${String(kopf.version)})` : nummer,
      strong: true,
    },
    { label: 'Datum', value: formatDate(kopf.datum) },
    kopf.oeffentlich
      ? { label: 'Status', value: 'öffentlich' }
      : { label: 'Status', value: 'nichtöffentlich', strong: true },
  ];
}
