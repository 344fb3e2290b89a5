/**
 * The genitive of a Gremium's name as it follows „Sitzung“: „des Kreistages“, „des Rates der
 * Stadt“, „des Haupt- und Finanzausschusses“, „der Bezirksvertretung Mitte“. The rule declines
 * the head noun (the first word after truncated compounds such as „Haupt- und“) and keeps the
 * rest; koerperschaft.yaml's `genitiv` overrides it where a name does not follow the rule.
 */

/** Endings of feminine nouns: they keep their form and take „der“. */
const feminine =
  /(ung|ion|heit|keit|schaft|tät|enz|anz|ei|kammer|runde|gruppe|konferenz|kommission|versammlung|vertretung|deputation|delegation)$/;

/** Masculine and neuter nouns that take -es rather than -s (the common Gremien). */
const takesEs = /(s|ß|x|z|rat|tag|stand|bund|verband|ring|senat|magistrat)$/;

/** Words that lead into the head noun without being it: „Haupt-“, „und“, „Bau-,“. */
const leading = (word: string): boolean =>
  /-,?$/.test(word) || ['und', 'oder', 'sowie'].includes(word);

/** The genitive singular of one noun and its article. */
function declineHead(noun: string): { article: 'des' | 'der'; form: string } {
  const lower = noun.toLowerCase();
  if (feminine.test(lower)) return { article: 'der', form: noun };
  if (/(um|ee|o)$/.test(lower)) return { article: 'des', form: `${noun}s` };
  if (/(ss|ß)$/.test(lower)) return { article: 'des', form: `${noun}es` };
  if (takesEs.test(lower)) return { article: 'des', form: `${noun}es` };
  return { article: 'des', form: `${noun}s` };
}

/** „Kreistag“ → „des Kreistages“; „Bezirksvertretung Mitte“ → „der Bezirksvertretung Mitte“. */
export function genitiveRule(name: string): string {
  const words = name.trim().split(/\s+/);
  const head = words.findIndex((w) => !leading(w));
  const noun = words[head];
  if (head < 0 || noun === undefined) return `des ${name}`;
  const { article, form } = declineHead(noun);
  return [article, ...words.slice(0, head), form, ...words.slice(head + 1)].join(' ');
}

export interface GremiumName {
  readonly name: string;
  readonly genitiv?: string | undefined;
}

/** The genitive after „Sitzung“: the body's own form from koerperschaft.yaml, else the rule. */
export function genitiveOf(name: string, gremien: readonly GremiumName[] = []): string {
  return gremien.find((g) => g.name === name)?.genitiv ?? genitiveRule(name);
}

/**
 * The decision of a Gremium as the phrase after „Gemäß“: one word ending in -tag, -rat or
 * -ausschuss forms a compound („Kreistagsbeschluss“, „Kreisausschussbeschluss“), any other name
 * „Beschluss“ with its genitive („Beschluss des Rates der Stadt“).
 */
export function decisionName(name: string, gremien: readonly GremiumName[] = []): string {
  if (/^\S+(tag|rat)$/.test(name)) return `${name}sbeschluss`;
  if (/^\S+schuss$/.test(name)) return `${name}beschluss`;
  return `Beschluss ${genitiveOf(name, gremien)}`;
}
