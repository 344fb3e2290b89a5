// Points the compiled modules at pdf-lib's own ES module bundle (pdf-lib/dist/pdf-lib.esm.js:
// pdf-lib with pako, tslib and its standard fonts in one file, the same 1.17 code as its
// CommonJS build, shipped in the package). Why: the CommonJS build is about 170 files that Node
// resolves and compiles one by one at every start of a render thread and of a check with an
// Anlage; measured on this machine, `import('pdf-lib')` took 117–168 ms, the bundle 59–77 ms.
// Every module in dist/ is rewritten, so a process holds one set of pdf-lib's classes (its
// `instanceof` checks see the same PDFDict, PDFRef, …). Tests under tsx use the CommonJS build.
// Run by `npm run build:js`, after tsc.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { assertSelfContained, rewriteImports } from './vendoring.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const bundle = 'pdf-lib/dist/pdf-lib.esm.js';
// the bundle must exist and stay self-contained (comments in it quote `require('pako')`)
assertSelfContained(readFileSync(createRequire(import.meta.url).resolve(bundle), 'utf8'), bundle);
if (rewriteImports(dist, 'pdf-lib', bundle) === 0)
  throw new Error('no compiled module imports pdf-lib: is dist/ built?');
