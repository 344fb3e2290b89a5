import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAndCompose, type CheckResult } from '../../src/build.js';
import {
  isImageName,
  maxFileSize,
  maxImageSize,
  readContent,
  readKoerperschaft,
  type ContentFiles,
  type NotAFile,
  type RawFile,
} from '../../src/load/readContent.js';
import { anlageFile, isAnlageName, type AnlageFile } from '../../src/load/readAnlagen.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { loadTemplates, templateDir } from '../../src/template/loadTemplates.js';
import { templateFaults } from '../../src/template/templateFaults.js';
import { exampleContentDir } from './exampleBuild.js';

export const casesDir = fileURLToPath(new URL('../fixtures/diagnostics/', import.meta.url));

/**
 * A case is a folder under test/fixtures/diagnostics/: files in it replace or add files of the
 * example content at the same relative path (sitzungen/…, vorlagen/…); `loeschen.txt` lists
 * content files to delete; `keine-dateien.txt` lists paths that are no ordinary file, each with
 * what it is (`vorlagen/SV-9-1601/binogi.yaml folder`, `vorlagen/SV-9-1600 symlink`; folder,
 * symlink or other), as readContent
 * reports them (test/read-content.test.ts checks that on disk); PDF, PNG and JPEG files are
 * Anlagen (read as readAnlagen reads them), `grosse-dateien.txt` lists Anlagen that stand for a
 * file of that size, too large to be read (`vorlagen/SV-9-1601/anlagen/plan.pdf 25000000`);
 * templates/… and abschnittsarten/… are the content folder's own templates and section kinds
 * (a case with them is also run through the templates, as build does: RM907, RM908);
 * `erwartet.json` holds the expected
 * diagnostics (code, file, line, column, message, hint); `ausgabe.txt`, where present, the
 * expected printed report. koerperschaft.yaml and the files it names (logo, fonts) are taken
 * from the case where it has them, else from the example.
 */
export interface Case {
  readonly name: string;
  readonly dir: string;
}

export const listCases = (): Case[] =>
  readdirSync(casesDir)
    .filter((name) => statSync(join(casesDir, name)).isDirectory())
    .sort()
    .map((name) => ({ name, dir: join(casesDir, name) }));

const caseFiles = (dir: string, root = dir): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return caseFiles(full, root);
    const path = relative(root, full).split(sep).join('/');
    return /^(sitzungen|vorlagen|templates|abschnittsarten)\//.test(path) ? [path] : [];
  });

