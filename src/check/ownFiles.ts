import { createRequire } from 'node:module';
import type { OwnFiles } from '../load/readOwnFiles.js';
import type { OwnCheck } from './checkOwnFiles.js';

const require = createRequire(import.meta.url);

const none: OwnCheck = { kinds: new Map(), diagnostics: [], texts: new Map() };

/**
 * The content folder's own templates and section kinds, checked (pure). Only a folder that has
 * any loads Handlebars, the HTML parser and ajv's compiler for them: without, `check` stays as
 * light as before (test/startup.test.ts). require() of an ES module: Node ≥ 20.19.
 */
export function checkOwn(own: OwnFiles | undefined): OwnCheck {
  if (!own || (own.templates.length === 0 && own.abschnittsarten.length === 0)) return none;
  const checks = require('./checkOwnFiles.js') as typeof import('./checkOwnFiles.js');
  return checks.checkOwnFiles(own);
}
