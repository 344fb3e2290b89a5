/**
 * The steps of replacing an output folder (see replaceFolder.ts), in order:
 * - `neu-halb`: the first file is in the new temporary folder, the others are not yet;
 * - `neu-fertig`: the new folder is complete, the old one still in place;
 * - `alt-beiseite`: the old folder is renamed aside, the new one not yet in its place;
 * - `neu-an-ort`: the new folder is in place, the old one not yet removed.
 */
export type HaltStep = 'neu-halb' | 'neu-fertig' | 'alt-beiseite' | 'neu-an-ort';

/**
 * Test hook: with RATSMAPPE_TEST_HALT=<step> the process ends by SIGKILL when the writer reaches
 * that step, as `kill -9` or a power cut would end it there. Only the tests set it
 * (test/output-folder.test.ts), to prove that every step can be interrupted.
 */
export function haltPoint(step: HaltStep): void {
  if (process.env.RATSMAPPE_TEST_HALT !== step) return;
  process.kill(process.pid, 'SIGKILL');
  // nothing runs on while the signal is delivered
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
