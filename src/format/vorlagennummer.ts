/**
 * The body's numbering scheme for Vorlagen, written as a pattern in koerperschaft.yaml:
 * `V/{jahr}/{laufnummer:4}`, `DS {wahlperiode}/{laufnummer}`, `{laufnummer}/{jahr}`,
 * `Vorlage {wahlperiode}-{laufnummer}`. Pure functions: parse the pattern, match numbers, make examples, map a
 * number to its folder and back.
 */

export type Placeholder = 'wahlperiode' | 'jahr' | 'laufnummer';

export type Token =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'placeholder'; readonly name: Placeholder; readonly width: number };

export interface NumberScheme {
  /** the pattern as written */
  readonly pattern: string;
  readonly tokens: readonly Token[];
  /** the whole number, anchored */
  readonly exact: RegExp;
  /** source of a regex for numbers inside running text (no anchors, no flags) */
  readonly inText: string;
}

/** The parts of a number. */
export interface NumberParts {
  readonly wahlperiode?: number;
  readonly jahr?: number;
  readonly laufnummer: string;
}

const placeholders: readonly Placeholder[] = ['wahlperiode', 'jahr', 'laufnummer'];
/** letters, digits, space and - / . _ : what a folder name can hold once / and space are - */
const notLiteral = /[^\p{L}\p{N} ./_-]/u;
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** the digits a placeholder stands for, as a capturing group */
const placeholderRegex = (name: Placeholder, width: number): string =>
  name === 'wahlperiode'
    ? '([1-9][0-9]{0,2})'
    : name === 'jahr'
      ? '((?:19|20|21)[0-9]{2})'
      : `([0-9]{${String(width)},9})`;

/** the regex source of a pattern's tokens; `literal` maps the literal parts (for folders) */
const regexOf = (tokens: readonly Token[], literal = (text: string) => text): string =>
  tokens
    .map((t) =>
      t.kind === 'literal' ? escapeRegex(literal(t.text)) : placeholderRegex(t.name, t.width),
    )
    .join('');

/** A folder name: every `/` and space of the number becomes `-` (V/2024/0815 → V-2024-0815). */
export const folderOf = (nummer: string): string => nummer.replace(/[/\s]/g, '-');

/**
 * Parses a pattern. Returns the scheme, or a German reason why the pattern cannot be used
 * (for the diagnostic at `vorlagennummer`).
 */
