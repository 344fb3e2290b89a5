/**
 * `ratsmappe neu …`: new files a clerk fills in instead of reading a schema. Each file passes
 * `check` at once (warnings allowed: a new Vorlage is on no agenda yet), starts with a
 * `# yaml-language-server: $schema=…` line for the editor and carries a German comment above
 * every field (its title and description from the schema). Nothing is ever overwritten.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, isMap, isPair, isScalar, isSeq, parse, parseDocument, type Node } from 'yaml';
import { nearest } from '../check/describe.js';
import {
  exampleNumber,
  folderOf,
  isScheme,
  numberOfFolder,
  parseNumber,
  schemeOf,
} from '../format/vorlagennummer.js';

/** A misuse or a refusal (a file that exists, an unknown kind): German, exit code 1 or 2. */
export class ScaffoldError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

const schemaDir = fileURLToPath(new URL('../../schemas/', import.meta.url));
const editorDir = join(schemaDir, 'editor');

type SchemaNode = Record<string, unknown>;

/** a schema by file name in schemas/, or by its path (a content folder's own kind) */
const loadSchema = (file: string): SchemaNode =>
  JSON.parse(readFileSync(isAbsolute(file) ? file : join(schemaDir, file), 'utf8')) as SchemaNode;

/** The schema node a `$ref` points to (`gemeinsam.schema.json#/$defs/text`), or the node. */
function resolve(node: SchemaNode, base: string): { node: SchemaNode; base: string } {
  const ref = node.$ref;
  if (typeof ref !== 'string') return { node, base };
  const [file = '', pointer = ''] = ref.split('#');
  // a reference from an own kind's schema to the shared definitions resolves in schemas/
  const target = file === '' ? base : file;
  let found: unknown = loadSchema(target);
  for (const part of pointer.split('/').filter(Boolean)) found = (found as SchemaNode)[part];
  return { node: { ...(found as SchemaNode), ...node, $ref: undefined }, base: target };
}

const propertiesOf = (node: SchemaNode, base: string): Record<string, SchemaNode> => {
  const { node: resolved } = resolve(node, base);
  const items = resolved.items as SchemaNode | undefined;
  const own = resolved.properties as Record<string, SchemaNode> | undefined;
  if (own) return own;
  return items ? propertiesOf(items, base) : {};
};

/** A comment line above every key: „Titel: Beschreibung“ from the schema. */
function comment(doc: Document, schemaFile: string): void {
  const visit = (node: Node | null, schema: SchemaNode | undefined, base: string): void => {
    if (schema === undefined || node === null) return;
    if (isSeq(node)) {
      const { node: resolved, base: b } = resolve(schema, base);
      const items = resolved.items as SchemaNode | undefined;
      for (const item of node.items) {
        visit(item as Node, items, b);
        // the first key's comment goes above the item's „- “, not between dash and key
        const first = isMap(item) ? item.items[0] : undefined;
        if (isMap(item) && first && isScalar(first.key) && first.key.commentBefore) {
          item.commentBefore = first.key.commentBefore;
          first.key.commentBefore = null;
        }
      }
      return;
    }
    if (!isMap(node)) return;
    const { base: b } = resolve(schema, base);
    const properties = propertiesOf(schema, base);
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const field = properties[String(pair.key.value)];
      if (field === undefined) continue;
      const { node: described, base: fb } = resolve(field, b);
      const title = typeof field.title === 'string' ? field.title : described.title;
      const description =
        typeof field.description === 'string' ? field.description : described.description;
      const text = [title, description].filter((t) => typeof t === 'string').join(': ');
      if (text !== '') pair.key.commentBefore = ` ${text}`;
      visit(pair.value as Node, field, fb);
    }
  };
  visit(doc.contents, loadSchema(schemaFile), schemaFile);
}

/** The text of a new file: the editor's schema line, a heading comment, the commented fields. */
function fileText(
  target: string,
  editorSchema: string,
  heading: string,
  value: unknown,
  schemaFile: string,
): string {
  const doc = new Document(value);
  comment(doc, schemaFile);
  const schemaPath = relative(dirname(target), join(editorDir, editorSchema)).split(sep).join('/');
  return `# yaml-language-server: $schema=${schemaPath}\n# ${heading}\n${doc.toString({ lineWidth: 0 })}`;
}

