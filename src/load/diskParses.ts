/**
 * The parses of a content folder kept on disk from one build to the next (in the render
 * cache's folder): a file whose path and bytes are the same as at the last build is not parsed
 * again. Its value and its diagnostics (the warnings of yamlTraps.ts) come from the store; its
 * syntax tree, which only a diagnostic's position needs, is parsed when something asks for it.
 * Parsing YAML was 0.6 of the 0.9 s check of a rebuild at 100 Vorlagen.
 *
 * Safe like ParseMemo: a parse depends on the file's path and bytes only (parseSource.ts is
 * pure), the key is the hash of both and of the tool (its code and libraries), and the stored
 * value is frozen like a fresh one. v8's serializer keeps what JSON would not (NaN, Infinity,
 * -0). A store that cannot be read is no store; one that cannot be written only costs the
 * next build its parses.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ensureFolder } from '../write/ensureFolder.js';
import type { Parses } from './parseMemo.js';
import { decodeYaml, frozen, parseSource, type Parsed } from './parseSource.js';
import type { Source } from './positions.js';
import type { RawFile } from './readContent.js';
import type { Verdicts } from './verdicts.js';

interface Stored {
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];
  /** the checks of this file alone that found nothing (verdicts.ts) */
  readonly passed?: readonly string[];
}

const keyOf = (tool: string, raw: RawFile & { bytes: Uint8Array }): string =>
  createHash('sha256')
    .update(tool)
    .update('\0')
    .update(raw.path)
    .update('\0')
    .update(raw.bytes)
    .digest('hex');

export class DiskParses implements Parses {
  /** the parses this build used: the store's next content */
  private readonly used = new Map<string, Stored>();
  private changed = false;
  /** the key of every source this store gave out */
  private readonly keys = new WeakMap<Source, string>();

  readonly verdicts: Verdicts = {
    passed: (source, check) => {
      const key = this.keys.get(source);
      return key !== undefined && (this.used.get(key)?.passed?.includes(check) ?? false);
    },
    pass: (source, check) => {
      const key = this.keys.get(source);
      const stored = key === undefined ? undefined : this.used.get(key);
      if (key === undefined || stored === undefined || stored.passed?.includes(check)) return;
      this.used.set(key, { ...stored, passed: [...(stored.passed ?? []), check] });
      this.changed = true;
    },
  };

  private constructor(
    private readonly file: string,
    private readonly tool: string,
    private readonly known: ReadonlyMap<string, Stored>,
  ) {}

  /** The store of `contentDir` in `cacheDir` for this tool (empty when there is none yet). */
  static async open(cacheDir: string, contentDir: string, tool: string): Promise<DiskParses> {
    const name = createHash('sha256').update(tool).update('\0').update(resolve(contentDir));
    const file = join(cacheDir, 'parses', `${name.digest('hex')}.v8`);
    let known = new Map<string, Stored>();
    try {
      const stored: unknown = deserialize(await readFile(file));
      if (stored instanceof Map) known = stored as Map<string, Stored>;
    } catch {
      // none yet, or damaged: every file is parsed
    }
    return new DiskParses(file, tool, known);
  }

  parse(raw: RawFile): Parsed {
    if (raw.bytes === null || raw.notAFile !== undefined) return parseSource(raw);
    const key = keyOf(this.tool, { ...raw, bytes: raw.bytes });
    const stored = this.known.get(key);
    if (stored === undefined) {
      const parsed = parseSource(raw);
      // failures are parsed again: they are rare, and their diagnostics need the tree
      if (parsed.source !== null) {
        this.used.set(key, { value: parsed.source.value, diagnostics: parsed.diagnostics });
        this.keys.set(parsed.source, key);
        this.changed = true;
      }
      return parsed;
    }
    this.used.set(key, stored);
    const text = decodeYaml(raw.bytes);
    let full: Source | undefined;
    const tree = (): Source => {
      full ??= parseSource(raw).source ?? undefined;
      if (full === undefined) throw new Error(`${raw.path}: stored parse of a file that fails`);
      return full;
    };
    const source: Source = {
      file: raw.path,
      text,
      value: frozen(stored.value),
      get doc() {
        return tree().doc;
      },
      get lineCounter() {
        return tree().lineCounter;
      },
    };
    this.keys.set(source, key);
    return { source, text, diagnostics: stored.diagnostics };
  }

  sweep(): void {
    // the store keeps what this build used (save)
  }

  /** Writes the parses this build used, when they differ from the stored ones. */
  async save(): Promise<void> {
    if (!this.changed && this.used.size === this.known.size) return;
    const temporary = `${this.file}.tmp-${String(process.pid)}`;
    try {
      await ensureFolder(join(this.file, '..'));
      await writeFile(temporary, serialize(this.used));
      await rename(temporary, this.file);
    } catch {
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }
}