/** The case's Anlagen: its PDF, PNG and JPEG files, links and the files too large to read. */
async function caseAnlagen(c: Case): Promise<Map<string, AnlageFile[]>> {
  const files: AnlageFile[] = [
    ...(await Promise.all(
      caseFiles(c.dir)
        .filter(isAnlageName)
        .map((path) => anlageFile(path, readFileSync(join(c.dir, path)))),
    )),
    ...linesOf(join(c.dir, 'grosse-dateien.txt')).map((line): AnlageFile => {
      const [path = '', size = '0'] = line.split(/\s+/);
      return { path, size: Number(size), bytes: null, facts: null };
    }),
    ...linesOf(join(c.dir, 'keine-dateien.txt'))
      .map((line) => line.split(/\s+/))
      .filter(([path = '']) => isAnlageName(path))
      .map(([path = '', kind]): AnlageFile => ({
        path,
        size: 0,
        bytes: null,
        notAFile: kind as NotAFile,
        facts: null,
      })),
  ];
  const byFolder = new Map<string, AnlageFile[]>();
  for (const file of files) {
    const folder = file.path.split('/')[1] ?? '';
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return byFolder;
}

const linesOf = (file: string): string[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];

let base: Promise<ContentFiles> | undefined;

/** The example content with the case's files laid over it, in memory. */
export async function caseContent(c: Case): Promise<ContentFiles> {
  base ??= readContent(exampleContentDir);
  const example = await base;
  const removed = linesOf(join(c.dir, 'loeschen.txt'));
  // pictures (PNG, JPEG, SVG) go with the Vorlage's images, as readContent reads them
  const bilder = new Map([...(example.bilder ?? new Map<string, readonly RawFile[]>())]);
  for (const path of caseFiles(c.dir).filter(isImageName)) {
    const bytes = readFileSync(join(c.dir, path));
    const folder = path.split('/')[1] ?? '';
    const raw = { path, size: bytes.length, bytes: bytes.length > maxImageSize ? null : bytes };
    bilder.set(folder, [...(bilder.get(folder) ?? []).filter((f) => f.path !== path), raw]);
  }
  const overrides = new Map<string, RawFile>([
    ...caseFiles(c.dir)
      .filter((path) => !isAnlageName(path) && !isImageName(path))
      .map((path): [string, RawFile] => {
        const bytes = readFileSync(join(c.dir, path));
        return [
          path,
          { path, size: bytes.length, bytes: bytes.length > maxFileSize ? null : bytes },
        ];
      }),
    ...linesOf(join(c.dir, 'keine-dateien.txt'))
      .filter((line) => !isAnlageName(line.split(/\s+/)[0] ?? ''))
      .map((line): [string, RawFile] => {
        const [path = '', kind = ''] = line.split(/\s+/);
        if (!['folder', 'symlink', 'other'].includes(kind)) throw new Error(`${c.name}: ${line}`);
        return [path, { path, size: 0, bytes: null, notAFile: kind as NotAFile }];
      }),
  ]);
  const merge = (files: readonly RawFile[], prefix: string): RawFile[] => {
    const kept = files
      .filter((f) => !removed.includes(f.path))
      .map((f) => overrides.get(f.path) ?? f);
    const added = [...overrides.values()].filter(
      (f) => f.path.startsWith(prefix) && !files.some((x) => x.path === f.path),
    );
    return [...kept, ...added].sort((a, b) => a.path.localeCompare(b.path));
  };
  const folders = new Set([
    ...example.vorlagen.keys(),
    ...[...overrides.keys()]
      .filter((p) => p.startsWith('vorlagen/'))
      .map((p) => p.split('/')[1] ?? ''),
  ]);
  const vorlagen = new Map<string, RawFile[]>();
  for (const folder of [...folders].sort()) {
    // a Vorlage folder that is no folder (a link) stands as its one entry, as readContent gives it
    const linked = overrides.get(`vorlagen/${folder}`);
    const files = linked
      ? [linked]
      : merge(example.vorlagen.get(folder) ?? [], `vorlagen/${folder}/`);
    if (files.length > 0 || !removed.includes(`vorlagen/${folder}/`)) vorlagen.set(folder, files);
  }
  const body = await readKoerperschaft((path, limit) => {
    if (removed.includes(path)) return Promise.resolve(null);
    const full = [join(c.dir, path), join(exampleContentDir, path)].find((f) => existsSync(f));
    if (full === undefined || !statSync(full).isFile()) return Promise.resolve(null);
    const bytes = readFileSync(full);
    return Promise.resolve({
      path,
      size: bytes.length,
      bytes: bytes.length > limit ? null : bytes,
    });
  });
  const own = (prefix: string) => [...overrides.values()].filter((f) => f.path.startsWith(prefix));
  return {
    root: example.root,
    meetings: merge(example.meetings, 'sitzungen/'),
    vorlagen,
    anlagen: await caseAnlagen(c),
    ...body,
    bilder,
    own: { templates: own('templates/'), abschnittsarten: own('abschnittsarten/') },
  };
}

export async function runCase(c: Case): Promise<CheckResult> {
  const files = await caseContent(c);
  const result = checkAndCompose(files);
  const { own } = files;
  if (hasErrors(result.diagnostics) || !own) return result;
  // what build finds when it runs the templates on the content (nothing is laid out)
  const templates = await loadTemplates(templateDir, own);
  const faults = templateFaults(templates, result.meetings);
  const texts = new Map([
    ...result.content.texts,
    ...templates.sources.filter((s) => s.own).map((s) => [s.file, s.text] as const),
  ]);
  return {
    ...result,
    content: { ...result.content, texts },
    diagnostics: [...result.diagnostics, ...faults],
  };
}
