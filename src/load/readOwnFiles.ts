import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { readOne, type RawFile } from './readContent.js';

/**
 * The content folder's own templates and section kinds (I/O edge):
 * templates/**\/*.hbs (each replaces the built-in template of the same path) and
 * abschnittsarten/<art>.schema.json with abschnittsarten/<art>.hbs (an own section kind).
 * Paths are relative to the content folder; symbolic links are not followed.
 */
export interface OwnFiles {
  readonly templates: readonly RawFile[];
  readonly abschnittsarten: readonly RawFile[];
}

async function filesIn(root: string, dir: string, keep: (name: string) => boolean) {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true }).catch(
    () => [],
  );
  const paths = entries
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
  return Promise.all(paths.map((path) => readOne(root, path)));
}

export async function readOwnFiles(root: string): Promise<OwnFiles> {
  const [templates, abschnittsarten] = await Promise.all([
    filesIn(root, 'templates', (name) => name.endsWith('.hbs')),
    filesIn(root, 'abschnittsarten', (name) => /\.(hbs|json)$/.test(name)),
  ]);
  return { templates, abschnittsarten };
}
