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

/** The block real Vorlagen carry at the top right: Vorlagenart, number, date, status. */
export function vorlageBlock({ kopf, nummer }: ComposedVorlage): LetterheadBlock {
  return [
    { label: 'Vorlagenart', value: kopf.art },
    {
      label: 'Vorlagen-Nr.',
      value: kopf.version > 1 ? `${nummer} (Version ${String(kopf.version)})` : nummer,
    },
    { label: 'Datum', value: formatDate(kopf.datum) },
    { label: 'Status', value: kopf.oeffentlich ? 'öffentlich' : 'nichtöffentlich' },
  ];
}
