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
 */
import { cacheKey } from '../cache/renderCache.js';

/** A render: its bytes and what else it returned (page count, bookmarks, layout). */
export interface PacketRender {
  readonly bytes: Uint8Array;
  readonly info: unknown;
}

export class PacketRenders {
  /** the renders this packet used, reused or made: the next build's `known` */
  readonly used = new Map<string, PacketRender>();

  constructor(private readonly known: ReadonlyMap<string, PacketRender> = new Map()) {}

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
