// Writes schemas/editor/: the schemas of schemas/ for editors (yaml-language-server, VS Code's
// YAML extension), derived, never edited by hand (`npm run gen:editor`; a test fails when stale).
// What an editor needs beyond the checking schemas:
// - `markdownDescription` on every field: its title, its German description and an example
//   (from the description's „z. B.“, else the first value the example content in content/ has
//   for that field);
// - no `$id` (references resolve to the sibling files, not to the https address of the $id);
// - `errorMessage`/`patternErrorMessage` where a value has a form (dates, months): the German
//   description instead of the editor's English „String is not a RFC3339 date“;
// - `defaultSnippets` for text blocks (Absatz, Liste, Aufzählung, Zitat, Zwischenüberschrift,
//   Tabelle);
// - vorlagenordner.schema.json: one schema for every file of a Vorlage's folder that selects
//   the header's or the section kind's schema by `art`, so that `content/vorlagen/*/*.yaml`
//   maps to one schema (a section's schema depends on its `art`, which no file glob can see).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { isScheme, numbersInText, schemeOf } from '../src/format/vorlagennummer.js';

type Json = null | boolean | number | string | Json[] | Schema;
interface Schema {
  [key: string]: Json;
}

const root = new URL('..', import.meta.url);
const schemaDir = new URL('schemas/', root);
export const target = new URL('schemas/editor/', root);
const isObject = (v: Json | undefined): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The first value the example content gives a field, by field name, as YAML (at most 6 lines).
 * A value that cites a Vorlage number of the example body is left out: the editor schemas serve
 * every body, and its numbers follow its own pattern (the fallbacks below are generic).
 */
function examplesFromContent(): Map<string, string> {
  const found = new Map<string, string>();
  const body = parse(readFileSync(new URL('content/koerperschaft.yaml', root), 'utf8')) as {
    vorlagennummer: string;
  };
  const scheme = schemeOf(body.vorlagennummer);
  const citesNumber = (text: string): boolean =>
    isScheme(scheme) && numbersInText(scheme, text).length > 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object')
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const text = stringify({ [key]: v }, { lineWidth: 0 }).trimEnd();
        if (!found.has(key) && !citesNumber(text)) {
          const lines = text.split('\n');
          const short = lines.map((l) => (l.length > 80 ? `${l.slice(0, 77)}…` : l));
          found.set(
            key,
            short.length > 6 ? [...short.slice(0, 6), '  …'].join('\n') : short.join('\n'),
          );
        }
        visit(v);
      }
  };
  const walk = (dir: URL): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((x, y) =>
      x.name.localeCompare(y.name),
    )) {
      if (e.isDirectory()) walk(new URL(`${e.name}/`, dir));
      // koerperschaft.yaml is the example body's own settings, no example for another body
      else if (/\.ya?ml$/.test(e.name) && e.name !== 'koerperschaft.yaml')
        visit(parse(readFileSync(new URL(e.name, dir), 'utf8')));
    }
  };
  walk(new URL('content/', root));
  return found;
}

/** examples for fields the example content does not use */
const fallbackExamples: Readonly<Record<string, string>> = {
  liste: 'liste:\n  - erster Punkt\n  - zweiter Punkt',
  aufzaehlung: 'aufzaehlung:\n  - erstens\n  - zweitens',
  zitat: 'zitat: „Integration gelingt vor Ort.“',
  zwischenueberschrift: 'zwischenueberschrift: Ausblick',
  tabelle: 'tabelle:\n  kopf: [Jahr, Betrag]\n  zeilen:\n    - [2020, 350000]',
  kopf: 'kopf: [Jahr, Betrag]',
  zeilen: 'zeilen:\n  - [2020, 350000]\n  - [2021, 276377.32]',
  unterpunkte: 'unterpunkte:\n  - titel: Bericht des Jugendamtes\n    vorlage: V/2024/0817',
  aenderungen: 'aenderungen:\n  - Die Aufteilung auf die Jahre wurde berichtigt.',
  bezug: 'bezug: V/2024/0815',
  nummer: 'nummer: V/2024/0815',
  vorlagennummer: 'vorlagennummer: V/{jahr}/{laufnummer:4}',
  erlaeuterung: 'erlaeuterung:\n  - Die Mittel werden im Haushaltsjahr 2024 verwendet.',
  gestaltung:
    'gestaltung:\n  akzentfarbe: "#005A9C"\n  schrift:\n    name: Source Sans 3\n    normal: schrift/SourceSans3-Regular.ttf\n    fett: schrift/SourceSans3-Bold.ttf',
  schrift:
    'schrift:\n  name: Source Sans 3\n  normal: schrift/SourceSans3-Regular.ttf\n  fett: schrift/SourceSans3-Bold.ttf',
  kursiv: 'kursiv: schrift/SourceSans3-Italic.ttf',
  fettkursiv: 'fettkursiv: schrift/SourceSans3-BoldItalic.ttf',
  vorlage: 'vorlage: V/2024/0815',
  tagesordnung:
    'tagesordnung:\n  - titel: Sanierung der Sporthalle\n    vorlage: V/2024/0815\n  - titel: Anfragen und Mitteilungen',
  anlagen: 'anlagen:\n  - Lageplan (liegt in Papierform vor)',
  betrag: 'betrag: 976377.32',
  prozent: 'prozent: 40',
};

/** examples for text blocks whose key the example content uses in another sense (`diagramm: true` on a series) */
const blockExamples: Readonly<Record<string, string>> = {
  diagramm:
    'diagramm:\n  art: saeulen\n  titel: Kosten nach Gewerk\n  einheit: €\n  daten:\n    - {beschriftung: Sanitär, wert: 238000}',
};

