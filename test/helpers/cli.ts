import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleContentDir } from './exampleBuild.js';

const bin = fileURLToPath(new URL('../../bin/ratsmappe.js', import.meta.url));

export interface Run {
  readonly status: number | null;
  /** the signal that ended the process, if any */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real command line in a child process, as a clerk would. */
export function ratsmappe(
  args: readonly string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    /** run as this user and group (e.g. 65534, nobody, when the tests run as root) */
    user?: number;
    /** ms; a run that takes longer is ended (status null) */
    timeout?: number;
  } = {},
): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    ...(options.user === undefined ? {} : { uid: options.user, gid: options.user }),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** A scratch copy of the example content that a test may break. */
export function copyOfExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-'));
  cpSync(exampleContentDir, join(dir, 'content'), { recursive: true });
  return dir;
}

/**
 * Scratch folders made by `make` (default: copies of the example), removed after the suite.
 * Call it inside a `describe`.
 */
export function scratchFolders(make: () => string = copyOfExample): () => string {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const dir = make();
    dirs.push(dir);
    return dir;
  };
}
