import { parse } from 'yaml';

/** The fields of koerperschaft.yaml that name a file in the content folder. */
export const fileFields = [
  ['logo'],
  ['gestaltung', 'schrift', 'normal'],
  ['gestaltung', 'schrift', 'fett'],
  ['gestaltung', 'schrift', 'kursiv'],
  ['gestaltung', 'schrift', 'fettkursiv'],
] as const;

const at = (value: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[key]
        : undefined,
    value,
  );

/**
 * The file names koerperschaft.yaml gives (logo, fonts), so that only those are read. A file
 * that does not parse names none: its faults are reported when it is checked.
 */
export function filesNamedBy(bytes: Uint8Array): string[] {
  let value: unknown;
  try {
    value = parse(new TextDecoder().decode(bytes), { maxAliasCount: 0, uniqueKeys: false });
  } catch {
    return [];
  }
  return fileFields
    .map((path) => at(value, path))
    .filter((v): v is string => typeof v === 'string' && v !== '');
}
