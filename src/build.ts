export { checkAndCompose, type CheckResult } from './check/checkAndCompose.js';
import { flattenTops, type ComposedMeeting, type ComposedVorlage } from './compose/compose.js';
import { cacheKey, RenderCache } from './cache/renderCache.js';
import { chartCacheRef } from './render/chart/chartStore.js';
import { toolFingerprint } from './cache/toolFingerprint.js';
import type { VorlagePart } from './packet/buildPacket.js';
import { createManifest, type ManifestEntry } from './packet/manifest.js';
import { limit } from './write/limit.js';
import { anlagenInPacket, inPacket, packetPlan, type Fassung } from './packet/packetDocument.js';
import type { PacketPlan } from './packet/packetPlan.js';
import { createRenderer, localRenderer, type Renderer } from './render/renderer.js';
import type { RenderedVorlage } from './render/renderVorlage.js';
import { anlageInputs, withoutBytes } from './render/anlagen/anlageInputs.js';
import { anlageArtifacts, anlagenOf, hindrances } from './packet/anlageArtifacts.js';
import type { Document } from './model/types.js';
import type { Templates } from './template/loadTemplates.js';
import { vorlageDocument } from './template/vorlageDocument.js';

import type { Artifact } from './write/artifact.js';
export type { Artifact } from './write/artifact.js';

export interface MeetingOutput {
  readonly meeting: ComposedMeeting;
  readonly artifacts: readonly Artifact[];
  /** how many Vorlagen and packets were rendered (the rest came from the cache) */
  readonly rendered: { readonly vorlagen: number; readonly packets: number };
  /** the PDFs that claim no PDF/A, each with the Anlagen that prevent it (as the manifests say) */
  readonly ohnePdfa: readonly { readonly datei: string; readonly wegen: readonly string[] }[];
}

/** What a long build reports: the meeting, what is being rendered, step i of n. */
export type RenderProgress = (
  meeting: ComposedMeeting,
  what: string,
  index: number,
  total: number,
) => void;

/** above this many Vorlagen the packets are assembled one after the other */
const SEQUENTIAL_PACKETS = 150;
/**
 * … and above this many pages in both packets together (Vorlagen and their Anlagen). Measured
 * at 100 Vorlagen with Anlagen (about 2,750 packet pages): both at once peaked at 600 MB, one
 * after the other at 506 MB; 100 Vorlagen without Anlagen (about 2,000) stay parallel.
 */
const SEQUENTIAL_PAGES = 3000;

/**
 * Whether the two packets are assembled one after the other in the main thread (peak memory)
 * rather than at once on the render threads: above SEQUENTIAL_PACKETS Vorlagen or
 * SEQUENTIAL_PAGES pages in both packets together (each part's pages and its Anlagen's,
 * counted for both packets, as the members' packet holds nearly all of them).
 */
export function packetsOneAfterTheOther(
  parts: Iterable<Pick<VorlagePart, 'pages' | 'anlagen'>>,
  vorlagen: number,
): boolean {
  let pages = 0;
  for (const part of parts)
    pages += 2 * (part.pages + part.anlagen.reduce((n, a) => n + a.pages, 0));
  return vorlagen > SEQUENTIAL_PACKETS || pages > SEQUENTIAL_PAGES;
}

const publicDir = 'oeffentlich';
const internalDir = 'nichtoeffentlich';

/**
 * render: every Vorlage as PDF and DOCX, the packets, a manifest per folder.
 * out/<meeting>/oeffentlich/ holds only public material (publishable as it is);
 * out/<meeting>/nichtoeffentlich/ the members' packet and the non-public Vorlagen.
 */
export interface RenderOptions {
  readonly toolVersion: string;
  readonly progress?: RenderProgress;
  /** ISO day written into the files instead of the content's dates (SOURCE_DATE_EPOCH) */
  readonly date?: string | undefined;
  /** folder of the render cache; none: every file is rendered */
  readonly cacheDir?: string | undefined;
  /** worker threads (default: one per core); 0 or 1 renders in this thread */
  readonly threads?: number | undefined;
  /** filled with the time of each stage in ms (for the benchmark) */
  readonly timings?: Record<string, number> | undefined;
  /** render here (e.g. threads started while checking); the caller closes it */
  readonly renderer?: Renderer | undefined;
}

/** A document dated `date` instead of its content date, when one is given. */
export const dated = <T extends { readonly meta: Document['meta'] }>(
  doc: T,
  date: string | undefined,
): T => (date === undefined ? doc : { ...doc, meta: { ...doc.meta, date } });

