/**
 * Content-addressed render cache: what a Vorlage or a packet rendered to, stored under the
 * sha256 of everything that went into it (the composed Vorlage, i.e. its source files; the
 * templates; the options such as the date; the tool's code and library versions). A changed
 * input is a new key, never a stale hit. Entries are verified (sha256 of each file) when read;
 * a damaged entry is a miss. Writes go to a temporary folder that is renamed into place, so a
 * killed build leaves no half entry. The cache lives outside the output folders (default
 * ~/.cache/ratsmappe), so nothing non-public lands next to the publishable files.
 */
import { readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { sha256, sha256Once } from '../write/digest.js';
import { ensureFolder } from '../write/ensureFolder.js';

export interface CacheEntry {
  /** small JSON-serialisable data */
  readonly info: unknown;
  /** named files */
  readonly files: Readonly<Record<string, Uint8Array>>;
}

interface StoredInfo {
  readonly info: unknown;
  readonly files: Readonly<Record<string, string>>;
}

/**
 * The key of a JSON-serialisable description of a render's inputs; bytes (a logo, a font) enter
 * by their sha256, not as JSON.
 */
export const cacheKey = (...parts: readonly unknown[]): string =>
  sha256(
    JSON.stringify(parts, (_key, value: unknown) =>
      // once per byte array: the same font is in every Vorlage's key
      value instanceof Uint8Array ? { sha256: sha256Once(value) } : value,
    ),
  );

/** The cache folder: RATSMAPPE_CACHE, else $XDG_CACHE_HOME/ratsmappe, else ~/.cache/ratsmappe. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.RATSMAPPE_CACHE !== undefined && env.RATSMAPPE_CACHE !== '') return env.RATSMAPPE_CACHE;
  const base =
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== ''
      ? env.XDG_CACHE_HOME
      : join(homedir(), '.cache');
  return join(base, 'ratsmappe');
}

/** The cache folder a build uses: undefined (no cache) for RATSMAPPE_CACHE=aus or off. */
export function cacheDirFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const value = env.RATSMAPPE_CACHE;
  return value === 'aus' || value === 'off' ? undefined : defaultCacheDir(env);
}

export class RenderCache {
  constructor(readonly dir: string) {}

  private folder(key: string): string {
    return join(this.dir, 'v1', key.slice(0, 2), key);
  }

  /** Whether an entry is stored under `key` (it may still be damaged: get() says). */
  async has(key: string): Promise<boolean> {
    return stat(join(this.folder(key), 'info.json')).then(
      () => true,
      () => false,
    );
  }

  /** The entry, or undefined when absent or damaged. */
  async get(key: string): Promise<CacheEntry | undefined> {
    const folder = this.folder(key);
    try {
      const stored = JSON.parse(await readFile(join(folder, 'info.json'), 'utf8')) as StoredInfo;
      const files: Record<string, Uint8Array> = {};
      for (const [name, digest] of Object.entries(stored.files)) {
        const bytes = await readFile(join(folder, name));
        if (sha256Once(bytes) !== digest) return undefined;
        files[name] = bytes;
      }
      const now = new Date();
      await utimes(join(folder, 'info.json'), now, now).catch(() => undefined);
      return { info: stored.info, files };
    } catch {
      return undefined;
    }
  }

  /** Stores an entry; a failure to write (full disk, read-only) only loses the cache. */
  put(key: string, entry: CacheEntry): Promise<void> {
    return this.store(key, entry, false);
  }

  /**
   * Stores an entry in place of the one under `key` (an entry that is not addressed by its
   * content, such as a packet's last renders, whose own contents are).
   */
  replace(key: string, entry: CacheEntry): Promise<void> {
    return this.store(key, entry, true);
  }

  private async store(key: string, entry: CacheEntry, replace: boolean): Promise<void> {
    const folder = this.folder(key);
    const temporary = `${folder}.tmp-${String(process.pid)}-${String(Math.random()).slice(2)}`;
    try {
      await ensureFolder(temporary);
      const files: Record<string, string> = {};
      for (const [name, bytes] of Object.entries(entry.files)) {
        await writeFile(join(temporary, name), bytes);
        files[name] = sha256Once(bytes);
      }
      const stored: StoredInfo = { info: entry.info, files };
      await writeFile(join(temporary, 'info.json'), JSON.stringify(stored));
      if (replace) {
        // the old entry moves aside first: a reader finds the old one, the new one or none
        const old = `${temporary}-old`;
        if (
          await rename(folder, old).then(
            () => true,
            () => false,
          )
        )
          await rm(old, { recursive: true, force: true });
      }
      await rename(temporary, folder).catch(async () => {
        // another build stored the same key first: its entry is equal by construction
        await rm(temporary, { recursive: true, force: true });
      });
    } catch {
      await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
