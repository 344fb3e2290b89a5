/**
 * What a packet renders besides its parts (the cover, the separator, the page furniture),
 * reused from the packet's last build when the input is the same. After an edit in one Vorlage
 * that keeps its page count, the cover's page numbers and every footer are unchanged: the
 * packet then lays out and draws nothing, it only assembles (measured: 0.6 of 1.2 s for the
 * first packet in a new render thread, at 100 Vorlagen).
 *
 * Every render is keyed by the hash of all of its input (cacheKey): a render is only taken for
 * exactly the input it was made from. The caller keeps them per packet in the render cache,
 * whose keys carry the tool and template versions.
 *
 * Besides the renders, it keeps what reading each part found (splicePdf.ts, PartAnalysis), per
 * digest of the part's bytes: after an edit in one Vorlage, only that Vorlage's part is read
 * again. All of them are stored as one file among the renders (ANALYSES).
 */
import { cacheKey } from '../cache/renderCache.js';
import { sha256Once } from '../write/digest.js';
import type { PartAnalysis } from './splicePdf.js';

/** the name of the parts' analyses among the renders */
const ANALYSES = cacheKey('packet-part-analyses');

/** A render: its bytes and what else it returned (page count, bookmarks, layout). */
export interface PacketRender {
  readonly bytes: Uint8Array;
  readonly info: unknown;
}

export class PacketRenders {
  /** the renders this packet used, reused or made (with `entries`: the next build's `known`) */
  readonly used = new Map<string, PacketRender>();
  /** the analyses of the last build's parts, by the digest of their bytes */
  private readonly analyses: ReadonlyMap<string, PartAnalysis>;
  /**
   * the analyses this packet used, given or made, as JSON at once: an analysis's strings are
   * slices of its part's text, which they would keep alive (measured at 300 Vorlagen, whose
   * packets are assembled in the main thread: 42 MB more at the peak)
   */
  private readonly usedAnalyses = new Map<string, string>();
  /** how many parts were taken from their analysis (not read again) */
  reread = 0;

  constructor(private readonly known: ReadonlyMap<string, PacketRender> = new Map()) {
    const stored = known.get(ANALYSES);
    this.analyses = new Map(
      stored === undefined
        ? []
        : (JSON.parse(Buffer.from(stored.bytes).toString('utf8')) as [string, PartAnalysis][]),
    );
  }

  /**
   * A part read with the analysis of its bytes from the last build (undefined: none), whose
   * own analysis is kept for the next.
   */
  analysed<T extends { readonly analysis: PartAnalysis }>(
    bytes: Uint8Array,
    read: (known: PartAnalysis | undefined) => T,
  ): T {
    const digest = sha256Once(bytes);
    const known = this.analyses.get(digest);
    if (known === undefined) this.reread++;
    const result = read(known);
    this.usedAnalyses.set(digest, JSON.stringify(result.analysis));
    return result;
  }

  /** the renders and analyses this packet used: the next build's `known` */
  entries(): [string, PacketRender][] {
    if (this.usedAnalyses.size === 0) return [...this.used];
    const items = [...this.usedAnalyses].map(
      ([digest, json]) => `[${JSON.stringify(digest)},${json}]`,
    );
    const bytes = Buffer.from(`[${items.join(',')}]`, 'utf8');
    return [...this.used, [ANALYSES, { bytes, info: { parts: this.usedAnalyses.size } }]];
  }

  /**
   * The render of `input`: the known one, else `render()`'s. `split`/`join` turn the result
   * into bytes and info and back.
   */
  async get<T>(
    input: unknown,
    render: () => Promise<T>,
    split: (result: T) => PacketRender,
    join: (stored: PacketRender) => T,
  ): Promise<T> {
    const key = cacheKey('packet-render', input);
    const known = this.known.get(key);
    if (known !== undefined) {
      this.used.set(key, known);
      return join(known);
    }
    const result = await render();
    this.used.set(key, split(result));
    return result;
  }
}