/** The cache key of a Vorlage rendered with links to `linkziele` (the other Vorlagen of its packet). */
export const vorlageCacheKey = (
  tool: string,
  toolVersion: string,
  templates: Templates,
  date: string | undefined,
  linkziele: readonly string[],
  vorlage: ComposedVorlage,
): string =>
  cacheKey(
    'vorlage',
    tool,
    toolVersion,
    templates.fingerprint,
    date ?? null,
    linkziele,
    // the Anlagen by their sha256: a changed file is a new key
    withoutBytes(vorlage),
  );

/** A rendered Vorlage as a cache entry, and back (undefined: the entry is incomplete). */
export const toEntry = (r: RenderedVorlage) => ({
  info: {
    pages: r.pages,
    outline: r.outline,
    hasPart: r.part !== null,
    pdfa: r.pdfa,
    anlagen: r.anlagen.map(({ nummer, pages, pdfa }) => ({ nummer, pages, pdfa })),
  },
  files: {
    'vorlage.pdf': r.pdf,
    'vorlage.docx': r.docx,
    ...(r.part ? { 'teil.pdf': r.part } : {}),
    ...Object.fromEntries(
      r.anlagen.flatMap((a) => [
        [`anlage-${String(a.nummer)}-teil.pdf`, a.part],
        [`anlage-${String(a.nummer)}.pdf`, a.file],
      ]),
    ),
  },
});

export function fromEntry(entry: {
  info: unknown;
  files: Readonly<Record<string, Uint8Array>>;
}): RenderedVorlage | undefined {
  const info = entry.info as {
    pages: number;
    outline: RenderedVorlage['outline'];
    hasPart: boolean;
    pdfa?: boolean;
    anlagen?: { nummer: number; pages: number; pdfa: boolean }[];
  };
  const { 'vorlage.pdf': pdf, 'vorlage.docx': docx, 'teil.pdf': part } = entry.files;
  if (pdf === undefined || docx === undefined || (info.hasPart && part === undefined))
    return undefined;
  const anlagen = (info.anlagen ?? []).map((a) => {
    const teil = entry.files[`anlage-${String(a.nummer)}-teil.pdf`];
    const file = entry.files[`anlage-${String(a.nummer)}.pdf`];
    return teil === undefined || file === undefined ? undefined : { ...a, part: teil, file };
  });
  if (anlagen.some((a) => a === undefined)) return undefined;
  return {
    pdf,
    docx,
    part: part ?? null,
    pages: info.pages,
    outline: info.outline,
    pdfa: info.pdfa ?? true,
    anlagen: anlagen.filter((a) => a !== undefined),
  };
}

async function timed<T>(
  timings: Record<string, number> | undefined,
  stage: string,
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    if (timings) timings[stage] = (timings[stage] ?? 0) + performance.now() - started;
  }
}

