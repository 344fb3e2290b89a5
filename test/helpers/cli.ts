import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleContentDir } from './exampleBuild.js';

const bin = fileURLToPath(new URL('../../bin/ratsmappe.js', import.meta.url));

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real command line in a child process, as a clerk would. */
export function ratsmappe(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch copy of the example content that a test may break. */
export function copyOfExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-'));
  cpSync(exampleContentDir, join(dir, 'content'), { recursive: true });
  return dir;
}
