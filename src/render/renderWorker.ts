/**
 * Worker thread of the render pool (piscina): renders one Vorlage or assembles one packet.
 * Each worker parses the fonts once and keeps pdfkit's word cache for all its tasks.
 */
import { buildPacket, coverPages, type VorlagePart } from '../packet/buildPacket.js';
import type { PacketPlan } from '../packet/packetDocument.js';
import type { Document } from '../model/types.js';
import type { AnlageInput } from './anlagen/renderAnlagen.js';
import {
  renderVorlage,
  renderVorlageDocx,
  renderVorlagePdf,
  type RenderedVorlage,
} from './renderVorlage.js';

export type WorkerTask =
  | { readonly kind: 'pdf'; readonly doc: Document; readonly anlagen: readonly AnlageInput[] }
  | { readonly kind: 'docx'; readonly doc: Document }
  | { readonly kind: 'both'; readonly doc: Document; readonly anlagen: readonly AnlageInput[] }
  | { readonly kind: 'warmup' }
  | { readonly kind: 'cover'; readonly plan: PacketPlan }
  | {
      readonly kind: 'packet';
      readonly plan: PacketPlan;
      readonly parts: readonly (readonly [string, VorlagePart])[];
    };

export type WorkerResult = RenderedVorlage | Omit<RenderedVorlage, 'docx'> | Uint8Array | number;

/** Lays out a small document once: code compiled, fonts parsed, before the first Vorlage. */
async function warmUp(): Promise<Uint8Array> {
  const doc: Document = {
    meta: {
      title: 'Probe',
      author: 'ratsmappe',
      subject: 'Probe',
      keywords: [],
      language: 'de-DE',
      footer: 'Probe',
      date: '2020-01-01',
    },
    blocks: [
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Überschrift' }] },
      {
        type: 'paragraph',
        children: [{ type: 'strong', children: [{ type: 'text', text: 'Fett' }] }],
      },
      {
        type: 'paragraph',
        children: [{ type: 'emphasis', children: [{ type: 'text', text: 'Kursiv, 1.234,56 €' }] }],
      },
    ],
  };
  await renderVorlageDocx(doc);
  const part = await renderVorlagePdf(doc);
  // and the packet's code: cover, overlay, assembly
  const top = {
    nummer: 'probe',
    dest: 'top-1',
    title: 'TOP 1: Probe',
    running: 'TOP 1 · Probe',
    anlagen: [],
  };
  return buildPacket(
    { meta: doc.meta, cover: doc.blocks, separator: null, publicTops: [top], internalTops: [] },
    new Map([['probe', { ...part, anlagen: [] }]]),
  );
}

export async function run(task: WorkerTask): Promise<WorkerResult> {
  // the PDF and the DOCX of a Vorlage are tasks of their own, so both threads stay busy
  if (task.kind === 'pdf') return renderVorlagePdf(task.doc, task.anlagen);
  if (task.kind === 'docx') return renderVorlageDocx(task.doc);
  // both in one task where there are Vorlagen enough to keep the threads busy: the document
  // crosses to the thread once, and its charts are laid out once for PDF and DOCX
  if (task.kind === 'both') return renderVorlage(task.doc, task.anlagen);
  if (task.kind === 'packet') return buildPacket(task.plan, new Map(task.parts));
  if (task.kind === 'cover') return coverPages(task.plan);
  return warmUp();
}
