/**
 * Content folders for the benchmark, made from the example in content/.
 *
 * generateMeeting(dir, n): the example meeting with n copies of SV-9-1601 (SV-9-2001 …
 * SV-9-2000+n), each a little different, every 10th non-public; the example's SV-9-1600 stays
 * TOP 1. generateLargeSection(dir): one Vorlage whose one text section is about 900 KB.
 *
 *   tsx bench/generateMeeting.ts <dir> <n>       n copies
 *   tsx bench/generateMeeting.ts <dir> large     the 900 KB section
 *
 * Both refuse a target folder that is not empty: left-over Vorlagen would not be on the agenda.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, isMap, isScalar, isSeq, parseDocument, visit, type ParsedNode } from 'yaml';
import { maxFileSize } from '../src/load/readContent.js';

const example = fileURLToPath(new URL('../content/', import.meta.url));
/** the example Vorlage that is copied */
const template = 'SV-9-1601';
/** the example Vorlage that stays as it is (TOP 1) */
const companion = 'SV-9-1600';
const firstNumber = 2001;
/** Vorlage numbers have at most five digits (schemas/gemeinsam.schema.json). */
export const maxCopies = 99999 - firstNumber + 1;
const toYaml = { lineWidth: 0 } as const;

/** The number of copy i (1-based): SV-9-2001, SV-9-2002, … */
export const copyNumber = (i: number): string => `SV-9-${firstNumber - 1 + i}`;
/** Every 10th copy is non-public and stands in the non-public part of the agenda. */
export const copyIsPublic = (i: number): boolean => i % 10 !== 0;

type Yaml = Document<ParsedNode>;
type Path = readonly (string | number)[];

interface Example {
  readonly meetingName: string;
  readonly meeting: Yaml;
  /** file name → document, vorlage.yaml included */
  readonly template: ReadonlyMap<string, Yaml>;
  readonly companion: ReadonlyMap<string, Yaml>;
}

