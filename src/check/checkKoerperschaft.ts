import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { GremiumName } from '../format/genitiv.js';
import { isScheme, schemeOf } from '../format/vorlagennummer.js';
import type { LoadedContent } from '../load/loadContent.js';
import { positionAt, type Source } from '../load/positions.js';
import { isSafeContentPath } from '../load/readContent.js';
import type { Design, FontFile, Letterhead } from '../model/types.js';
import type { Koerperschaft as KoerperschaftYaml } from '../types/content.js';
import { checkSettingsFile, type FileKind } from './settingsFile.js';

/** The body's settings as the later stages use them: checked, files read. */
export interface Koerperschaft {
  readonly name: string;
  readonly anschrift: readonly string[];
  readonly logo?: Letterhead['logo'];
  /** the numbering pattern, e.g. V/{jahr}/{laufnummer:4} (already checked to parse) */
  readonly vorlagennummer: string;
  readonly gremien: readonly GremiumName[];
  readonly design?: Design;
}

export interface CheckedKoerperschaft {
  readonly koerperschaft: Koerperschaft | null;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * koerperschaft.yaml beyond its schema: the numbering pattern parses, Gremien are named once,
 * logo and font files exist inside content/, are what their names say and are not too large.
 */
export function checkKoerperschaft(content: LoadedContent, source: Source): CheckedKoerperschaft {
  const out: Diagnostic[] = [];
  const value = source.value as KoerperschaftYaml;
  const scheme = schemeOf(value.vorlagennummer);
  if (!isScheme(scheme)) {
    out.push(
      diagnose('RM802', source.file, positionAt(source, ['vorlagennummer']), {
        value: value.vorlagennummer,
        detail: scheme.fehler,
      }),
    );
  }
  const seen = new Set<string>();
  value.gremien.forEach((g, i) => {
    if (seen.has(g.name))
      out.push(
        diagnose('RM812', source.file, positionAt(source, ['gremien', i, 'name']), {
          value: g.name,
        }),
      );
    seen.add(g.name);
  });
  const file = (path: (string | number)[], name: string, kind: FileKind): Uint8Array | null => {
    const at = positionAt(source, path);
    if (!isSafeContentPath(name)) {
      out.push(
        diagnose('RM811', source.file, at, {
          value: name,
          example: kind === 'logo' ? 'logo.svg' : 'schrift/Regular.ttf',
        }),
      );
      return null;
    }
    const found = checkSettingsFile(source.file, at, name, kind, content.dateien.get(name));
    out.push(...found.diagnostics);
    return found.bytes;
  };
  let logo: Letterhead['logo'];
  if (value.logo !== undefined) {
    const bytes = file(['logo'], value.logo, 'logo');
    if (bytes)
      logo = /\.svg$/i.test(value.logo)
        ? { type: 'svg', svg: new TextDecoder().decode(bytes).replace(/^\uFEFF/, '') }
        : { type: 'png', bytes };
  }
  const schrift = value.gestaltung?.schrift;
  const font = (key: 'normal' | 'fett' | 'kursiv' | 'fettkursiv'): FontFile | undefined => {
    const name = schrift?.[key];
    if (name === undefined) return undefined;
    const bytes = file(['gestaltung', 'schrift', key], name, 'schrift');
    return bytes ? { bytes, file: name } : undefined;
  };
  const [normal, bold, italics, bolditalics] = [
    font('normal'),
    font('fett'),
    font('kursiv'),
    font('fettkursiv'),
  ];
  if (out.length > 0) return { koerperschaft: null, diagnostics: out };
  const accent = value.gestaltung?.akzentfarbe;
  const design: Design | undefined =
    accent === undefined && schrift === undefined
      ? undefined
      : {
          ...(accent === undefined ? {} : { accent: accent.toUpperCase() }),
          ...(schrift && normal && bold
            ? {
                font: {
                  name: schrift.name,
                  normal,
                  bold,
                  ...(italics ? { italics } : {}),
                  ...(bolditalics ? { bolditalics } : {}),
                },
              }
            : {}),
        };
  return {
    koerperschaft: {
      name: value.name,
      anschrift: value.anschrift,
      ...(logo ? { logo } : {}),
      vorlagennummer: value.vorlagennummer,
      gremien: value.gremien.map((g) => ({
        name: g.name,
        ...(g.genitiv === undefined ? {} : { genitiv: g.genitiv }),
      })),
      ...(design ? { design } : {}),
    },
    diagnostics: out,
  };
}