const writeNew = (target: string, text: string): void => {
  if (existsSync(target))
    throw new ScaffoldError(
      `Die Datei „${target}“ gibt es schon; ratsmappe überschreibt nichts. Wählen Sie einen anderen Namen oder löschen Sie die Datei.`,
      1,
    );
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text, { flag: 'wx' });
};

interface Koerperschaft {
  readonly name: string;
  readonly vorlagennummer: string;
  readonly gremien: readonly { readonly name: string }[];
}

function koerperschaftOf(content: string): Koerperschaft {
  const file = join(content, 'koerperschaft.yaml');
  if (!existsSync(file))
    throw new ScaffoldError(
      `In „${content}“ fehlt koerperschaft.yaml (Name, Nummernschema, Gremien). Legen Sie sie zuerst an.`,
      2,
    );
  const value = parse(readFileSync(file, 'utf8')) as Partial<Koerperschaft> | null;
  if (!value || typeof value.name !== 'string' || typeof value.vorlagennummer !== 'string')
    throw new ScaffoldError(
      `koerperschaft.yaml in „${content}“ ist unvollständig; „ratsmappe check“ sagt, was fehlt.`,
      1,
    );
  return { name: value.name, vorlagennummer: value.vorlagennummer, gremien: value.gremien ?? [] };
}

const meetings = (content: string): { file: string; value: Record<string, unknown> }[] => {
  const dir = join(content, 'sitzungen');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => ({
      file: n,
      value: (parse(readFileSync(join(dir, n), 'utf8')) ?? {}) as Record<string, unknown>,
    }));
};

const isoDay = (text: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));

const today = (): string => new Date().toISOString().slice(0, 10);

/** A name for a file: lower case, umlauts spelt out, hyphens. */
export const slug = (text: string): string =>
  text
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function gremiumOf(k: Koerperschaft, gremium: string): string {
  const names = k.gremien.map((g) => g.name);
  if (names.includes(gremium)) return gremium;
  const guess = nearest(gremium, names);
  throw new ScaffoldError(
    `Das Gremium „${gremium}“ steht nicht unter „gremien“ in koerperschaft.yaml.${guess ? ` Meinten Sie „${guess}“?` : ''} Bekannt sind: ${names.join(', ')}.`,
    2,
  );
}

/** `neu sitzung <datum> <gremium>`: content/sitzungen/<datum>-<gremium>.yaml. */
export function neueSitzung(content: string, datum: string, gremium: string): string {
  if (!isoDay(datum))
    throw new ScaffoldError(`„${datum}“ ist kein Datum im Format JJJJ-MM-TT, z. B. 2025-03-18.`, 2);
  const k = koerperschaftOf(content);
  const name = gremiumOf(k, gremium);
  const previous = meetings(content).at(-1)?.value;
  const wahlperiode = previous?.wahlperiode ?? new Date(datum).getFullYear();
  const target = join(content, 'sitzungen', `${datum}-${slug(name)}.yaml`);
  const value = {
    koerperschaft: k.name,
    gremium: name,
    wahlperiode,
    datum,
    beginn: '17:00',
    ort: typeof previous?.ort === 'string' ? previous.ort : 'Sitzungssaal',
    tagesordnung: [
      { titel: 'Genehmigung der Niederschrift der letzten Sitzung' },
      { titel: 'Mitteilungen der Verwaltung' },
      { titel: 'Anfragen', oeffentlich: true },
    ],
  };
  writeNew(
    target,
    fileText(
      target,
      'sitzung.schema.json',
      `Sitzung: ${name} am ${datum}`,
      value,
      'sitzung.schema.json',
    ),
  );
  return target;
}

