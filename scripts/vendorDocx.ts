// Ships docx inside dist/: copies docx's self-contained ES module build (dist/index.mjs, which
// imports nothing) to dist/vendor/docx.mjs with its licence, and points the compiled modules
// at it. Why: docx 9.15 declares nanoid 6 as a dependency, whose `engines` says Node ≥ 22, so
// installing ratsmappe on Node 20 warns EBADENGINE — although docx's build has nanoid bundled
// and loads no package at run time. npm gives a library no way to override a dependency of a
// dependency for its users (`overrides` apply to the root project only), so the package does
// not depend on docx at run time; development and tests use node_modules/docx, the same code.
// Run by `npm run build:js`, after tsc.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertSelfContained, rewriteImports } from './vendoring.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
// docx exports no ./package.json: its folder is two levels above its CommonJS entry
const docxDir = dirname(dirname(createRequire(import.meta.url).resolve('docx')));
const vendor = join(dist, 'vendor');
const bundle = readFileSync(join(docxDir, 'dist', 'index.mjs'), 'utf8');
// the copy must stay self-contained: no import of another package
assertSelfContained(bundle, 'docx/dist/index.mjs');
const version = (
  JSON.parse(readFileSync(join(docxDir, 'package.json'), 'utf8')) as { version: string }
).version;
mkdirSync(vendor, { recursive: true });
writeFileSync(
  join(vendor, 'docx.mjs'),
  `// docx ${version} (MIT licence: docx.LICENSE), dist/index.mjs unchanged\n${bundle}`,
);
copyFileSync(join(docxDir, 'LICENSE'), join(vendor, 'docx.LICENSE'));

const rewritten = rewriteImports(dist, 'docx', join(vendor, 'docx.mjs'));
if (rewritten === 0) throw new Error('no compiled module imports docx: is dist/ built?');