export async function renderMeeting(
  templates: Templates,
  meeting: ComposedMeeting,
  { toolVersion, progress, date, cacheDir, threads, timings, renderer: given }: RenderOptions,
): Promise<MeetingOutput> {
  const cache = cacheDir === undefined ? undefined : new RenderCache(cacheDir);
  const tool = cache === undefined ? '' : await toolFingerprint();
  // the charts' pictures are cached on their own: an edit elsewhere in a Vorlage redraws none
  const charts = cacheDir === undefined ? undefined : chartCacheRef(cacheDir, tool, toolVersion);
  const linkziele = meeting.vorlagen.map((v) => v.nummer);
  const vorlageKeys = meeting.vorlagen.map((v) =>
    vorlageCacheKey(tool, toolVersion, templates, date, linkziele, v),
  );
  const keys = new Map(meeting.vorlagen.map((v, i) => [v.nummer, vorlageKeys[i]]));
  // which Vorlagen the cache holds: the others go to the threads at once, while these are read
  // (measured in a rebuild after an edit at 100 Vorlagen: reading them took 45 ms)
  const present = await timed(timings, 'cacheRead', () =>
    Promise.all(vorlageKeys.map((key) => cache?.has(key) ?? Promise.resolve(false))),
  );
  const cachedAt = async (i: number): Promise<RenderedVorlage | undefined> => {
    const key = vorlageKeys[i];
    if (!present[i] || key === undefined) return undefined;
    const entry = await cache?.get(key);
    // a damaged entry is rendered anew
    return entry === undefined ? undefined : fromEntry(entry);
  };
  const missing = present.filter((p) => !p).length;
  // the Vorlagen rendered (the missing ones, and any whose entry was damaged)
  let renderedVorlagen = 0;
  const total = meeting.vorlagen.length + 2;
  let done = 0;
  const step = (what: string): void => {
    progress?.(meeting, what, done++, total);
  };
  const renderer: Renderer = given ?? (await createRenderer(missing + 2, threads));
  // at most two Vorlagen per thread in flight: bounded memory, and results are taken as they come
  const slots = limit(2 * Math.max(1, renderer.threads));
  // few Vorlagen: each one's PDF and DOCX at once on two threads; many: one task each
  const split = missing <= 2 * renderer.threads;
  try {
    // the Vorlagen first: a rebuild's threads start on the changed one while this thread lays
    // out the packets' plans (measured at 100 Vorlagen: its PDF began 0.1 s sooner)
    const rendering = timed(timings, 'vorlagen', () =>
      Promise.all(
        meeting.vorlagen.map(async (vorlage, i) => {
          const hit = await cachedAt(i);
          if (hit !== undefined) {
            step(vorlage.nummer);
            return hit;
          }
          renderedVorlagen++;
          const result = await slots(() =>
            renderer.vorlage(
              dated(vorlageDocument(templates, vorlage, linkziele), date),
              anlageInputs(vorlage),
              split,
              charts,
            ),
          );
          step(vorlage.nummer);
          const key = vorlageKeys[i];
          if (key !== undefined) await cache?.put(key, toEntry(result));
          return result;
        }),
      ),
    );
    // the packets' plans and cache entries
    const packets = Object.fromEntries(
      await Promise.all(
        (['oeffentlich', 'mitglieder'] as const).map(async (fassung) => {
          const plan = dated(packetPlan(templates, meeting, fassung), date);
          const used = [...plan.publicTops, ...plan.internalTops].map((t) => keys.get(t.nummer));
          const key = cacheKey('packet', tool, toolVersion, templates.fingerprint, plan, used);
          const hit = (await cache?.get(key))?.files['packet.pdf'];
          return [fassung, { plan, key, hit }] as const;
        }),
      ),
    ) as Record<
      Fassung,
      {
        plan: PacketPlan;
        key: string;
        /** the packet from the cache */
        hit: Uint8Array | undefined;
      }
    >;
    // the cover's length is laid out ahead on the threads while the Vorlagen render (the packet
    // then lays its cover out only once), queued after the first Vorlagen: those are the longer
    // tasks, a small meeting waits for them (measured: the example 0.1 s sooner)
    // A rebuild after an edit in a Vorlage takes the length from the cache: the cover is the
    // same (its key is all that coverPages lays out), and the threads go straight to the packets
    const coverGuess = async (plan: PacketPlan): Promise<number> => {
      const key = cacheKey(
        'cover',
        tool,
        toolVersion,
        templates.fingerprint,
        plan.meta,
        plan.cover,
      );
      const stored = (await cache?.get(key))?.info;
      if (typeof stored === 'number') return stored;
      // a guess only: when it fails, the packet lays its cover out as often as it needs
      const pages = await renderer.coverPages(plan).catch(() => undefined);
      if (pages === undefined) return 1;
      await cache?.put(key, { info: pages, files: {} });
      return pages;
    };
    const guesses = Object.fromEntries(
      (['oeffentlich', 'mitglieder'] as const).map((fassung) => {
        const { plan, hit } = packets[fassung];
        return [fassung, hit === undefined ? coverGuess(plan) : Promise.resolve(1)];
      }),
    ) as Record<Fassung, Promise<number>>;
    const rendered = await rendering;
    const parts = new Map<string, VorlagePart>(
      meeting.vorlagen.map((v, i) => {
        const r = rendered[i];
        if (r === undefined) throw new Error(`Vorlage ${v.nummer} missing`);
        const part = { pdf: r.part ?? r.pdf, pages: r.pages, outline: r.outline };
        return [v.nummer, { ...part, anlagen: anlagenOf(v, r) }];
      }),
    );
    const packet = async (
      fassung: Fassung,
      label: string,
      on: Renderer = renderer,
    ): Promise<Uint8Array> => {
      const { plan, key, hit } = packets[fassung];
      if (hit !== undefined) {
        step(label);
        return hit;
      }
      // the cover, separator and furniture of this packet's last build, reused where their
      // input is the same (packetRenders.ts: each keyed by all of its input)
      const rendersKey = cacheKey('packet-renders', tool, toolVersion, meeting.id, fassung);
      const last = await cache?.get(rendersKey);
      const infos = (last?.info ?? {}) as Record<string, unknown>;
      const known = Object.entries(last?.files ?? {}).map(
        ([name, bytes]) => [name, { bytes, info: infos[name] }] as const,
      );
      const built = await on.packet({ ...plan, coverPages: await guesses[fassung] }, parts, known);
      step(label);
      await cache?.put(key, { info: null, files: { 'packet.pdf': built.bytes } });
      await cache?.replace(rendersKey, {
        info: Object.fromEntries(built.renders.map(([name, r]) => [name, r.info])),
        files: Object.fromEntries(built.renders.map(([name, r]) => [name, r.bytes])),
      });
      return built.bytes;
    };
    // both packets at once, one per thread; for a large meeting one after the other, so that
    // only one packet's pages are held at a time (peak memory)
    const sequential = packetsOneAfterTheOther(parts.values(), meeting.vorlagen.length);
    const [publicPacket, membersPacket] = await timed(timings, 'packets', async () => {
      if (!sequential) {
        return Promise.all([
          packet('oeffentlich', 'Sitzungsmappe (öffentlich)'),
          packet('mitglieder', 'Sitzungsmappe für die Mitglieder'),
        ]);
      }
      // in this thread, which holds the parts already; the render threads are ended
      await renderer.recycle();
      const local = localRenderer();
      const publicBytes = await packet('oeffentlich', 'Sitzungsmappe (öffentlich)', local);
      return [publicBytes, await packet('mitglieder', 'Sitzungsmappe für die Mitglieder', local)];
    });
    const artifacts = artifactsOf(meeting, toolVersion, rendered, publicPacket, membersPacket);
    return {
      meeting,
      ...artifacts,
      rendered: {
        vorlagen: renderedVorlagen,
        packets: Object.values(packets).filter((p) => p.hit === undefined).length,
      },
    };
  } finally {
    if (given === undefined) await renderer.close();
  }
}

