/**
 * What a Sitzungsmappe holds (its plan, made by packetDocument.ts in the main thread) and the
 * little the render threads need of it. Kept apart from packetDocument.ts, which needs the
 * composed meeting: a render thread that imported it would load the whole check stack (yaml,
 * the schemas) for nothing.
 */
import { mapInlines } from '../model/unlink.js';
import type { Block, Document, DocumentMeta, Inline } from '../model/types.js';

/** A Vorlage in the packet: its TOP, the destination and the TOP lines above its pages. */
export interface PacketTop {
  readonly nummer: string;
  readonly dest: string;
  /** "TOP 2: Bericht der Verwaltung …", "TOP 6 (nichtöffentlich): …" */
  readonly title: string;
  /** "TOP 2 · V/2024/0815 · Bericht der Verwaltung …" on the following pages */
  readonly running: string;
  /** the Anlagen with a file that this packet holds, after the Vorlage's pages */
  readonly anlagen: readonly PacketAnlage[];
}

export interface PacketAnlage {
  readonly nummer: number;
  readonly titel: string;
  /** destination of its first page */
  readonly dest: string;
}

/** What a packet holds, in order: cover, the public TOPs, separator, the non-public TOPs. */
export interface PacketPlan {
  readonly meta: DocumentMeta;
  /** the cover with the Tagesordnung; its page references are resolved by resolvePages */
  readonly cover: readonly Block[];
  /** the page before the non-public part (members' packet only) */
  readonly separator: Document | null;
  readonly publicTops: readonly PacketTop[];
  readonly internalTops: readonly PacketTop[];
  /** the cover's expected page count (see coverPages in buildPacket.ts); default 1 */
  readonly coverPages?: number;
}

/** A page of the packet after its cover: the design, no letterhead. */
export function withoutLetterhead(meta: DocumentMeta): DocumentMeta {
  const copy: { -readonly [K in keyof DocumentMeta]?: DocumentMeta[K] } = { ...meta };
  delete copy.letterhead;
  return copy as DocumentMeta;
}

/** The Tagesordnung's page column: each page reference becomes the number, linked to the TOP. */
export function resolvePages(
  blocks: readonly Block[],
  pageOf: (dest: string) => number | undefined,
): Block[] {
  const inlines = (list: readonly Inline[]): Inline[] =>
    list.map((i): Inline => {
      if (i.type === 'pageref') {
        const page = pageOf(i.target);
        return page === undefined
          ? { type: 'text', text: '' }
          : {
              type: 'link',
              href: `#${i.target}`,
              children: [{ type: 'text', text: String(page) }],
            };
      }
      if (i.type === 'strong' || i.type === 'emphasis' || i.type === 'link') {
        return { ...i, children: inlines(i.children) };
      }
      return i;
    });
  return mapInlines(blocks, inlines);
}