export function parseScheme(pattern: string): NumberScheme | { readonly fehler: string } {
  const tokens: Token[] = [];
  const seen = new Set<Placeholder>();
  let rest = pattern;
  while (rest.length > 0) {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (close >= 0 && (open < 0 || close < open))
      return { fehler: 'eine geschweifte Klammer „}“ wird geschlossen, aber nicht geöffnet' };
    if (open < 0) {
      tokens.push({ kind: 'literal', text: rest });
      break;
    }
    if (open > 0) tokens.push({ kind: 'literal', text: rest.slice(0, open) });
    if (close < 0) return { fehler: 'eine geschweifte Klammer „{“ wird nicht geschlossen' };
    const inner = rest.slice(open + 1, close);
    const m = /^(\w+)(?::([1-9]))?$/.exec(inner);
    const name = m?.[1] as Placeholder | undefined;
    if (!m || name === undefined || !placeholders.includes(name) || (m[2] && name !== 'laufnummer'))
      return {
        fehler: `den Platzhalter „{${inner}}“ gibt es nicht; möglich sind {wahlperiode}, {jahr}, {laufnummer} und {laufnummer:4}`,
      };
    if (seen.has(name)) return { fehler: `der Platzhalter {${name}} steht zweimal im Muster` };
    seen.add(name);
    const previous = tokens.at(-1);
    if (previous?.kind === 'placeholder')
      return {
        fehler: `zwischen {${previous.name}} und {${name}} muss ein Zeichen stehen, z. B. „-“ oder „/“, sonst lassen sich die Zahlen nicht trennen`,
      };
    tokens.push({ kind: 'placeholder', name, width: Number(m[2] ?? 1) });
    rest = rest.slice(close + 1);
  }
  if (!seen.has('laufnummer'))
    return {
      fehler: 'der Platzhalter {laufnummer} fehlt; ohne ihn hätten alle Vorlagen dieselbe Nummer',
    };
  for (const t of tokens) {
    if (t.kind !== 'literal') continue;
    const bad = notLiteral.exec(t.text)?.[0];
    if (bad !== undefined)
      return {
        fehler: `das Zeichen „${bad}“ kann in einer Vorlagennummer nicht stehen; möglich sind Buchstaben, Ziffern, Leerzeichen und - / . _`,
      };
  }
  if (/^[\s.]|\s$/.test(pattern))
    return {
      fehler:
        'das Muster darf nicht mit einem Leerzeichen oder Punkt beginnen und nicht mit einem Leerzeichen enden',
    };
  const body = regexOf(tokens);
  const uncaptured = regexOf(tokens).replace(/\((?!\?)/g, '(?:');
  return {
    pattern,
    tokens,
    exact: new RegExp(`^${body}$`, 'u'),
    inText: `(?<![\\p{L}\\p{N}_])${uncaptured}(?![\\p{L}\\p{N}_])`,
  };
}

export const isScheme = (s: NumberScheme | { readonly fehler: string }): s is NumberScheme =>
  'tokens' in s;

const fromGroups = (scheme: NumberScheme, groups: readonly (string | undefined)[]): NumberParts => {
  const names = scheme.tokens.flatMap((t) => (t.kind === 'placeholder' ? [t.name] : []));
  const value = (name: Placeholder) => groups[names.indexOf(name)];
  const wahlperiode = value('wahlperiode');
  const jahr = value('jahr');
  return {
    ...(wahlperiode === undefined ? {} : { wahlperiode: Number(wahlperiode) }),
    ...(jahr === undefined ? {} : { jahr: Number(jahr) }),
    laufnummer: value('laufnummer') ?? '',
  };
};

/** The parts of a number, or null when it does not follow the scheme. */
export function parseNumber(scheme: NumberScheme, nummer: string): NumberParts | null {
  const m = scheme.exact.exec(nummer);
  return m ? fromGroups(scheme, m.slice(1)) : null;
}

/** A number made from the scheme, for messages: the given parts or plausible ones. */
export function exampleNumber(scheme: NumberScheme, parts: Partial<NumberParts> = {}): string {
  return scheme.tokens
    .map((t) => {
      if (t.kind === 'literal') return t.text;
      if (t.name === 'wahlperiode') return String(parts.wahlperiode ?? 10);
      if (t.name === 'jahr') return String(parts.jahr ?? 2024);
      return (parts.laufnummer ?? '123').padStart(t.width, '0');
    })
    .join('');
}

/** The number a folder stands for (V-2024-0815 → V/2024/0815), or null when none fits. */
export function numberOfFolder(scheme: NumberScheme, folder: string): string | null {
  const m = new RegExp(`^${regexOf(scheme.tokens, folderOf)}$`, 'u').exec(folder);
  if (!m) return null;
  let group = 1;
  return scheme.tokens.map((t) => (t.kind === 'literal' ? t.text : (m[group++] ?? ''))).join('');
}

/** Every Vorlage number in a text, with its offset. */
export function numbersInText(
  scheme: NumberScheme,
  text: string,
): { readonly nummer: string; readonly index: number }[] {
  return [...text.matchAll(new RegExp(scheme.inText, 'gu'))].map((m) => ({
    nummer: m[0],
    index: m.index,
  }));
}

const schemes = new Map<string, NumberScheme | { readonly fehler: string }>();

/** parseScheme, once per pattern. */
export function schemeOf(pattern: string): NumberScheme | { readonly fehler: string } {
  let scheme = schemes.get(pattern);
  if (scheme === undefined) {
    scheme = parseScheme(pattern);
    schemes.set(pattern, scheme);
  }
  return scheme;
}