const examples = new Map([
  ...Object.entries(fallbackExamples),
  ...examplesFromContent(),
  ...Object.entries(blockExamples),
]);

const textSnippets: Json = [
  { label: 'Absatz', description: 'Ein Absatz Text', body: '${1:Text des Absatzes}' },
  {
    label: 'Liste',
    description: 'Eine Liste mit Spiegelstrichen',
    body: { liste: ['${1:erster Punkt}', '${2:zweiter Punkt}'] },
  },
  {
    label: 'Aufzählung',
    description: 'Eine nummerierte Aufzählung',
    body: { aufzaehlung: ['${1:erstens}', '${2:zweitens}'] },
  },
  { label: 'Zitat', description: 'Ein Zitat', body: { zitat: '${1:zitierter Text}' } },
  {
    label: 'Zwischenüberschrift',
    description: 'Eine Überschrift im Text',
    body: { zwischenueberschrift: '${1:Überschrift}' },
  },
  {
    label: 'Tabelle',
    description: 'Eine Tabelle mit Kopfzeile',
    body: {
      tabelle: { kopf: ['${1:Spalte 1}', '${2:Spalte 2}'], zeilen: [['${3:Wert}', '${4:Wert}']] },
    },
  },
];

/** The field's help in the editor: title, description, an example. */
function describe(name: string, field: Schema): string | undefined {
  const title = typeof field.title === 'string' ? field.title : undefined;
  const description = typeof field.description === 'string' ? field.description : undefined;
  if (name === '' || (title === undefined && description === undefined && !examples.has(name)))
    return undefined;
  const parts = [`**${title ?? name}**`, description ?? ''].filter(Boolean);
  const example = examples.get(name);
  if (!/z\. ?B\.|Beispiel/.test(description ?? '') && example !== undefined)
    parts.push(`Beispiel:\n\n\`\`\`yaml\n${example}\n\`\`\``);
  return parts.join('\n\n');
}

/** A copy of the schema for editors (see the header). */
function forEditor(schema: Json, name = ''): Json {
  if (Array.isArray(schema)) return schema.map((s) => forEditor(s));
  if (!isObject(schema)) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$id') continue;
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([field, sub]) => [field, forEditor(sub, field)]),
      );
    } else if (key === '$defs' && isObject(value)) {
      out.$defs = Object.fromEntries(
        Object.entries(value).map(([def, sub]) => [def, forEditor(sub, def)]),
      );
    } else out[key] = forEditor(value);
  }
  // a value in the wrong form: the editor says what is expected, in German
  if (
    (schema.format !== undefined || schema.pattern !== undefined) &&
    typeof schema.description === 'string'
  )
    out.errorMessage = out.patternErrorMessage = schema.description;
  const help = describe(name, schema);
  if (help !== undefined) out.markdownDescription = help;
  if (name === 'textbloecke' && isObject(out.items))
    out.items = { ...out.items, defaultSnippets: textSnippets };
  return out;
}

/** file name → text of every schema of schemas/editor/, as they should be */
export function editorSchemas(): Map<string, string> {
  const names = readdirSync(schemaDir)
    .filter((n) => n.endsWith('.schema.json'))
    .sort();
  const schemas = new Map(
    names.map((n) => [n, JSON.parse(readFileSync(new URL(n, schemaDir), 'utf8')) as Schema]),
  );
  const out = new Map<string, string>();
  const write = (name: string, schema: Json): void => {
    out.set(name, `${JSON.stringify(schema, null, 2)}\n`);
  };
  for (const [name, schema] of schemas) write(name, forEditor(schema));

  // the folder of a Vorlage: vorlage.yaml (art: Beschlussvorlage, …) and its sections (art: text, …)
  const artOf = (schema: Schema): string[] => {
    const art = isObject(schema.properties) ? schema.properties.art : undefined;
    if (!isObject(art)) return [];
    if (typeof art.const === 'string') return [art.const];
    return Array.isArray(art.enum)
      ? art.enum.filter((v): v is string => typeof v === 'string')
      : [];
  };
  const kinds = [...schemas].flatMap(([file, schema]) =>
    artOf(schema).map((art) => ({ art, file })),
  );
  const vorlagenArten = artOf(schemas.get('vorlage.schema.json') ?? {});
  write('vorlagenordner.schema.json', {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Datei im Ordner einer Vorlage',
    description:
      'vorlage.yaml (art: Beschlussvorlage, Mitteilungsvorlage oder Ergänzungsvorlage) oder ein Abschnitt (art: text, sprachmittlerpool, …); das Feld art wählt, welche Felder gelten.',
    type: 'object',
    required: ['art'],
    properties: {
      art: {
        title: 'Art',
        description: 'Bei vorlage.yaml die Art der Vorlage, bei einem Abschnitt seine Art.',
        markdownDescription: `**Art**\n\nBei \`vorlage.yaml\` die Art der Vorlage (${vorlagenArten.join(', ')}), bei einem Abschnitt seine Art (${kinds
          .filter((k) => !vorlagenArten.includes(k.art))
          .map((k) => k.art)
          .join(', ')}).\n\nBeispiel: \`art: text\``,
        enum: kinds.map((k) => k.art),
      },
    },
    allOf: kinds.map(({ art, file }) => ({
      if: { properties: { art: { const: art } }, required: ['art'] },
      then: { $ref: file },
    })),
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(target, { recursive: true });
  const files = editorSchemas();
  for (const [name, text] of files) writeFileSync(new URL(name, target), text);
  process.stdout.write(`${fileURLToPath(target)}: ${String(files.size)} schemas\n`);
}
