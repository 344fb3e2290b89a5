/**
 * A dynamic import of one of this package's modules, by its path relative to `base` (the
 * importer's `import.meta.url`), written with `.js` as the static imports are.
 *
 * Under tsx (tests, development) the sources are `.ts`, and tsx loads them either as ES
 * modules or, where a require started the chain (piscina requires the worker's file), as
 * CommonJS, and a module loaded both ways is two instances, each with state of its own.
 * This module is CommonJS exactly when its importer's chain was: then the module is required,
 * as the importer's static imports were (a dynamic import() would load an ES instance beside
 * them, or, in a render thread, fail: tsx does not reach that loader there).
 */
import { createRequire } from 'node:module';

export async function importOwn<T>(base: string, path: string): Promise<T> {
  if (typeof require === 'function') return createRequire(base)(path) as T;
  return (await import(new URL(path, base).href)) as T;
}
