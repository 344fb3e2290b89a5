import { readFileSync } from 'node:fs';

/** The version of ratsmappe from package.json, written into manifests and archives. */
export const toolVersion: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
