/**
 * The fonts of a PDF: Roboto (shipped with pdfmake) by default, or the body's own font
 * (meta.design.font). An own font's faces are handed to pdfmake through its virtual file
 * system under a name made of their content digest, so equal bytes are one face for every
 * document of the thread and different bytes never share a name (nor, in sharedFonts.ts, a
 * layout cache). Italics fall back to the upright faces when the font has none.
 */
import { createHash } from 'node:crypto';
import pdfmake from 'pdfmake';
import type { Design, FontFile } from '../../model/types.js';
import { requirePdfmake } from './pdfmakeInternals.js';
import type { FontFace, FurnitureFonts } from './pageFurniture.js';
import { ROBOTO } from './roboto.js';

const ROBOTO_FILES: ReadonlySet<string> = new Set(Object.values(ROBOTO));

/** The four faces of a pdfmake font family, as names pdfmake opens (paths or virtual files). */
export interface PdfFaces {
  readonly normal: string;
  readonly bold: string;
  readonly italics: string;
  readonly bolditalics: string;
}

/** What a document is rendered with. */
export interface PdfFonts {
  /** the pdfmake family of the body text */
  readonly family: string;
  readonly faces: PdfFaces;
  /** the regular and bold face, for the footers and headers drawn after layout */
  readonly furniture: FurnitureFonts;
}

/** the regular and bold Roboto, for the footers and headers drawn after layout */
export const ROBOTO_FURNITURE: FurnitureFonts = {
  normal: { src: ROBOTO.normal, key: ROBOTO.normal },
  bold: { src: ROBOTO.bold, key: ROBOTO.bold },
};

export const DEFAULT_FONTS: PdfFonts = {
  family: 'Roboto',
  faces: ROBOTO,
  furniture: ROBOTO_FURNITURE,
};

/** pdfmake 0.3's virtual file system (on its shared instance; not in its typings) */
interface VirtualFs {
  readonly virtualfs: { writeFileSync(name: string, content: Buffer): void };
}

/** virtual files of own fonts (this thread's), by name */
const PREFIX = 'ratsmappe-fonts/';
const own = new Map<string, FontFace>();
/**
 * every family this thread has rendered with, by name: pdfmake's font dictionary is state of
 * its one shared instance, so it always holds them all (a document rendering while another
 * awaits finds its own family, whatever was set last); only the faces used are embedded
 */
const families = new Map<string, PdfFaces>([['Roboto', ROBOTO]]);

/** pdfkit's font selection and registry (pdfkit 0.19 internals, not in its typings) */
interface KitFonts {
  _registeredFonts: Record<string, unknown>;
  registerFont(this: KitFonts, name: string, src: Buffer): void;
  font: (this: KitFonts, src: unknown, family?: unknown, size?: unknown) => unknown;
}

let kitPatched = false;

/**
 * svg-to-pdfkit (an SVG logo or chart with text) selects the font by the file pdfmake names
 * (pdfmake's fontCallback), and pdfkit opens such a name from the disk, where an own face's
 * virtual file is not: the face is registered under its name on the document first.
 */
function letPdfkitOpenOwnFaces(): void {
  if (kitPatched) return;
  kitPatched = true;
  const PDFKit = requirePdfmake('pdfkit') as { prototype: KitFonts };
  const font = PDFKit.prototype.font;
  PDFKit.prototype.font = function (this: KitFonts, src, family, size) {
    const face = typeof src === 'string' ? own.get(src) : undefined;
    if (face !== undefined && typeof src === 'string' && !(src in this._registeredFonts)) {
      this.registerFont(src, face.src as Buffer);
    }
    return font.call(this, src, family, size);
  };
}

/** The virtual file of an own face: named by its content, written once per thread. */
function virtualFace(file: FontFile): FontFace {
  const digest = createHash('sha256').update(file.bytes).digest('hex').slice(0, 32);
  const name = `${PREFIX}${digest}.ttf`;
  let face = own.get(name);
  if (face === undefined) {
    letPdfkitOpenOwnFaces();
    const bytes = Buffer.from(file.bytes);
    (pdfmake as unknown as VirtualFs).virtualfs.writeFileSync(name, bytes);
    face = { src: bytes, key: name };
    own.set(name, face);
  }
  return face;
}

/** The fonts of a document with this design. */
export function pdfFontsOf(design: Design | undefined): PdfFonts {
  const font = design?.font;
  if (font === undefined) return DEFAULT_FONTS;
  const normal = virtualFace(font.normal);
  const bold = virtualFace(font.bold);
  const italics = font.italics === undefined ? normal : virtualFace(font.italics);
  const bolditalics =
    font.bolditalics === undefined
      ? font.italics === undefined
        ? bold
        : italics
      : virtualFace(font.bolditalics);
  const faces: PdfFaces = {
    normal: normal.key,
    bold: bold.key,
    italics: italics.key,
    bolditalics: bolditalics.key,
  };
  // a family of its own for each set of faces: two bodies may give their fonts one name
  const family = `${font.name} ${Object.values(faces).join(' ')}`;
  families.set(family, faces);
  return { family, faces, furniture: { normal, bold } };
}

/** pdfmake's font dictionary (fresh objects: pdfmake writes into it): every family known. */
export function pdfmakeFonts(): Record<string, PdfFaces> {
  return Object.fromEntries([...families].map(([name, faces]) => [name, { ...faces }]));
}

/** Files pdfmake may read from the disk: only the shipped Roboto (own fonts are virtual). */
export const mayRead = (file: string): boolean => ROBOTO_FILES.has(file);
