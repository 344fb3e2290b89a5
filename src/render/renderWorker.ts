/**
 * Worker thread of the render pool (piscina): renders one Vorlage or assembles one packet.
 * Each worker parses the fonts once and keeps pdfkit's word cache for all its tasks.
 */
import { buildPacket, type VorlagePart } from '../packet/buildPacket.js';
import type { PacketPlan } from '../packet/packetDocument.js';
import type { Document } from '../model/types.js';
import { renderVorlage, type RenderedVorlage } from './renderVorlage.js';

export type WorkerTask =
  | { readonly kind: 'vorlage'; readonly doc: Document }
  | {
      readonly kind: 'packet';
      readonly plan: PacketPlan;
      readonly parts: readonly (readonly [string, VorlagePart])[];
    };

export type WorkerResult = RenderedVorlage | Uint8Array;

export async function run(task: WorkerTask): Promise<WorkerResult> {
  if (task.kind === 'vorlage') return renderVorlage(task.doc);
  return buildPacket(task.plan, new Map(task.parts));
}
