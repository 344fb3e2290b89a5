/**
 * The associated files of the parts of an assembly (PDF/A-3: the YAML sources embedded in an
 * archived Vorlage, render/pdf/pdfArchive.ts), carried into the assembled PDF: each part's
 * catalog /AF array and its /EmbeddedFiles name tree, copied with pdf-lib's object copier (one
 * copier per part, so /AF and the name tree point at the same copied file specifications).
 * An Anlage never brings any: prepareAnlage.ts copies its pages only.
 */
import { PDFArray, PDFDict, PDFName, PDFObjectCopier, PDFString, type PDFDocument } from 'pdf-lib';
import { walkNameTree } from './pdfNames.js';

const N = (name: string): PDFName => PDFName.of(name);

type Copied = ReturnType<PDFObjectCopier['copy']>;

export interface AssociatedFiles {
  /** the file specifications of the catalogs' /AF arrays */
  readonly af: Copied[];
  /** name → file specification, for the /EmbeddedFiles name tree */
  readonly names: Map<string, Copied>;
}

export const noAssociatedFiles = (): AssociatedFiles => ({ af: [], names: new Map() });

/** Adds the associated files of `src` (copied into `out`) to `files`. */
export function collectAssociatedFiles(
  src: PDFDocument,
  out: PDFDocument,
  files: AssociatedFiles,
): void {
  const af = src.catalog.lookupMaybe(N('AF'), PDFArray);
  const tree = src.catalog
    .lookupMaybe(N('Names'), PDFDict)
    ?.lookupMaybe(N('EmbeddedFiles'), PDFDict);
  if (af === undefined && tree === undefined) return;
  const copier = PDFObjectCopier.for(src.context, out.context);
  for (const spec of af?.asArray() ?? []) files.af.push(copier.copy(spec));
  walkNameTree(tree, (name, spec) => {
    if (!files.names.has(name) && spec instanceof PDFDict)
      files.names.set(name, copier.copy(src.context.getObjectRef(spec) ?? spec));
  });
}

/** Writes them into the catalog of `out` (after its /Names /Dests); true when there are any. */
export function writeAssociatedFiles(out: PDFDocument, files: AssociatedFiles): boolean {
  if (files.names.size === 0 && files.af.length === 0) return false;
  const { context } = out;
  const names = [...files.names.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const leaf = context.obj({
    Names: names.flatMap((name) => {
      const spec = files.names.get(name);
      return spec === undefined ? [] : [PDFString.of(name), spec];
    }),
  });
  let tree = out.catalog.lookupMaybe(N('Names'), PDFDict);
  if (tree === undefined) {
    tree = context.obj({});
    out.catalog.set(N('Names'), tree);
  }
  tree.set(N('EmbeddedFiles'), context.register(leaf));
  if (files.af.length > 0) out.catalog.set(N('AF'), context.obj(files.af));
  return true;
}