function artifactsOf(
  meeting: ComposedMeeting,
  toolVersion: string,
  rendered: readonly RenderedVorlage[],
  publicPacket: Uint8Array,
  membersPacket: Uint8Array,
): Pick<MeetingOutput, 'artifacts' | 'ohnePdfa'> {
  const folders = { [publicDir]: [] as ManifestEntry[], [internalDir]: [] as ManifestEntry[] };
  // what keeps each packet from PDF/A-2b: the Anlagen that are in it
  const packetHindrances = { oeffentlich: [] as string[], mitglieder: [] as string[] };
  meeting.vorlagen.forEach((vorlage, i) => {
    const r = rendered[i];
    if (r === undefined) return;
    const folder = vorlage.kopf.oeffentlich ? publicDir : internalDir;
    const info = {
      nummer: vorlage.nummer,
      version: vorlage.kopf.version,
      betreff: vorlage.kopf.betreff,
    };
    const own = hindrances(
      vorlage,
      vorlage.anlagen.filter((a) => !a.nurMitglieder),
    );
    folders[folder].push(
      {
        pfad: `${vorlage.ordner}.pdf`,
        bytes: r.pdf,
        art: 'vorlage-pdf',
        vorlage: info,
        ohnePdfaWegen: own,
      },
      { pfad: `${vorlage.ordner}.docx`, bytes: r.docx, art: 'vorlage-docx', vorlage: info },
    );
    const anlagen = anlageArtifacts(vorlage, r, info);
    folders[publicDir].push(...anlagen.oeffentlich);
    folders[internalDir].push(...anlagen.nichtoeffentlich);
    const top = flattenTops(meeting.tagesordnung).find((t) => t.vorlage === vorlage);
    for (const fassung of ['oeffentlich', 'mitglieder'] as const) {
      if (top === undefined || !inPacket(top, fassung)) continue;
      const inIt = new Set(anlagenInPacket(vorlage, fassung).map((a) => a.nummer));
      packetHindrances[fassung].push(
        ...hindrances(
          vorlage,
          vorlage.anlagen.filter((a) => inIt.has(a.nummer)),
        ),
      );
    }
  });
  folders[publicDir].push({
    pfad: 'sitzungsmappe.pdf',
    bytes: publicPacket,
    art: 'sitzungsmappe',
    ohnePdfaWegen: packetHindrances.oeffentlich,
  });
  folders[internalDir].push({
    pfad: 'sitzungsmappe-mitglieder.pdf',
    bytes: membersPacket,
    art: 'sitzungsmappe',
    ohnePdfaWegen: packetHindrances.mitglieder,
  });
  const artifacts: Artifact[] = [];
  const ohnePdfa: { datei: string; wegen: readonly string[] }[] = [];
  for (const [folder, entries] of Object.entries(folders)) {
    for (const e of entries) {
      if (e.ohnePdfaWegen?.length)
        ohnePdfa.push({ datei: `${folder}/${e.pfad}`, wegen: e.ohnePdfaWegen });
    }
    const manifest = createManifest(
      meeting,
      folder === publicDir ? 'öffentlich' : 'nichtöffentlich',
      toolVersion,
      entries,
    );
    artifacts.push(...entries.map((e) => ({ name: `${folder}/${e.pfad}`, bytes: e.bytes })));
    artifacts.push({
      name: `${folder}/manifest.json`,
      bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    });
  }
  return { artifacts, ohnePdfa };
}
