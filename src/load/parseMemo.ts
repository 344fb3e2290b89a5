/**
 * The parses of one build kept for the next in the same process (`build --watch`, the
 * preview): a file whose bytes are the same as last time is not parsed again; YAML parsing
 * was about two thirds of the check of a meeting of 100 Vorlagen (measured: 0.42 of 0.62 s).
 * Safe because a parse depends on the file's path and bytes only (parseSource.ts is pure) and
 * its value is frozen. Files that are gone are forgotten after each load.
 */
import { parseSource, type Parsed } from './parseSource.js';
import type { RawFile } from './readContent.js';
import type { Verdicts } from './verdicts.js';

/** Where loadContent takes its parses from: parseSource, or a parse kept from before. */
export interface Parses {
  parse(raw: RawFile): Parsed;
  /** after a load */
  sweep(): void;
  /** the checks the files it parsed passed before (diskParses.ts) */
  readonly verdicts?: Verdicts;
}

export class ParseMemo implements Parses {
  private kept = new Map<string, { readonly bytes: Uint8Array; readonly parsed: Parsed }>();
  private seen = new Set<string>();

  /** parseSource, or its result of the last build when the bytes are the same */
  parse(raw: RawFile): Parsed {
    if (raw.bytes === null || raw.notAFile !== undefined) return parseSource(raw);
    this.seen.add(raw.path);
    const kept = this.kept.get(raw.path);
    if (kept !== undefined && Buffer.compare(kept.bytes, raw.bytes) === 0) return kept.parsed;
    const parsed = parseSource(raw);
    this.kept.set(raw.path, { bytes: raw.bytes, parsed });
    return parsed;
  }

  /** after a load: forgets the files it did not see (deleted, renamed, now too large) */
  sweep(): void {
    for (const path of this.kept.keys()) if (!this.seen.has(path)) this.kept.delete(path);
    this.seen = new Set();
  }

  /** how many files are kept (tests) */
  get size(): number {
    return this.kept.size;
  }
}
