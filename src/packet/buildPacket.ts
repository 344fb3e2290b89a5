/**
 * A Sitzungsmappe from its plan and the rendered Vorlagen: renders the cover (its Tagesordnung
 * needs the page numbers, which need the cover's length: laid out again until the page count
 * holds, at most a few small passes) and the separator, then assembles all parts.
 */
import type { Document } from '../model/types.js';
import type { OutlineEntry } from '../render/pdf/pdfBlocks.js';
import { importOwn } from '../render/importOwn.js';
import { anlagePart } from '../render/anlagen/renderAnlagen.js';
import { assemblePacket, type PacketPart } from './assemblePacket.js';
import { resolvePages, withoutLetterhead, type PacketPlan, type PacketTop } from './packetPlan.js';
import { PacketRenders, type PacketRender } from './packetRenders.js';

/** A rendered Anlage as the packet takes it: its prepared pages (prepareAnlage.ts). */
export interface AnlagePart {
  readonly nummer: number;
  readonly pdf: Uint8Array;
  readonly pages: number;
  readonly pdfa: boolean;
}

/** A rendered Vorlage as the packet takes it. */
export interface VorlagePart {
  readonly pdf: Uint8Array;
  readonly pages: number;
  readonly outline: readonly OutlineEntry[];
  /** its Anlagen with a file; the packet takes those its plan names */
  readonly anlagen: readonly AnlagePart[];
}

/**
 * The PDF layout (pdfmake), loaded when a packet lays out its cover or separator: in a rebuild
 * that takes both from its last build, the packet's thread does without it (measured at 100
 * Vorlagen: loading the packet's modules 0.7 s in a thread that had rendered only a DOCX).
 */
const pdfRenderer = () =>
  importOwn<typeof import('../render/pdf/renderPdf.js')>(
    import.meta.url,
    '../render/pdf/renderPdf.js',
  );

/**
 * How many pages the cover takes, laid out with three-digit page numbers (a guess that saves
 * the packet a second layout of its cover; a wrong guess costs only that layout).
 */
export async function coverPages(plan: PacketPlan): Promise<number> {
  const cover = await (
    await pdfRenderer()
  ).renderPdfPart(
    { meta: plan.meta, blocks: resolvePages(plan.cover, () => 999) },
    { pdfa: '2b', footer: false },
  );
  return cover.pages;
}

/**
 * The packet; `renders`: its cover, separator and furniture from its last build where their
 * input is the same (packetRenders.ts), and the ones it uses for the next.
 */
export async function buildPacket(
  plan: PacketPlan,
  parts: ReadonlyMap<string, VorlagePart>,
  renders = new PacketRenders(),
): Promise<Uint8Array> {
  const part = (nummer: string): VorlagePart => {
    const found = parts.get(nummer);
    if (found === undefined) throw new Error(`Vorlage ${nummer} was not rendered`);
    return found;
  };
  const options = { pdfa: '2b', footer: false } as const;
  const render = (doc: Document) =>
    renders.get(
      { doc, options },
      async () => (await pdfRenderer()).renderPdfPart(doc, options),
      (r) => ({ bytes: r.bytes, info: { pages: r.pages, outline: r.outline } }),
      (stored) => {
        const info = stored.info as { pages: number; outline: OutlineEntry[] };
        return { bytes: Buffer.from(stored.bytes), pages: info.pages, outline: info.outline };
      },
    );
  // the letterhead is the cover's (meta.letterhead), not the separator's
  const anlageOf = (top: PacketTop, nummer: number): AnlagePart => {
    const found = part(top.nummer).anlagen.find((a) => a.nummer === nummer);
    if (found === undefined) throw new Error(`Anlage ${String(nummer)} of ${top.nummer} missing`);
    return found;
  };
  const tops = [...plan.publicTops, ...plan.internalTops];
  const separator =
    plan.separator === null
      ? null
      : await render({ ...plan.separator, meta: withoutLetterhead(plan.meta) });
  const starts = (coverPages: number): Map<string, number> => {
    const start = new Map<string, number>();
    let page = coverPages + 1;
    const add = (top: PacketTop): void => {
      start.set(top.dest, page);
      page += part(top.nummer).pages;
      for (const a of top.anlagen) {
        start.set(a.dest, page);
        page += anlageOf(top, a.nummer).pages;
      }
    };
    plan.publicTops.forEach(add);
    if (separator !== null) page += separator.pages;
    plan.internalTops.forEach(add);
    return start;
  };
  let coverPages = plan.coverPages ?? 1;
  const first = starts(coverPages);
  let cover = await render({
    meta: plan.meta,
    blocks: resolvePages(plan.cover, (d) => first.get(d)),
  });
  for (let pass = 0; cover.pages !== coverPages && pass < 5; pass++) {
    coverPages = cover.pages;
    const start = starts(coverPages);
    cover = await render({
      meta: plan.meta,
      blocks: resolvePages(plan.cover, (d) => start.get(d)),
    });
  }
  // a TOP: its Vorlage, then its Anlagen with their bookmarks below the TOP's
  const topParts = (top: PacketTop): PacketPart[] => [
    {
      pdf: part(top.nummer).pdf,
      outline: part(top.nummer).outline,
      top: { dest: top.dest, title: top.title, running: top.running },
    },
    ...top.anlagen.map((a) => anlagePart(top.nummer, a, anlageOf(top, a.nummer).pdf, 2)),
  ];
  return assemblePacket({
    meta: plan.meta,
    parts: [
      { pdf: cover.bytes, outline: cover.outline },
      ...plan.publicTops.flatMap(topParts),
      ...(separator === null ? [] : [{ pdf: separator.bytes, outline: separator.outline }]),
      ...plan.internalTops.flatMap(topParts),
    ],
    pdfa: tops.every((top) => top.anlagen.every((a) => anlageOf(top, a.nummer).pdfa)),
    renders,
  });
}

/** A packet and the renders it used (the `known` of its next build). */
export interface BuiltPacket {
  readonly bytes: Uint8Array;
  readonly renders: readonly (readonly [string, PacketRender])[];
}

/** buildPacket with the renders of the packet's last build, as a worker task takes it. */
export async function buildPacketWith(
  plan: PacketPlan,
  parts: ReadonlyMap<string, VorlagePart>,
  known: readonly (readonly [string, PacketRender])[],
): Promise<BuiltPacket> {
  const renders = new PacketRenders(new Map(known));
  const bytes = await buildPacket(plan, parts, renders);
  return { bytes, renders: renders.entries() };
}
