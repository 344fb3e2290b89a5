import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { sha256 } from '../write/digest.js';
import { registerHelpers } from './helpers.js';
import { locateAt, locateIn, type Loc } from './templateError.js';
import { partialName, type TemplateSource } from './templateSources.js';

/** The Vorlage frame; section templates and text-block partials are registered as partials. */
export interface Templates {
  readonly vorlage: Handlebars.TemplateDelegate;
  /** the Sitzungsmappe: cover with Tagesordnung, the separator (the TOP line: src/packet/) */
  readonly mappe: {
    readonly einladung: Handlebars.TemplateDelegate;
    readonly nichtoeffentlich: Handlebars.TemplateDelegate;
  };
  /** sha256 over every template (path, file and text): part of the render cache's keys */
  readonly fingerprint: string;
  /** what the set was compiled from (to locate a fault, see templateFaults.ts) */
  readonly sources: readonly TemplateSource[];
  /** whether any template comes from the content folder */
  readonly hasOwn: boolean;
}

export const compileOptions = { strict: false, preventIndent: true } as const;

type Delegate = Handlebars.TemplateDelegate;

interface Precompiled {
  /** the Handlebars that precompiled them: another one compiles anew */
  readonly handlebars: string;
  readonly specs: Readonly<Record<string, TemplateSpecification>>;
}
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

const precompiledFile = new URL('./precompiled.cjs', import.meta.url);
let precompiled: Precompiled['specs'] | null | undefined;

/**
 * The built-in templates as scripts/precompileTemplates.ts compiled them for dist/ (none when
 * run from src/, or by another Handlebars), loaded on first use.
 */
function precompiledSpecs(): Precompiled['specs'] | null {
  if (precompiled !== undefined) return precompiled;
  const module = existsSync(precompiledFile)
    ? (createRequire(import.meta.url)(fileURLToPath(precompiledFile)) as Precompiled)
    : undefined;
  precompiled = module?.handlebars === Handlebars.VERSION ? module.specs : null;
  return precompiled;
}

/**
 * A Handlebars instance with the German helpers. Every helper call that throws names its line
 * (Handlebars passes the call's `loc`), so that a failing template can be reported at its place.
 */
export function templateEnvironment(): typeof Handlebars {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  for (const [name, helper] of Object.entries(hbs.helpers)) {
    hbs.helpers[name] = function (this: unknown, ...args: unknown[]): unknown {
      try {
        return (helper as (...a: unknown[]) => unknown).apply(this, args);
      } catch (error) {
        throw locateAt(error, (args.at(-1) as { loc?: Loc } | undefined)?.loc);
      }
    };
  }
  return hbs;
}

/**
 * Compiles a template set (pure). `transform` may rewrite each text first (the marked copy that
 * locates an HTML fault). A template that throws while rendering throws a TemplateRuntimeError
 * naming its file.
 */
export function compileTemplates(
  sources: readonly TemplateSource[],
  transform: (source: TemplateSource) => string = (s) => s.text,
): Templates {
  const hbs = templateEnvironment();
  const digest = createHash('sha256');
  const compiled = new Map<string, Delegate>();
  for (const source of sources) {
    digest.update(`${source.path}\0${source.file}\0${source.text}\0`);
    const text = transform(source);
    // the same text precompiled for dist/ (built-in templates), or compiled here
    const spec = precompiledSpecs()?.[sha256(text)];
    const template = spec === undefined ? hbs.compile(text, compileOptions) : hbs.template(spec);
    const located: Delegate = (context, options) => {
      try {
        return template(context, options);
      } catch (error) {
        throw locateIn(error, source.file);
      }
    };
    compiled.set(source.path, located);
    const partial = partialName(source.path);
    if (partial !== null) hbs.registerPartial(partial, located);
  }
  const get = (path: string): Delegate => {
    const template = compiled.get(path);
    if (!template) throw new Error(`template ${path} missing`);
    return template;
  };
  return {
    vorlage: get('vorlage.hbs'),
    mappe: {
      einladung: get('sitzungsmappe/einladung.hbs'),
      nichtoeffentlich: get('sitzungsmappe/nichtoeffentlich.hbs'),
    },
    fingerprint: digest.digest('hex'),
    sources,
    hasOwn: sources.some((s) => s.own),
  };
}
