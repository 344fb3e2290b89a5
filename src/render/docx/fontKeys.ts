/**
 * Reproducible keys of embedded fonts. docx obfuscates each embedded face (ECMA-376 Part 1,
 * 17.8.1: the first 32 bytes XORed with the reversed bytes of a GUID, the w:fontKey of the
 * font table) with a random GUID, so the same document would differ on every rendering. Each
 * key is replaced by one made from the face's own bytes, and the face obfuscated again with it.
 */
import { createHash } from 'node:crypto';

/** XORs the first 32 bytes with the key's 16 bytes in reverse order (undoes itself). */
function obfuscate(bytes: Uint8Array, key: string): Uint8Array {
  const hex = key.replace(/[{}-]/g, '');
  const keyBytes = Buffer.from(hex, 'hex').reverse();
  const out = Uint8Array.from(bytes);
  for (let i = 0; i < Math.min(32, out.length); i++) {
    out[i] = (out[i] ?? 0) ^ (keyBytes[i % 16] ?? 0);
  }
  return out;
}

const guid = (hex: string): string =>
  `{${[hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20, 32)]
    .join('-')
    .toUpperCase()}}`;

/**
 * Renews the keys in word/fontTable.xml and the faces they obfuscate (word/fonts/*.odttf,
 * found through word/_rels/fontTable.xml.rels); `parts` are the XML parts, `binaries` the rest.
 */
export function renewFontKeys(parts: Map<string, string>, binaries: Map<string, Uint8Array>): void {
  const table = parts.get('word/fontTable.xml');
  const rels = parts.get('word/_rels/fontTable.xml.rels');
  if (table === undefined || rels === undefined) return;
  const targets = new Map<string, string>();
  for (const [relation] of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(relation)?.[1];
    const target = /\bTarget="([^"]+)"/.exec(relation)?.[1];
    if (id !== undefined && target !== undefined) targets.set(id, `word/${target}`);
  }
  const renewed = table.replace(
    /(<w:embed\w+\b[^>]*?\br:id=")([^"]+)("[^>]*?\bw:fontKey=")(\{[^"]+\})"/g,
    (whole, before: string, id: string, middle: string, key: string) => {
      const name = targets.get(id);
      const data = name === undefined ? undefined : binaries.get(name);
      if (name === undefined || data === undefined) return whole;
      const face = obfuscate(data, key);
      const fresh = guid(createHash('sha256').update(face).digest('hex'));
      binaries.set(name, obfuscate(face, fresh));
      return `${before}${id}${middle}${fresh}"`;
    },
  );
  parts.set('word/fontTable.xml', renewed);
}
