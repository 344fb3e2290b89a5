import type { ErrorObject } from 'ajv';
import { nearest } from './describe.js';

/** The JSON Schema keywords ratsmappe's schemas use, for a did-you-mean on a misspelt one. */
const keywords = [
  '$ref',
  '$defs',
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'enum',
  'const',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'default',
  'examples',
  'deprecated',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'dependentRequired',
];

const formats = ['date', 'time', 'date-time', 'uri', 'email', 'uuid'];
const gemeinsam =
  'Gemeinsame Definitionen stehen in gemeinsam.schema.json#/$defs/…: datum, monat, datumOderMonat, jahr, betrag, anzahl, ungefaehreAnzahl, ungefaehrerBetrag, prozent, zeitraum, text, textbloecke, vorlagennummer, dateiname.';
const general = 'Vergleichen Sie mit einem eingebauten Schema, z. B. schemas/text.schema.json.';

const typeNames: Record<string, string> = {
  array: 'eine Liste „[ … ]“',
  object: 'eine Gruppe „{ … }“',
  string: 'ein Text in Anführungszeichen',
  number: 'eine Zahl',
  integer: 'eine ganze Zahl',
  boolean: 'true oder false',
};

const shown = (v: unknown): string => (typeof v === 'string' ? `„${v}“` : JSON.stringify(v));
/** Where in the schema, as the start of a sentence. */
const where = (path: readonly string[]): string =>
  path.length === 0 ? 'Auf oberster Ebene' : `Bei „${path.join(' › ')}“`;

/** What a faulty own schema gets as detail and tip (RM911), in German. */
export function schemaTranslation(
  metaError: ErrorObject | undefined,
  path: readonly string[],
  compileFault?: { keyword?: string | undefined; ref?: string | undefined; message: string },
): { detail: string; tipp: string } {
  if (metaError?.keyword === 'enum') {
    const allowed = (metaError.params as { allowedValues: unknown[] }).allowedValues.map(String);
    const guess = nearest(String(metaError.data), allowed);
    return {
      detail: `${where(path)} steht ${shown(metaError.data)}; erlaubt ist dort eines von: ${allowed.join(', ')}.`,
      tipp: guess ? `Meinten Sie „${guess}“?` : general,
    };
  }
  if (metaError?.keyword === 'type') {
    const expected = (metaError.params as { type: string }).type;
    return {
      detail: `${where(path)} wird ${typeNames[expected] ?? expected} erwartet, dort steht ${shown(metaError.data)}.`,
      tipp: general,
    };
  }
  if (metaError)
    return {
      detail: `${where(path)} ist der Wert ${shown(metaError.data)} nicht erlaubt.`,
      tipp: general,
    };
  if (compileFault?.keyword !== undefined) {
    const guess = nearest(compileFault.keyword, keywords);
    return {
      detail: `Das Schlüsselwort „${compileFault.keyword}“ gibt es in JSON Schema nicht.`,
      tipp: guess ? `Meinten Sie „${guess}“?` : general,
    };
  }
  if (compileFault?.ref !== undefined)
    return { detail: `Der Verweis „${compileFault.ref}“ führt ins Leere.`, tipp: gemeinsam };
  const format = /unknown format "([^"]+)"/.exec(compileFault?.message ?? '')?.[1];
  if (format !== undefined)
    return {
      detail: `Das Format „${format}“ ist unbekannt.`,
      tipp: `Bekannte Formate: ${formats.join(', ')}; für ein Datum besser „"$ref": "gemeinsam.schema.json#/$defs/datum"“.`,
    };
  const missingType = /missing type "(\w+)" for keyword "(\w+)"/.exec(compileFault?.message ?? '');
  if (missingType)
    return {
      detail: `${where(path)} steht „${missingType[2] ?? ''}“ ohne die Angabe des Typs.`,
      tipp: `Ergänzen Sie dort "type": "${missingType[1] ?? ''}".`,
    };
  if ((compileFault?.message ?? '').includes('allowUnionTypes'))
    return {
      detail: `${where(path)} stehen mehrere Typen in einer Liste.`,
      tipp: 'Schreiben Sie die Möglichkeiten einzeln: "anyOf": [{ "type": "string" }, { "type": "number" }].',
    };
  const text = (compileFault?.message ?? '').replace(/^strict mode: /, '').replace(/\.$/, '');
  return { detail: `${where(path)}: ${text} (Meldung von JSON Schema).`, tipp: general };
}