/** The next free number: the largest Laufnummer of the same Wahlperiode/year, plus one. */
export function nextNumber(
  content: string,
  k: Koerperschaft,
  wahlperiode: unknown,
  jahr: number,
): string {
  const scheme = schemeOf(k.vorlagennummer);
  if (!isScheme(scheme))
    throw new ScaffoldError(
      `Das Nummernschema in koerperschaft.yaml ist nicht verwendbar: ${scheme.fehler} „ratsmappe check“ sagt, was zu tun ist.`,
      1,
    );
  const wp = Number(wahlperiode);
  const dir = join(content, 'vorlagen');
  const used = existsSync(dir)
    ? readdirSync(dir).flatMap((folder) => {
        const nummer = numberOfFolder(scheme, folder);
        const parts = nummer === null ? null : parseNumber(scheme, nummer);
        if (
          parts === null ||
          (parts.wahlperiode !== undefined && parts.wahlperiode !== wp) ||
          (parts.jahr !== undefined && parts.jahr !== jahr)
        )
          return [];
        return [Number(parts.laufnummer)];
      })
    : [];
  const next = (used.length === 0 ? 0 : Math.max(...used)) + 1;
  return exampleNumber(scheme, {
    ...(Number.isFinite(wp) ? { wahlperiode: wp } : {}),
    jahr,
    laufnummer: String(next),
  });
}

export const vorlagenArten = [
  'Beschlussvorlage',
  'Mitteilungsvorlage',
  'Ergänzungsvorlage',
] as const;

/** `neu vorlage [nummer] --art …`: content/vorlagen/<ordner>/vorlage.yaml with one text section. */
export function neueVorlage(
  content: string,
  nummer: string | undefined,
  art: string,
): { nummer: string; files: string[] } {
  if (!(vorlagenArten as readonly string[]).includes(art)) {
    const guess = nearest(art, vorlagenArten);
    throw new ScaffoldError(
      `„${art}“ ist keine Vorlagenart.${guess ? ` Meinten Sie „${guess}“?` : ''} Möglich: ${vorlagenArten.join(', ')}.`,
      2,
    );
  }
  const k = koerperschaftOf(content);
  const last = meetings(content).at(-1)?.value;
  const datum = today();
  const chosen =
    nummer ??
    nextNumber(content, k, last?.wahlperiode ?? new Date().getFullYear(), new Date().getFullYear());
  const folder = join(content, 'vorlagen', folderOf(chosen));
  if (existsSync(folder))
    throw new ScaffoldError(
      `Die Vorlage ${chosen} gibt es schon (${folder}); ratsmappe überschreibt nichts. Für einen weiteren Abschnitt: ratsmappe neu abschnitt ${chosen} text`,
      1,
    );
  const gremium = typeof last?.gremium === 'string' ? last.gremium : (k.gremien[0]?.name ?? 'Rat');
  const beratung = typeof last?.datum === 'string' && last.datum >= datum ? last.datum : datum;
  const header = {
    nummer: chosen,
    art,
    betreff: 'Betreff der Vorlage',
    federfuehrung: 'Federführendes Amt',
    datum,
    oeffentlich: true,
    version: 1,
    beratungsfolge: [
      {
        gremium,
        datum: beratung,
        zustaendigkeit: art === 'Beschlussvorlage' ? 'Entscheidung' : 'Kenntnisnahme',
      },
    ],
    beschlussvorschlag:
      art === 'Beschlussvorlage'
        ? `Der ${gremium} beschließt …`
        : 'Der Bericht der Verwaltung wird zur Kenntnis genommen.',
    begruendung: ['Hier steht die Begründung.'],
    abschnitte: ['sachstand.yaml'],
  };
  const headerFile = join(folder, 'vorlage.yaml');
  writeNew(
    headerFile,
    fileText(
      headerFile,
      'vorlagenordner.schema.json',
      `Vorlage ${chosen}`,
      header,
      'vorlage.schema.json',
    ),
  );
  const section = join(folder, 'sachstand.yaml');
  writeNew(section, sectionText(section, 'text', 'Sachstand'));
  return { nummer: chosen, files: [headerFile, section] };
}

/** The built-in kinds a new section can have, with the schema that describes it. */
export const abschnittsarten: Readonly<Record<string, string>> = {
  text: 'text.schema.json',
  schwerpunktziele: 'schwerpunktziele.schema.json',
  integrationspauschale: 'integrationspauschale.schema.json',
  sprachmittlerpool: 'sprachmittlerpool.schema.json',
  uma: 'uma.schema.json',
};

