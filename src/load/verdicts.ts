/**
 * Checks a file passed at an earlier build, kept with its parse (diskParses.ts). A check of one
 * file alone (its schema, its figures and tables, its characters) that found nothing is not run
 * again while the file's path and bytes, the tool and the check's own input (named in `check`:
 * the schemas' digest, the fonts' digest) are the same. Only passes are kept: a fault is always
 * found anew, with its position.
 */
import type { Source } from './positions.js';

export interface Verdicts {
  /** whether `check` passed on this very file (same bytes, same tool) before */
  passed(source: Source, check: string): boolean;
  /** `check` found nothing on this file */
  pass(source: Source, check: string): void;
}
