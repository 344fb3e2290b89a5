import { createRequire } from 'node:module';

/**
 * A module of pdfmake 0.3 (or of its pdfkit) by its path, for the measured adaptations in
 * fastMeasure.ts, fastStyles.ts, lineFit.ts, measureOnce.ts, mergeInlines.ts and sharedFonts.ts.
 * pdfmake's `exports` map hides its internals, so they are required relative to its entry point.
 */
export function requirePdfmake(path: string): unknown {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('pdfmake'))(path);
}