/** A sample of each kind that passes every check (figures that add up), to be overwritten. */
function sample(art: string, titel: string, gremium: string): Record<string, unknown> {
  const year = new Date().getFullYear();
  switch (art) {
    case 'schwerpunktziele':
      return {
        art,
        titel,
        zeitraum: { von: year, bis: year + 1 },
        einleitung: ['Hier steht, wozu die Schwerpunktziele dienen.'],
        ziele: [
          { bereich: 'Querschnitt', ziel: 'Das erste Ziel.' },
          { bereich: 'Bildung', ziel: 'Das zweite Ziel.' },
        ],
      };
    case 'integrationspauschale':
      return {
        art,
        titel,
        zuweisung: {
          betrag: 100000,
          zeitpunkt: `Anfang ${String(year)}`,
          rechtsgrundlage: '§ 14c Teilhabe- und Integrationsgesetz',
        },
        verwendungszeitraum: { von: `${String(year)}-01-01`, bis: `${String(year)}-12-31` },
        aufteilung: {
          beschluss: { gremium, datum: `${String(year)}-01-15` },
          jahre: [{ jahr: year, betrag: 100000 }],
        },
        erlaeuterung: ['Hier steht, wofür die Mittel verwendet werden.'],
      };
    case 'sprachmittlerpool':
      return {
        art,
        titel,
        ehrenamtliche: { anzahl: 10, ca: true },
        sprachen: ['Arabisch', 'Farsi', 'Türkisch'],
        einsaetze: {
          jahr: year - 1,
          anzahl: 100,
          je_werktag: { anzahl: 1, ca: true },
          anteil_ehrenamtlich: '2/3',
        },
        anfragen_nach_kommune: [{ kommune: 'Musterstadt', anzahl: 100 }],
        meistgefragte_sprachen: [
          { sprache: 'Arabisch', anzahl: 60 },
          { sprache: 'Farsi', anzahl: 40 },
        ],
        kosten: { gesamt: 10000, landesfoerderung_prozent: 40 },
        inhalt: ['Hier steht, was die Zahlen bedeuten.'],
      };
    case 'uma':
      return {
        art,
        titel,
        nrw: {
          aktuell: {
            anzahl: 5000,
            stand: `${String(year - 1)}-12-31`,
            quelle: 'Rundschreiben des Landes',
          },
          hoechststand: { anzahl: 13518, stand: '2017-01-05' },
        },
        aufnahmequote: {
          aktuell: { anzahl: 40, stand: `${String(year - 1)}-12-31` },
          hoechststand: { anzahl: 103, stand: '2017-01-05' },
        },
        verlauf: [
          { stand: `${String(year - 2)}-12-31`, anzahl: 30 },
          { stand: `${String(year - 1)}-12-31`, anzahl: 20 },
        ],
        bestand: {
          stichtag: `${String(year - 1)}-12-31`,
          inobhutnahme: 2,
          hilfen_zur_erziehung: { stationaer: 8, pflegefamilie: 2 },
          junge_volljaehrige: { ambulant: 5, stationaer: 2, pflegefamilie: 1 },
        },
        inhalt: ['Hier steht, was die Zahlen bedeuten.'],
      };
    default:
      return { art, titel, inhalt: ['Hier steht der Text des Abschnitts.'] };
  }
}

function sectionText(target: string, art: string, titel: string, gremium = 'Rat'): string {
  return fileText(
    target,
    'vorlagenordner.schema.json',
    `Abschnitt (art: ${art})`,
    sample(art, titel, gremium),
    abschnittsarten[art] ?? 'text.schema.json',
  );
}

