/**
 * Worker thread of the render pool (piscina): renders one Vorlage or assembles one packet.
 * Each worker parses the fonts once and keeps pdfkit's word cache for all its tasks.
 */
import {
  buildPacketWith,
  coverPages,
  type BuiltPacket,
  type VorlagePart,
} from '../packet/buildPacket.js';
import type { PacketRender } from '../packet/packetRenders.js';
import type { PacketPlan } from '../packet/packetPlan.js';
import type { Document } from '../model/types.js';
import type { AnlageInput } from './anlagen/anlageInputs.js';
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
      readonly known: readonly (readonly [string, PacketRender])[];
    };

export type WorkerResult =
  RenderedVorlage | Omit<RenderedVorlage, 'docx'> | Uint8Array | BuiltPacket | number;

export async function run(task: WorkerTask): Promise<WorkerResult> {
  // the PDF and the DOCX of a Vorlage are tasks of their own, so both threads stay busy
  if (task.kind === 'pdf') return renderVorlagePdf(task.doc, task.anlagen);
  if (task.kind === 'docx') return renderVorlageDocx(task.doc);
  // both in one task where there are Vorlagen enough to keep the threads busy: the document
  // crosses to the thread once, and its charts are laid out once for PDF and DOCX
  if (task.kind === 'both') return renderVorlage(task.doc, task.anlagen);
  if (task.kind === 'packet') return buildPacketWith(task.plan, new Map(task.parts), task.known);
  if (task.kind === 'cover') return coverPages(task.plan);
  // the warm-up: the thread has loaded the render stack by the time it takes a task, which is
  // all it needs (measured: laying out a sample document as well made the example 0.1 s
  // slower, the thread was busy with it when the first Vorlage came)
  return 0;
}
