/**
 * Named destinations, link targets and font names across the parts of a packet (pdf-lib
 * objects; pdf-lib has no API for name trees). Destination names of a part are renamed where
 * they are local to it (generated `_heading-n`), so that parts never collide; the names the
 * templates give (`vorlage-<Nummer>`, `top-<n>`, `tagesordnung`) are kept, so links between
 * parts find their targets.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFRef,
  PDFString,
  PDFHexString,
  type PDFDocument,
  type PDFPage,
} from 'pdf-lib';

const N = (name: string): PDFName => PDFName.of(name);

/** The text of a PDF string (literal or hex), else undefined. */
export const textOf = (value: unknown): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

/** Walks a name tree (leaf /Names pairs, /Kids), calling `visit` for every entry. */
export function walkNameTree(
  node: PDFDict | undefined,
  visit: (name: string, value: unknown) => void,
): void {
  if (node === undefined) return;
  const names = node.lookupMaybe(N('Names'), PDFArray);
  if (names !== undefined) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const name = textOf(names.lookup(i));
      if (name !== undefined) visit(name, names.lookup(i + 1));
    }
  }
  const kids = node.lookupMaybe(N('Kids'), PDFArray);
  if (kids !== undefined) {
    for (let i = 0; i < kids.size(); i++) walkNameTree(kids.lookupMaybe(i, PDFDict), visit);
  }
}

/**
 * The named destinations of `src`, pointing at the copied pages; an explicit destination
 * [page /XYZ left top zoom] keeps its position.
 */
export function destsOf(src: PDFDocument, copied: readonly PDFPage[]): [string, PDFArray][] {
  const pageOf = new Map<string, PDFPage>();
  src.getPages().forEach((page, i) => {
    const target = copied[i];
    if (target !== undefined) pageOf.set(page.ref.toString(), target);
  });
  const dests: [string, PDFArray][] = [];
  const tree = src.catalog.lookupMaybe(N('Names'), PDFDict)?.lookupMaybe(N('Dests'), PDFDict);
  walkNameTree(tree, (name, value) => {
    const array = value instanceof PDFDict ? value.lookupMaybe(N('D'), PDFArray) : value;
    if (!(array instanceof PDFArray)) return;
    const ref = array.get(0);
    const page = ref instanceof PDFRef ? pageOf.get(ref.toString()) : undefined;
    if (page === undefined) return;
    const rest = array.asArray().slice(1);
    dests.push([name, page.doc.context.obj([page.ref, ...rest])]);
  });
  return dests;
}

/**
 * The link annotations of a page with their named destination: a /Dest of the annotation or
 * the /D of its GoTo action (pdfkit writes `/A << /S /GoTo /D (name) >>`); `holder` is the
 * dictionary that names it.
 */
function* linkDests(
  page: PDFPage,
): Generator<{ ref: unknown; dest: string; holder: PDFDict; key: PDFName }> {
  const annots = page.node.Annots();
  if (annots === undefined) return;
  for (let i = 0; i < annots.size(); i++) {
    const annot = annots.lookupMaybe(i, PDFDict);
    if (annot?.get(N('Subtype')) !== N('Link')) continue;
    const dest = textOf(annot.lookup(N('Dest')));
    if (dest !== undefined) {
      yield { ref: annots.get(i), dest, holder: annot, key: N('Dest') };
      continue;
    }
    const action = annot.lookupMaybe(N('A'), PDFDict);
    if (action?.get(N('S')) !== N('GoTo')) continue;
    const named = textOf(action.lookup(N('D')));
    if (named !== undefined) yield { ref: annots.get(i), dest: named, holder: action, key: N('D') };
  }
}

/** Renames the destinations of a part's links like its destinations. */
export function renameLinks(page: PDFPage, rename: (name: string) => string): void {
  for (const { dest, holder, key } of linkDests(page)) {
    const renamed = rename(dest);
    if (renamed !== dest) holder.set(key, PDFString.of(renamed));
  }
}

/** Removes links whose named destination is not in the document. */
export function dropDanglingLinks(page: PDFPage, exists: (name: string) => boolean): void {
  const dangling = [...linkDests(page)].filter((l) => !exists(l.dest)).map((l) => l.ref);
  if (dangling.length === 0) return;
  const annots = page.node.Annots();
  if (annots === undefined) return;
  const kept = annots.asArray().filter((a) => !dangling.includes(a));
  if (kept.length === 0) page.node.delete(N('Annots'));
  else page.node.set(N('Annots'), page.doc.context.obj(kept));
}

/** The /Dests name tree of the document (one sorted leaf). */
export function writeDests(doc: PDFDocument, dests: ReadonlyMap<string, PDFArray>): void {
  const names = [...dests.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const leaf = doc.context.obj({
    Names: names.flatMap((name) => {
      const dest = dests.get(name);
      return dest === undefined ? [] : [PDFString.of(name), dest];
    }),
  });
  doc.catalog.set(N('Names'), doc.context.obj({ Dests: doc.context.register(leaf) }));
}

/** six capital letters: the n-th subset tag */
export const tagFor = (n: number): string =>
  Array.from({ length: 6 }, (_, i) =>
    String.fromCharCode(65 + (Math.floor(n / 26 ** i) % 26)),
  ).join('');

/**
 * pdfkit names its font subsets after the font's number in the document (F1 → BAAAAA+…), so
 * every part has the same subset names for different subsets. They get tags of their own.
 */
export function uniqueFontTags(pages: readonly PDFPage[], nextTag: () => string): void {
  const seen = new Set<PDFDict>();
  const retag = (dict: PDFDict | undefined, key: string, tag: string): void => {
    const name = dict?.get(N(key));
    if (!(name instanceof PDFName)) return;
    const value = name.decodeText();
    const plus = value.indexOf('+');
    if (plus === 6) dict?.set(N(key), N(`${tag}${value.slice(plus)}`));
  };
  for (const page of pages) {
    const fonts = page.node.Resources()?.lookupMaybe(N('Font'), PDFDict);
    if (fonts === undefined) continue;
    for (const [, ref] of fonts.entries()) {
      const font = page.doc.context.lookup(ref);
      if (!(font instanceof PDFDict) || seen.has(font)) continue;
      seen.add(font);
      const tag = nextTag();
      retag(font, 'BaseFont', tag);
      const descendant = font.lookupMaybe(N('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict);
      retag(descendant, 'BaseFont', tag);
      retag(descendant?.lookupMaybe(N('FontDescriptor'), PDFDict), 'FontName', tag);
      retag(font.lookupMaybe(N('FontDescriptor'), PDFDict), 'FontName', tag);
    }
  }
}