/** The example a description gives („…, z. B. 63-2024-0117.“), if any. */
const exampleIn = (description: unknown): string | undefined => {
  if (typeof description !== 'string') return undefined;
  const m = /z\. ?B\. (.+?)(?:\.|\s\(|$)/.exec(description);
  return m?.[1]?.trim().replace(/^["„“]|["“”]$/g, '');
};

/**
 * A value for an own kind's field from its schema: consts and enums as given, the shared
 * definitions with plausible values, strings and numbers from the description's example.
 * `all`: every field, not only the required ones.
 */
function skeleton(node: SchemaNode, base: string, all: boolean): unknown {
  const ref = typeof node.$ref === 'string' ? node.$ref : '';
  const shared = /gemeinsam\.schema\.json#\/\$defs\/(\w+)$/.exec(ref)?.[1];
  const example = exampleIn(node.description);
  switch (shared) {
    case 'datum':
      return today();
    case 'monat':
      return today().slice(0, 7);
    case 'jahr':
      return new Date().getFullYear();
    case 'betrag':
    case 'anzahl':
    case 'ungefaehreAnzahl':
    case 'ungefaehrerBetrag':
      return Number(example ?? 1) || 1;
    case 'text':
      return example ?? 'Text';
    case 'textbloecke':
      return ['Hier steht der Text.'];
    default:
  }
  const { node: n, base: b } = resolve(node, base);
  if ('const' in n) return n.const;
  if (Array.isArray(n.enum)) return n.enum[0];
  if (n.type === 'object' || n.properties !== undefined) {
    const properties = (n.properties ?? {}) as Record<string, SchemaNode>;
    const required = new Set(Array.isArray(n.required) ? (n.required as string[]) : []);
    return Object.fromEntries(
      Object.entries(properties)
        .filter(([key]) => all || required.has(key) || key === 'art' || key === 'titel')
        .map(([key, sub]) => [key, skeleton(sub, b, all)]),
    );
  }
  if (n.type === 'array') {
    const items = (n.items ?? {}) as SchemaNode;
    return typeof n.minItems === 'number' && n.minItems > 0 ? [skeleton(items, b, all)] : [];
  }
  if (n.type === 'integer' || n.type === 'number') {
    const fromExample = Number(example);
    if (Number.isFinite(fromExample) && example !== undefined) return fromExample;
    return typeof n.minimum === 'number' ? n.minimum : 1;
  }
  if (n.type === 'boolean') return false;
  return example ?? 'Text';
}

/** The own section kinds of a content folder: kind → its schema's path. */
function ownKinds(content: string): Map<string, string> {
  const dir = join(content, 'abschnittsarten');
  if (!existsSync(dir)) return new Map();
  return new Map(
    readdirSync(dir)
      .filter((n) => n.endsWith('.schema.json'))
      .map((n) => [n.slice(0, -'.schema.json'.length), resolvePath(dir, n)]),
  );
}

/** `neu abschnitt <nummer> <art>`: a section file, added to the Vorlage's `abschnitte`. */
export function neuerAbschnitt(content: string, nummer: string, art: string): string {
  // every built-in kind has a sample whose figures pass the checks; own kinds get theirs from
  // their schema (the caller checks the result)
  const own = ownKinds(content);
  const kinds = [...Object.keys(abschnittsarten), ...own.keys()];
  if (!kinds.includes(art)) {
    const guess = nearest(art, kinds);
    throw new ScaffoldError(
      `Für die Art „${art}“ legt ratsmappe noch keinen Abschnitt an.${guess ? ` Meinten Sie „${guess}“?` : ''} Möglich: ${kinds.join(', ')}.`,
      2,
    );
  }
  const folder = join(content, 'vorlagen', folderOf(nummer));
  const headerFile = join(folder, 'vorlage.yaml');
  if (!existsSync(headerFile))
    throw new ScaffoldError(
      `Die Vorlage ${nummer} gibt es nicht (${headerFile} fehlt). Neu anlegen: ratsmappe neu vorlage ${nummer}`,
      2,
    );
  let name = `${art}.yaml`;
  for (let i = 2; existsSync(join(folder, name)); i++) name = `${art}-${String(i)}.yaml`;
  const k = koerperschaftOf(content);
  const target = join(folder, name);
  const titel = art === 'text' ? 'Neuer Abschnitt' : art.charAt(0).toUpperCase() + art.slice(1);
  const ownSchema = own.get(art);
  if (ownSchema !== undefined && abschnittsarten[art] === undefined) {
    const value = { ...(skeleton(loadSchema(ownSchema), ownSchema, true) as object), art, titel };
    const doc = new Document(value);
    comment(doc, ownSchema);
    const schemaPath = relative(dirname(target), ownSchema).split(sep).join('/');
    writeNew(
      target,
      `# yaml-language-server: $schema=${schemaPath}\n# Abschnitt (art: ${art})\n${doc.toString({ lineWidth: 0 })}`,
    );
  } else writeNew(target, sectionText(target, art, titel, k.gremien[0]?.name));
  // the header lists it, with its comments kept
  const doc = parseDocument(readFileSync(headerFile, 'utf8'));
  const list = doc.get('abschnitte', true);
  if (isSeq(list)) list.add(doc.createNode(name));
  else doc.set('abschnitte', [name]);
  writeFileSync(headerFile, doc.toString({ lineWidth: 0 }));
  return target;
}
