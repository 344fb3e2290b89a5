import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import Handlebars from 'handlebars';
import type { ComposedVorlage } from '../compose/compose.js';
import { registerHelpers } from './helpers.js';

/** The Vorlage frame; section templates and text-block partials are registered as partials. */
export interface Templates {
  readonly vorlage: Handlebars.TemplateDelegate;
  /** the Sitzungsmappe: cover with Tagesordnung, the separator (the TOP line: src/packet/) */
  readonly mappe: {
    readonly einladung: Handlebars.TemplateDelegate;
    readonly nichtoeffentlich: Handlebars.TemplateDelegate;
  };
  /** sha256 over every template file (path and text): part of the render cache's keys */
  readonly fingerprint: string;
}

export const templateDir = new URL('../../templates/', import.meta.url);

/**
 * Reads templates/ (I/O edge): vorlage.hbs is the frame, abschnitte/<art>.hbs one per section
 * kind (used as partial "abschnitt-<art>"), partials/<name>.hbs shared partials,
 * sitzungsmappe/*.hbs the packet's own pages (also usable as partials).
 */
export async function loadTemplates(dir: URL = templateDir): Promise<Templates> {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const digest = createHash('sha256');
  const read = async (path: string) => {
    const text = await readFile(new URL(path, dir), 'utf8');
    digest.update(`${path}\0${text}\0`);
    return text;
  };
  for (const folder of ['abschnitte', 'partials', 'sitzungsmappe'] as const) {
    const names = (await readdir(new URL(`${folder}/`, dir)))
      .filter((n) => n.endsWith('.hbs'))
      .sort();
    for (const name of names) {
      const partial = name.replace(/\.hbs$/, '');
      hbs.registerPartial(
        folder === 'abschnitte' ? `abschnitt-${partial}` : partial,
        await read(`${folder}/${name}`),
      );
    }
  }
  const compile = async (path: string) =>
    hbs.compile(await read(path), { strict: false, preventIndent: true });
  const vorlage = await compile('vorlage.hbs');
  const mappe = {
    einladung: await compile('sitzungsmappe/einladung.hbs'),
    nichtoeffentlich: await compile('sitzungsmappe/nichtoeffentlich.hbs'),
  };
  return { vorlage, mappe, fingerprint: digest.digest('hex') };
}

export interface TemplateContext {
  /** Vorlage numbers that may be linked (those in the same packet) */
  readonly linkziele: readonly string[];
}

/** Renders one Vorlage to the HTML subset. Pure, given the compiled templates. */
export function renderVorlageHtml(
  templates: Templates,
  vorlage: ComposedVorlage,
  context: TemplateContext,
): string {
  return templates.vorlage({ ...vorlage, linkziele: context.linkziele });
}
