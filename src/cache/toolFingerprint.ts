/**
 * What identifies the tool in cache keys: its version, a hash of its own code (src/ or dist/,
 * so a changed renderer never reuses old results, also without a version bump) and the
 * versions of the libraries that write the files.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolVersion } from '../version.js';

const LIBRARIES = [
  'pdfmake',
  'pdfkit',
  'fontkit',
  'docx',
  'pdf-lib',
  'fflate',
  'handlebars',
  'parse5',
];

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|js|json)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

let memo: Promise<string> | undefined;

export function toolFingerprint(): Promise<string> {
  memo ??= (async () => {
    const digest = createHash('sha256').update(toolVersion);
    const code = fileURLToPath(new URL('..', import.meta.url));
    for (const file of await files(code)) {
      digest.update(file.slice(code.length)).update(await readFile(file));
    }
    const require = createRequire(import.meta.url);
    const pdfmake = createRequire(require.resolve('pdfmake'));
    for (const name of LIBRARIES) {
      try {
        const pkg = (name === 'pdfkit' || name === 'fontkit' ? pdfmake : require)(
          `${name}/package.json`,
        ) as {
          version: string;
        };
        digest.update(`${name}@${pkg.version}`);
      } catch {
        digest.update(`${name}@?`);
      }
    }
    return digest.digest('hex');
  })();
  return memo;
}
