import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedContent } from '../load/loadContent.js';
import { positionAt, type Source } from '../load/positions.js';
import { checkAnlagen } from './checkAnlagen.js';
import { isScheme, schemeOf } from '../format/vorlagennummer.js';
import { checkFigures } from './checkFigures.js';
import {
  checkGlyphs,
  coverageOfFonts,
  defaultCoverage,
  type GlyphCoverage,
} from './checkGlyphs.js';
import { checkGremien } from './checkGremien.js';
import { checkKoerperschaft, type Koerperschaft } from './checkKoerperschaft.js';
import { checkNumbering } from './checkNumbering.js';
import { checkReferences, numbersOfFolders } from './checkReferences.js';
import { checkImages } from './checkImages.js';
import { checkTables } from './checkTables.js';
import type { OwnKind } from './ownKinds.js';
import { sha256Once } from '../write/digest.js';
import {
  isSectionKind,
  schemaCheck,
  sectionKinds,
  validateSchema,
  type SchemaName,
} from './validateSchema.js';

/** Sources that passed their schema, so later stages may rely on their shape. */
export interface CheckedContent {
  readonly valid: ReadonlySet<Source>;
  /** the body's settings, null when koerperschaft.yaml is missing or faulty */
  readonly koerperschaft: Koerperschaft | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Runs every check on every file; one faulty file never hides faults in others. */
export function checkContent(
  content: LoadedContent,
  ownKinds: ReadonlyMap<string, OwnKind> = new Map(),
): CheckedContent {
  const diagnostics: Diagnostic[] = [...content.diagnostics];
  const valid = new Set<Source>();
  const kinds = [...sectionKinds, ...ownKinds.keys()];
  const { verdicts } = content;
  // a check of one file alone that found nothing at an earlier build (same bytes, same tool,
  // same schemas or fonts) is not run again (verdicts.ts); what it finds now is reported
  const once = (source: Source, check: string, run: () => Diagnostic[]): Diagnostic[] => {
    if (verdicts?.passed(source, check)) return [];
    const found = run();
    if (found.length === 0) verdicts?.pass(source, check);
    return found;
  };
  const validate = (source: Source, schema: SchemaName | OwnKind): void => {
    try {
      const found =
        typeof schema === 'string'
          ? once(source, schemaCheck(schema), () => validateSchema(source, schema))
          : schema.check(source);
      diagnostics.push(...found);
      if (found.length === 0) valid.add(source);
    } catch (error) {
      diagnostics.push(diagnose('RM110', source.file, { line: 1, column: 1 }, {}, String(error)));
    }
  };
  if (content.koerperschaft) validate(content.koerperschaft, 'koerperschaft');
  for (const m of content.meetings) validate(m, 'sitzung');
  for (const vorlage of content.vorlagen.values()) {
    if (vorlage.header) validate(vorlage.header, 'vorlage');
    if (!vorlage.headerPresent) {
      diagnostics.push(
        diagnose(
          'RM512',
          `vorlagen/${vorlage.folder}`,
          { line: 1, column: 1 },
          { folder: vorlage.folder },
        ),
      );
    }
    for (const section of vorlage.sections.values()) {
      const art = (section.value as { art?: unknown }).art;
      const own = typeof art === 'string' ? ownKinds.get(art) : undefined;
      if (isSectionKind(art)) {
        validate(section, art);
      } else if (own) {
        validate(section, own);
      } else if (art === undefined) {
        diagnostics.push(
          diagnose(
            'RM301',
            section.file,
            { line: 1, column: 1 },
            {
              field: 'art',
              where: '',
              description: `Die Art des Abschnitts: ${kinds.join(', ')}; für freien Text „art: text“.`,
            },
          ),
        );
      } else {
        diagnostics.push(
          diagnose('RM310', section.file, positionAt(section, ['art']), {
            value: typeof art === 'string' ? art : JSON.stringify(art),
            allowed: kinds.join(', '),
          }),
        );
      }
    }
  }
  // A number the loader says was misread (RM2…, e.g. 350.000 read as 350) would only make
  // follow-on faults (a sum that is 349.650,00 € off): that file's figures are checked once
  // it is written as meant, as with a file that failed its schema.
  const misread = new Set(content.diagnostics.filter(isMisread).map((d) => d.file));
  for (const source of valid) {
    if (misread.has(source.file)) continue;
    try {
      diagnostics.push(
        ...once(source, 'zahlen-und-tabellen', () => [
          ...checkFigures(source),
          ...checkTables(source),
        ]),
      );
    } catch (error) {
      diagnostics.push(diagnose('RM110', source.file, { line: 1, column: 1 }, {}, String(error)));
    }
  }
  const koerperschaft = checkBody(content, valid, diagnostics);
  // characters the PDF's fonts cannot print: the body's own font where it has one
  const coverage = glyphCoverageOf(koerperschaft);
  const glyphs = `zeichen:${fontsDigest(koerperschaft)}`;
  for (const source of valid) {
    if (misread.has(source.file)) continue;
    try {
      diagnostics.push(...once(source, glyphs, () => checkGlyphs(source, coverage)));
    } catch (error) {
      diagnostics.push(diagnose('RM110', source.file, { line: 1, column: 1 }, {}, String(error)));
    }
  }
  const scheme = koerperschaft ? schemeOf(koerperschaft.vorlagennummer) : null;
  diagnostics.push(
    ...checkReferences(content, valid, scheme !== null && isScheme(scheme) ? scheme : null),
  );
  for (const vorlage of content.vorlagen.values()) {
    if (vorlage.header && valid.has(vorlage.header))
      diagnostics.push(...checkAnlagen(vorlage, content.anlagen.get(vorlage.folder) ?? []));
  }
  diagnostics.push(...checkImages(content, valid));
  return { valid, koerperschaft, diagnostics: withoutShadowed(diagnostics) };
}

/** The fonts the PDFs will use (the body's own, else Roboto), read only when a text needs it. */
function glyphCoverageOf(koerperschaft: Koerperschaft | null): () => GlyphCoverage {
  const font = koerperschaft?.design?.font;
  if (font === undefined) return defaultCoverage;
  let coverage: GlyphCoverage | undefined;
  return () => (coverage ??= coverageOfFonts(font.name, [font.normal.bytes, font.bold.bytes]));
}

/** Which fonts the glyph check asks: Roboto (its version is the tool's), or the body's own. */
function fontsDigest(koerperschaft: Koerperschaft | null): string {
  const font = koerperschaft?.design?.font;
  if (font === undefined) return 'Roboto';
  // the font files' digests are the render cache's too (sha256Once)
  return `${font.name}:${sha256Once(font.normal.bytes)}:${sha256Once(font.bold.bytes)}`;
}

/** koerperschaft.yaml, and what depends on it: numbers, Gremien, the meetings' body. */
function checkBody(
  content: LoadedContent,
  valid: ReadonlySet<Source>,
  diagnostics: Diagnostic[],
): Koerperschaft | null {
  const source = content.koerperschaft;
  if (!source || !valid.has(source)) return null;
  const checked = checkKoerperschaft(content, source);
  diagnostics.push(...checked.diagnostics);
  const { koerperschaft } = checked;
  if (koerperschaft === null) return null;
  const scheme = schemeOf(koerperschaft.vorlagennummer);
  const meetings = content.meetings.filter((m) => valid.has(m));
  const headers = [...content.vorlagen.values()].flatMap((v) =>
    v.header && valid.has(v.header) ? [v.header] : [],
  );
  const known = [...numbersOfFolders(content, valid, isScheme(scheme) ? scheme : null).values()];
  if (isScheme(scheme)) diagnostics.push(...checkNumbering(scheme, meetings, headers, known));
  const sections = [...content.vorlagen.values()].flatMap((v) =>
    [...v.sections.values()].filter((s) => valid.has(s)),
  );
  diagnostics.push(...checkGremien(koerperschaft, meetings, headers, sections));
  return koerperschaft;
}

/**
 * A loader diagnostic (e.g. "1.300 wurde als 1,3 gelesen") explains the schema error at the same
 * place better than the schema error itself; keep only the first.
 */
const isMisread = (d: Diagnostic): boolean => d.code.startsWith('RM2');

function withoutShadowed(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const loaderAt = new Set(
    diagnostics.filter(isMisread).map((d) => `${d.file}:${d.line}:${d.column}`),
  );
  return diagnostics.filter(
    (d) => !(d.code.startsWith('RM3') && loaderAt.has(`${d.file}:${d.line}:${d.column}`)),
  );
}
