/**
 * What identifies the tool in cache keys: its version, a hash of its own code (src/ or dist/,
 * so a changed renderer never reuses old results, also without a version bump) and the
 * versions of the libraries that write the files. dist/ includes the vendored docx build
 * (dist/vendor/docx.mjs) and the precompiled validators (.cjs).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
  // the charts: SVG (echarts on zrender) and the DOCX's PNG of it (resvg)
  'echarts',
  'zrender',
  '@resvg/resvg-wasm',
];

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|js|mjs|cjs|json)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** A library's version, also where its package.json is not exported (@resvg/resvg-wasm). */
export async function versionOf(
  require: NodeJS.Require,
  name: string,
): Promise<string | undefined> {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    // from its entry point up to the package.json of that name
    try {
      let dir = dirname(require.resolve(name));
      for (;;) {
        const pkg = JSON.parse(
          await readFile(join(dir, 'package.json'), 'utf8').catch(() => '{}'),
        ) as {
          name?: string;
          version?: string;
        };
        if (pkg.name === name) return pkg.version;
        const up = dirname(dir);
        if (up === dir) return undefined;
        dir = up;
      }
    } catch {
      return undefined;
    }
  }
}

let memo: Promise<string> | undefined;

export function toolFingerprint(): Promise<string> {
  memo ??= (async () => {
    const digest = createHash('sha256').update(toolVersion);
    const code = fileURLToPath(new URL('..', import.meta.url));
    // read at once, hashed in order (one after the other: 0.12 s for dist/'s 550 files)
    const paths = await files(code);
    const texts = await Promise.all(paths.map((file) => readFile(file)));
    paths.forEach((file, i) => {
      const text = texts[i];
      if (text === undefined) throw new Error(`${file} not read`);
      digest.update(file.slice(code.length)).update(text);
    });
    const require = createRequire(import.meta.url);
    const pdfmake = createRequire(require.resolve('pdfmake'));
    for (const name of LIBRARIES) {
      const from = name === 'pdfkit' || name === 'fontkit' ? pdfmake : require;
      digest.update(`${name}@${(await versionOf(from, name)) ?? '?'}`);
    }
    return digest.digest('hex');
  })();
  return memo;
}
