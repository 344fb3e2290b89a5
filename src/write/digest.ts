import { createHash } from 'node:crypto';

/** sha256 of bytes as lower-case hex, as manifests list it. */
export const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/** Code-unit order: the same on every machine and locale (for reproducible manifests). */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
