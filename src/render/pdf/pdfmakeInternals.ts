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

/** A module of fontkit's own dependencies (unicode-properties), as fontkit requires it. */
export function requireFontkitDependency(path: string): unknown {
  const require = createRequire(import.meta.url);
  const fontkit = createRequire(require.resolve('pdfmake')).resolve('fontkit');
  return createRequire(fontkit)(path);
}