async function parseFile(path: string): Promise<Yaml> {
  const doc = parseDocument(await readFile(path, 'utf8'));
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]?.message ?? ''}`);
  return doc;
}

async function parseFolder(dir: string): Promise<Map<string, Yaml>> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  return new Map(
    await Promise.all(names.map(async (name) => [name, await parseFile(join(dir, name))] as const)),
  );
}

async function loadExample(): Promise<Example> {
  const meetings = (await readdir(join(example, 'sitzungen'))).filter((n) => n.endsWith('.yaml'));
  const [meetingName] = meetings;
  if (meetingName === undefined || meetings.length !== 1)
    throw new Error(`expected one meeting in ${example}sitzungen, found ${meetings.length}`);
  return {
    meetingName,
    meeting: await parseFile(join(example, 'sitzungen', meetingName)),
    template: await parseFolder(join(example, 'vorlagen', template)),
    companion: await parseFolder(join(example, 'vorlagen', companion)),
  };
}

/** The scalar at `path`, which must exist: the generator follows the example, it never adds fields. */
function scalarAt(doc: Yaml, file: string, path: Path): unknown {
  const node = doc.getIn(path, true);
  if (!isScalar(node)) throw new Error(`${file}: no value at ${path.join('.')}`);
  return node.value;
}

function numberAt(doc: Yaml, file: string, path: Path): number {
  const value = scalarAt(doc, file, path);
  if (typeof value !== 'number') throw new Error(`${file}: ${path.join('.')} is not a number`);
  return value;
}

function stringAt(doc: Yaml, file: string, path: Path): string {
  const value = scalarAt(doc, file, path);
  if (typeof value !== 'string') throw new Error(`${file}: ${path.join('.')} is not a text`);
  return value;
}

/** Replaces the example's number SV-9-1601 in every text (SV-9-1600 says "TOP 2 (SV-9-1601)"). */
function renumberMentions(doc: Yaml): void {
  visit(doc, {
    Scalar(key, node) {
      if (key !== 'key' && typeof node.value === 'string' && node.value.includes(template))
        node.value = node.value.replaceAll(template, copyNumber(1));
    },
  });
}

const addDays = (iso: string, days: number): string => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** Amounts in whole cents, so that 626377.32 + 100 stays 626477.32. */
const plusEuros = (amount: number, euros: number): number =>
  (Math.round(amount * 100) + euros * 100) / 100;

/**
 * Copy i of the template Vorlage: new number, betreff "(Teil i)", an earlier datum, every 10th
 * non-public, and figures changed so that the figure checks still hold (the Integrationspauschale
 * and its last year grow by the same amount; the pool's count of Einsätze; one figure in running
 * text where the example has it).
 */
function copyOf(example: Example, i: number, meetingDate: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, original] of example.template) {
    const doc = original.clone();
    const file = `${copyNumber(i)}/${name}`;
    renumberMentions(doc);
    if (name === 'vorlage.yaml') {
      doc.setIn(['nummer'], copyNumber(i));
      doc.setIn(['betreff'], `${stringAt(doc, file, ['betreff'])} (Teil ${i})`);
      const datum = addDays(stringAt(doc, file, ['datum']), -(i % 21));
      if (datum >= meetingDate) throw new Error(`${file}: datum ${datum} not before the meeting`);
      doc.setIn(['datum'], datum);
      doc.setIn(['oeffentlich'], copyIsPublic(i));
    }
    const art = doc.get('art');
    if (art === 'integrationspauschale') {
      const years = doc.getIn(['aufteilung', 'jahre']);
      if (!isSeq(years) || years.items.length === 0) throw new Error(`${file}: no aufteilung`);
      const last = ['aufteilung', 'jahre', years.items.length - 1, 'betrag'];
      doc.setIn(last, plusEuros(numberAt(doc, file, last), 100 * i));
      const total = ['zuweisung', 'betrag'];
      doc.setIn(total, plusEuros(numberAt(doc, file, total), 100 * i));
    }
    if (art === 'sprachmittlerpool') {
      const count = isMap(doc.getIn(['einsaetze', 'anzahl']))
        ? ['einsaetze', 'anzahl', 'anzahl']
        : ['einsaetze', 'anzahl'];
      doc.setIn(count, numberAt(doc, file, count) + i);
    }
    if (art === 'text') {
      // "Es werden jeweils 60 Mitarbeiter*innen …" (deeskalationstraining.yaml): a figure in prose
      visit(doc, {
        Scalar(key, node) {
          if (key !== 'key' && typeof node.value === 'string')
            node.value = node.value.replace(
              /jeweils (\d+) Mitarbeiter/,
              (_all, n: string) => `jeweils ${Number(n) + (i % 40)} Mitarbeiter`,
            );
        },
      });
    }
    files.set(name, doc.toString(toYaml));
  }
  return files;
}

/** The agenda item of a Vorlage in the example meeting (the item object as YAML holds it). */
interface Top {
  titel: string;
  vorlage?: string;
  oeffentlich?: boolean;
}

function agendaOf(meeting: Yaml): Top[] {
  const items = meeting.toJS() as { tagesordnung?: Top[] };
  if (!Array.isArray(items.tagesordnung)) throw new Error('example meeting has no tagesordnung');
  return items.tagesordnung;
}

async function refuseNonEmpty(targetDir: string): Promise<void> {
  const entries = await readdir(targetDir).catch(() => []);
  if (entries.length > 0) throw new Error(`${targetDir} is not empty`);
}

async function writeFolder(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all([...files].map(([name, text]) => writeFile(join(dir, name), text)));
}

const serialise = (docs: ReadonlyMap<string, Yaml>): Map<string, string> =>
  new Map([...docs].map(([name, doc]) => [name, doc.toString(toYaml)]));

/**
 * Writes a content folder (the example's koerperschaft.yaml, sitzungen/, vorlagen/) with one meeting: TOP 1 the example's SV-9-1600,
 * then the public copies SV-9-2001 … SV-9-2000+n as "Bericht der Verwaltung (Teil i)", the example's
 * items without a Vorlage, and last the non-public copies (every 10th) with `oeffentlich: false`.
 */
export async function generateMeeting(targetDir: string, n: number): Promise<void> {
  if (!Number.isInteger(n) || n < 1 || n > maxCopies)
    throw new Error(`n must be a whole number from 1 to ${maxCopies}, not ${n}`);
  await refuseNonEmpty(targetDir);
  const ex = await loadExample();
  const meetingDate = stringAt(ex.meeting, ex.meetingName, ['datum']);
  const copies = Array.from({ length: n }, (_, k) => k + 1);
  const copyTop = (i: number): Top => ({
    titel: `Bericht der Verwaltung (Teil ${i})`,
    vorlage: copyNumber(i),
    ...(copyIsPublic(i) ? {} : { oeffentlich: false }),
  });
  const agenda = agendaOf(ex.meeting).flatMap((top) =>
    top.vorlage === template ? copies.filter(copyIsPublic).map(copyTop) : [top],
  );
  agenda.push(...copies.filter((i) => !copyIsPublic(i)).map(copyTop));
  const meeting = ex.meeting.clone();
  meeting.set('tagesordnung', meeting.createNode(agenda));

  const companionDocs = new Map([...ex.companion].map(([name, doc]) => [name, doc.clone()]));
  for (const doc of companionDocs.values()) renumberMentions(doc);

  await mkdir(targetDir, { recursive: true });
  await copyFile(join(example, 'koerperschaft.yaml'), join(targetDir, 'koerperschaft.yaml'));
  await writeFolder(
    join(targetDir, 'sitzungen'),
    new Map([[ex.meetingName, meeting.toString(toYaml)]]),
  );
  await writeFolder(join(targetDir, 'vorlagen', companion), serialise(companionDocs));
  for (const i of copies)
    await writeFolder(join(targetDir, 'vorlagen', copyNumber(i)), copyOf(ex, i, meetingDate));
}

/** The section file generateMeeting's incremental edit changes, and how. */
export const editedSection = 'sprachmittlerpool.yaml';

/**
 * Changes one figure in one section file of copy i (the number of volunteers in the
 * Sprachmittlerpool, +1), as a clerk's correction would; returns the file's path.
 */
export async function editOneSection(targetDir: string, i: number): Promise<string> {
  const path = join(targetDir, 'vorlagen', copyNumber(i), editedSection);
  const doc = await parseFile(path);
  const count = isMap(doc.get('ehrenamtliche', true))
    ? ['ehrenamtliche', 'anzahl']
    : ['ehrenamtliche'];
  doc.setIn(count, numberAt(doc, path, count) + 1);
  await writeFile(path, doc.toString(toYaml));
  return path;
}

// ---------------------------------------------------------------------------------------------
// One very large text section

/** Deterministic pseudo-random numbers (mulberry32), so the large section is the same each run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const subjects = [
  'Das Kommunale Integrationszentrum',
  'Die Ausländerbehörde des Kreises',
  'Das Kreisjugendamt',
  'Der Sprachmittlerpool',
  'Die Arbeitsgruppe der Städte und Gemeinden',
  'Das Regionale Bildungsbüro',
  'Der Sozialdienst katholischer Frauen',
  'Das Kreisjobcenter',
  'Die Koordinierungsstelle für das Ehrenamt',
  'Das Netzwerk Chancengerechtigkeit',
  'Die Beratungsstelle für Geflüchtete',
  'Der Fachdienst Schule und Bildung',
];
/** perfect tense with "hat": every one fits every participle in `verbs` */
const predicates = [
  'hat im Berichtszeitraum',
  'hat gemeinsam mit den Kommunen',
  'hat in enger Abstimmung mit dem Land',
  'hat auf Anregung des Ausschusses',
  'hat bis zum Jahresende',
  'hat nach ersten guten Erfahrungen',
  'hat mit Unterstützung ehrenamtlicher Kräfte',
  'hat trotz knapper personeller Ressourcen',
  'hat im zweiten Halbjahr',
  'hat auf Wunsch der Städte und Gemeinden',
];
const objects = [
  'ein zusätzliches Beratungsangebot für Neuzugewanderte',
  'die Zusammenarbeit mit den Schulen vor Ort',
  'eine Fortbildungsreihe für haupt- und ehrenamtliche Fachkräfte',
  'die Sprachförderung in Kindertageseinrichtungen',
  'ein Austauschtreffen der Integrationsbeauftragten',
  'die Begleitung junger Erwachsener in die Ausbildung',
  'ein mehrsprachiges Informationsangebot im Internet',
  'die Vermittlung von Dolmetscherinnen und Dolmetschern',
  'eine Befragung der teilnehmenden Familien',
  'die Kooperation mit den Wohlfahrtsverbänden',
  'ein Patenschaftsprogramm für Schülerinnen und Schüler',
  'die Beratung zu Fragen des Aufenthaltsrechts',
];
const verbs = [
  'aufgebaut',
  'weiterentwickelt',
  'ausgewertet',
  'vorbereitet',
  'fortgeführt',
  'deutlich ausgeweitet',
  'neu geordnet',
  'abgeschlossen',
];
const additions = [
  'Die Rückmeldungen der Teilnehmenden waren überwiegend positiv.',
  'Dabei zeigte sich, dass der Bedarf in den ländlichen Gemeinden besonders hoch ist.',
  'Über die Ergebnisse wird der Ausschuss in einer der nächsten Sitzungen unterrichtet.',
  'Die Finanzierung ist über Landesmittel und Eigenanteile des Kreises gesichert.',
  'Eine Verstetigung des Angebots wird angestrebt.',
  'Die Nachfrage übersteigt derzeit das vorhandene Angebot.',
  'Mehrere Städte und Gemeinden haben Interesse an einer Beteiligung bekundet.',
  'Die Erfahrungen fließen in die Planung der Schwerpunktziele ein.',
  'Für Rückfragen steht die Geschäftsstelle jederzeit zur Verfügung.',
  'Ein Zwischenbericht liegt der Verwaltung bereits vor.',
];
const places = [
  'Coesfeld',
  'Dülmen',
  'Lüdinghausen',
  'Nottuln',
  'Ascheberg',
  'Havixbeck',
  'Senden',
];
const topics = [
  'Sprachförderung',
  'Schule und Ausbildung',
  'Beratung und Begleitung',
  'Ehrenamt',
  'Arbeit und Beschäftigung',
  'Gesundheit',
  'Wohnen',
  'Kinder und Familien',
];

function prose(seed: number, targetBytes: number): (string | Record<string, unknown>)[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const sentence = (): string => {
    const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
    const people = 5 + Math.floor(next() * 200);
    switch (Math.floor(next() * 5)) {
      case 0:
        return `${pick(subjects)} ${pick(predicates)} ${pick(objects)} ${pick(verbs)}.`;
      case 1:
        return `In ${pick(places)} nahmen am ${day}.${month}.2019 rund ${people} Personen an einer Veranstaltung zum Thema ${pick(topics)} teil.`;
      case 2: {
        const addition = pick(additions);
        return `${pick(subjects)} ${pick(predicates)} in ${pick(places)} ${pick(objects)} ${pick(verbs)}; ${addition.charAt(0).toLowerCase()}${addition.slice(1)}`;
      }
      case 3:
        return `Ab dem ${day}.${month}.2020 soll in ${pick(places)} ${pick(objects)} ${pick(verbs)} werden.`;
      default:
        return pick(additions);
    }
  };
  const blocks: (string | Record<string, unknown>)[] = [];
  let bytes = 0;
  for (let k = 0; bytes < targetBytes; k++) {
    let block: string | Record<string, unknown>;
    if (k % 12 === 0) {
      block = {
        zwischenueberschrift: `${k / 12 + 1}. Handlungsfeld ${pick(topics)} in ${pick(places)}`,
      };
    } else if (k % 8 === 5) {
      const items = Array.from(
        { length: 3 + Math.floor(next() * 3) },
        () => `${pick(objects)} in ${pick(places)}`,
      );
      block = next() < 0.5 ? { liste: items } : { aufzaehlung: items };
    } else {
      block = Array.from({ length: 3 + Math.floor(next() * 5) }, sentence).join(' ');
    }
    blocks.push(block);
    bytes += Buffer.byteLength(JSON.stringify(block)) + 4;
  }
  return blocks;
}

/** About 900 KB; the reader refuses files over 1 MiB (src/load/readContent.ts, RM106). */
export const largeSectionBytes = 900 * 1000;
export const largeSectionFile = 'bericht.yaml';

/** The section's YAML: prose until the text is about largeSectionBytes (the YAML adds a little). */
function largeSection(): string {
  for (let target = largeSectionBytes; target > 0; target -= 10_000) {
    const doc = new Document({
      art: 'text',
      titel: 'Ausführlicher Bericht',
      inhalt: prose(1601, target),
    });
    const text = doc.toString(toYaml);
    if (Buffer.byteLength(text) <= largeSectionBytes + 20_000) return text;
  }
  throw new Error('no large section');
}

/**
 * Writes a content folder with one meeting and one Vorlage (SV-9-2001, the example's head) whose
 * one `art: text` section is about 900 KB of German prose with headings and lists.
 */
export async function generateLargeSection(targetDir: string): Promise<void> {
  await refuseNonEmpty(targetDir);
  const ex = await loadExample();
  const head = ex.template.get('vorlage.yaml')?.clone();
  if (!head) throw new Error(`${template} has no vorlage.yaml`);
  head.setIn(['nummer'], copyNumber(1));
  head.setIn(['betreff'], 'Ausführlicher Bericht der Verwaltung zum Integrationsgeschehen');
  head.set('abschnitte', head.createNode([largeSectionFile]));

  const section = largeSection();
  if (Buffer.byteLength(section) > maxFileSize) throw new Error('large section over the limit');

  const agenda = agendaOf(ex.meeting).flatMap((top) =>
    top.vorlage === companion
      ? []
      : top.vorlage === template
        ? [{ titel: 'Ausführlicher Bericht der Verwaltung', vorlage: copyNumber(1) }]
        : [top],
  );
  const meeting = ex.meeting.clone();
  meeting.set('tagesordnung', meeting.createNode(agenda));
  await mkdir(targetDir, { recursive: true });
  await copyFile(join(example, 'koerperschaft.yaml'), join(targetDir, 'koerperschaft.yaml'));
  await writeFolder(
    join(targetDir, 'sitzungen'),
    new Map([[ex.meetingName, meeting.toString(toYaml)]]),
  );
  await writeFolder(
    join(targetDir, 'vorlagen', copyNumber(1)),
    new Map([
      ['vorlage.yaml', head.toString(toYaml)],
      [largeSectionFile, section],
    ]),
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, count] = process.argv.slice(2);
  if (dir === undefined || count === undefined) {
    process.stderr.write('usage: tsx bench/generateMeeting.ts <dir> <n | large>\n');
    process.exit(2);
  }
  if (count === 'large') await generateLargeSection(dir);
  else await generateMeeting(dir, Number(count));
}
