/**
 * The sample document as a body with its own design would have it: a letterhead (SVG or PNG
 * logo), an accent colour and its own font (Liberation Serif, test/fixtures/fonts, SIL OFL).
 */
import { readFileSync } from 'node:fs';
import type { Block, Document, DocumentMeta, Letterhead } from '../../src/model/types.js';
import { sampleDocument } from './sampleDocument.js';

const fixture = (path: string): Buffer =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url));

export const ACCENT = '#1F5F8B';
export const FONT_NAME = 'Liberation Serif';

export const svgLogo: NonNullable<Letterhead['logo']> = {
  type: 'svg',
  svg: fixture('logos/wappen.svg').toString('utf8'),
};
/** RGBA: its alpha is composited onto white in the PDF */
export const pngLogo: NonNullable<Letterhead['logo']> = {
  type: 'png',
  bytes: new Uint8Array(fixture('logos/wappen.png')),
};

export const letterhead: Letterhead = {
  name: 'Stadt Musterhausen',
  anschrift: ['Der Bürgermeister', 'Rathausplatz 1', '12345 Musterhausen'],
  logo: svgLogo,
  block: [
    { label: 'Vorlagenart', value: 'Beschlussvorlage' },
    { label: 'Vorlagen-Nr.', value: 'V/2024/0815' },
    { label: 'Datum', value: '22.01.2020' },
    { label: 'Status', value: 'öffentlich' },
  ],
};

export const design: NonNullable<DocumentMeta['design']> = {
  accent: ACCENT,
  font: {
    name: FONT_NAME,
    normal: {
      bytes: new Uint8Array(fixture('fonts/LiberationSerif-Regular.ttf')),
      file: 'Regular.ttf',
    },
    bold: { bytes: new Uint8Array(fixture('fonts/LiberationSerif-Bold.ttf')), file: 'Bold.ttf' },
  },
};

/** the sample's blocks without its own header table (the letterhead carries it) */
const blocks: readonly Block[] = sampleDocument.blocks.slice(1);

/** The sample document with letterhead, accent colour and own font; `logo` picks the logo (null: none). */
export function designedDocument(logo: Letterhead['logo'] | null = svgLogo): Document {
  const head: Letterhead =
    logo === null
      ? { name: letterhead.name, anschrift: letterhead.anschrift, block: letterhead.block }
      : { ...letterhead, logo };
  return {
    meta: {
      ...sampleDocument.meta,
      footer: 'Stadt Musterhausen · V/2024/0815',
      letterhead: head,
      design,
    },
    blocks,
  };
}
