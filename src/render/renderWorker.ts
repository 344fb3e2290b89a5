/**
 * Worker thread of the render pool (piscina): renders one Vorlage or assembles one packet.
 * Each worker parses the fonts once and keeps pdfkit's word cache for all its tasks. A thread
 * loads what its tasks need as they come: one that renders a DOCX first starts without the PDF
 * stack (pdfmake, pdf-lib), which it loads only if a PDF or a packet comes to it (measured in a
 * rebuild after an edit: the DOCX's thread ready 0.2 s sooner).
 */
import { importOwn } from './importOwn.js';
import type { BuiltPacket, VorlagePart } from '../packet/buildPacket.js';
import type { PacketRender } from '../packet/packetRenders.js';
import type { PacketPlan } from '../packet/packetPlan.js';
import type { Document } from '../model/types.js';
import type { AnlageInput } from './anlagen/anlageInputs.js';
import type { ChartCacheRef } from './chart/chartStore.js';
import {
  renderVorlage,
  renderVorlageDocx,
  renderVorlagePdf,
  type RenderedVorlage,
} from './renderVorlage.js';

interface VorlageTask {
  readonly doc: Document;
  /** where the charts' pictures are cached */
  readonly charts?: ChartCacheRef | undefined;
}

export type WorkerTask =
  | (VorlageTask & { readonly kind: 'pdf'; readonly anlagen: readonly AnlageInput[] })
  | (VorlageTask & { readonly kind: 'docx' })
  | (VorlageTask & { readonly kind: 'both'; readonly anlagen: readonly AnlageInput[] })
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

const packetModule = () =>
  importOwn<typeof import('../packet/buildPacket.js')>(import.meta.url, '../packet/buildPacket.js');

export async function run(task: WorkerTask): Promise<WorkerResult> {
  // the PDF and the DOCX of a Vorlage are tasks of their own, so both threads stay busy
  if (task.kind === 'pdf')
    return renderVorlagePdf(task.doc, task.anlagen, { pdfa: '2b' }, task.charts);
  if (task.kind === 'docx') {
    const docx = await renderVorlageDocx(task.doc, task.charts);
    // the packets follow the Vorlagen: this thread, which needed no PDF stack so far, loads it
    // while it waits for the other thread's PDF (the pool's threads wait with atomics 'async'
    // for this to run; measured in a rebuild after an edit at 100 Vorlagen: the import, 60 to
    // 85 ms in the profile, had been at the start of this thread's packet)
    setImmediate(() => void packetModule().catch(() => undefined));
    return docx;
  }
  // both in one task where there are Vorlagen enough to keep the threads busy: the document
  // crosses to the thread once, and its charts are laid out once for PDF and DOCX
  if (task.kind === 'both') return renderVorlage(task.doc, task.anlagen, task.charts);
  if (task.kind === 'packet')
    return (await packetModule()).buildPacketWith(task.plan, new Map(task.parts), task.known);
  if (task.kind === 'cover') return (await packetModule()).coverPages(task.plan);
  // the warm-up: the thread loads the whole render stack (the first task it takes is a PDF,
  // and the packets follow), which is all it needs (measured: laying out a sample document as
  // well made the example 0.1 s slower, the thread was busy with it when the first Vorlage came)
  await Promise.all([
    importOwn<typeof import('./pdf/renderPdf.js')>(import.meta.url, './pdf/renderPdf.js'),
    importOwn<typeof import('./docx/renderDocx.js')>(import.meta.url, './docx/renderDocx.js'),
    packetModule(),
    importOwn<typeof import('./anlagen/renderAnlagen.js')>(
      import.meta.url,
      './anlagen/renderAnlagen.js',
    ),
  ]);
  return 0;
}
