// What the build:js steps that ship a library as one file share (vendorDocx.ts, vendorEcharts.ts,
// pdfLibBundle.ts): the check that the file imports nothing, and pointing the compiled modules
// in dist/ at it. Only the JavaScript is rewritten; the declarations keep the package's name,
// so a consumer of the types needs nothing else.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const jsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? jsFiles(join(dir, e.name))
      : e.name.endsWith('.js')
        ? [join(dir, e.name)]
        : [],
  );

/**
 * Fails unless `code` (one ES module) imports or requires no other module at run time: static
 * `import … from` / `export … from` statements, bare `import '…'`, `import('…')` and
 * `require(` outside comments; relative paths aside. A string that merely quotes an import (an
 * error message of ECharts) is no statement and passes.
 */
export function assertSelfContained(code: string, what: string): void {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\/|^\s*\*.*$/gm, '');
  if (
    /^\s*(?:import|export)\b[^;\n]*\bfrom\s*["'][^."']|^\s*import\s*["'][^."']|\bimport\(\s*["'][^."']|\brequire\(/m.test(
      withoutComments,
    )
  )
    throw new Error(`${what} imports another module: it cannot be shipped on its own`);
}

/**
 * Rewrites `from 'name'` and `import('name')` in every .js below `dist`; `target` is a file
 * (made relative to each module) or a bare specifier. Returns how many files changed.
 */
export function rewriteImports(dist: string, name: string, target: string): number {
  let rewritten = 0;
  for (const file of jsFiles(dist)) {
    const code = readFileSync(file, 'utf8');
    let to = target;
    if (target.startsWith('/')) {
      to = relative(dirname(file), target).split(sep).join('/');
      if (!to.startsWith('.')) to = `./${to}`;
    }
    const pattern = new RegExp(
      `(\\bfrom\\s*|\\bimport\\(\\s*)(['"])${name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}\\2`,
      'g',
    );
    const next = code.replace(pattern, `$1$2${to}$2`);
    if (next !== code) {
      writeFileSync(file, next);
      rewritten++;
    }
  }
  return rewritten;
}
