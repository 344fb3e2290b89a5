/**
 * PDF renderer: document model → pdfmake document definition → PDF bytes.
 *
 * pdfmake 0.3 exports one shared instance (`module.exports = new pdfmake()`), so fonts and
 * access policies are instance state. They are set to the same values before every call
 * (fresh objects, because pdfmake writes into the font dictionary), which keeps concurrent
 * and repeated calls independent of each other and of anything else touching pdfmake.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';
import type { Document } from '../../model/types.js';
import type { OutlineEntry } from './pdfContent.js';
import { buildPdfDefinition } from './pdfDefinition.js';

const require = createRequire(import.meta.url);
const ROBOTO_DIR = path.join(
  path.dirname(require.resolve('pdfmake/package.json')),
  'fonts',
  'Roboto',
);
const ROBOTO_FILES = {
  normal: path.join(ROBOTO_DIR, 'Roboto-Regular.ttf'),
  bold: path.join(ROBOTO_DIR, 'Roboto-Medium.ttf'),
  italics: path.join(ROBOTO_DIR, 'Roboto-Italic.ttf'),
  bolditalics: path.join(ROBOTO_DIR, 'Roboto-MediumItalic.ttf'),
} as const;
const ALLOWED_FILES: ReadonlySet<string> = new Set(Object.values(ROBOTO_FILES));

const fonts = (): TFontDictionary => ({ Roboto: { ...ROBOTO_FILES } });

/** The parts of pdfkit's outline object used here (pdfkit 0.19 internals, not in its typings). */
interface KitOutline {
  outlineData: Record<string, unknown>;
  addItem(title: string, options?: { expanded?: boolean }): KitOutline;
}

/**
 * Builds the bookmark tree. pdfmake's own `outline` option points every bookmark at the
 * page's top right corner (pdfkit writes /XYZ pageWidth pageHeight), so the entries are
 * created here and pointed at the headings' named destinations instead.
 */
function addOutline(root: KitOutline, entries: readonly OutlineEntry[]): void {
  const parents: { level: number; item: KitOutline }[] = [];
  entries.forEach((entry, index) => {
    while (parents.length > 0 && (parents.at(-1)?.level ?? 0) >= entry.level) parents.pop();
    const parent = parents.at(-1)?.item ?? root;
    const hasChildren = (entries[index + 1]?.level ?? 0) > entry.level;
    const item = parent.addItem(entry.title, { expanded: hasChildren });
    // a PDF string (not a name) refers to the /Dests name tree pdfkit writes for `id`
    item.outlineData.Dest = new String(entry.dest);
    parents.push({ level: entry.level, item });
  });
}

/** Renders a pdfmake definition with the bundled Roboto fonts; no network or other file access. */
export async function renderPdfDefinition(
  definition: TDocumentDefinitions,
  outline: readonly OutlineEntry[] = [],
): Promise<Buffer> {
  pdfmake.setFonts(fonts());
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => ALLOWED_FILES.has(file));
  const created = pdfmake.createPdf(definition);
  const kit = await created.getStream();
  addOutline(kit.outline as unknown as KitOutline, outline);
  return created.getBuffer();
}

export async function renderPdf(doc: Document): Promise<Buffer> {
  const { definition, outline } = buildPdfDefinition(doc);
  return renderPdfDefinition(definition, outline);
}
