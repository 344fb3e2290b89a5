/**
 * The pictures of `bild` text blocks: each names a PNG, JPEG or SVG file in the Vorlage's
 * folder that exists (RM621), is what its name says by its bytes (RM622), is not too large
 * (RM623) and, as an SVG, draws without transparency, scripts, external references or embedded
 * images (RM624: every PDF is written without transparency, see render/pdf/pdfArchive.ts) and,
 * as a JPEG, is one that PDF and Word show right (RM625: not CMYK, jpegFrame.ts).
 * Reported at the `datei` of the block.
 */
import { posix } from 'node:path';
import { diagnose } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatOfName, imageInfo, type ImageInfo } from '../load/imageInfo.js';
import { jpegFault } from '../load/jpegFrame.js';
import type { LoadedContent } from '../load/loadContent.js';
import { byteSize } from '../load/parseSource.js';
import { positionAt, type Source } from '../load/positions.js';
import { maxImageSize, type RawFile } from '../load/readContent.js';

type Path = (string | number)[];

/** A `bild` block of a file: its `datei` and where it stands. */
export interface ImageReference {
  readonly datei: string;
  readonly path: Path;
}

/** Every `bild` block in a file's value, in document order. */
export function imageReferences(value: unknown, path: Path = []): ImageReference[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => imageReferences(v, [...path, i]));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const bild = record.bild as { datei?: unknown } | undefined;
  if (
    typeof bild === 'object' &&
    typeof bild.datei === 'string' &&
    Object.keys(record).length === 1
  )
    return [{ datei: bild.datei, path: [...path, 'bild', 'datei'] }];
  return Object.entries(record).flatMap(([k, v]) => imageReferences(v, [...path, k]));
}

const formatName = { png: 'PNG', jpeg: 'JPEG', svg: 'SVG' } as const;

/** what an SVG holds that the PDF cannot draw without transparency, or must not carry */
const SVG_FAULTS: readonly [RegExp, string][] = [
  [/<script\b/i, 'ein Skript'],
  [/<foreignObject\b/i, 'eingebettetes HTML'],
  [/<image\b/i, 'ein eingebettetes Bild'],
  [
    /\b(?:opacity|fill-opacity|stroke-opacity)\s*[:=]\s*["']?\s*0?\.\d|\brgba\(|<mask\b|mask\s*[:=]/i,
    'Transparenz',
  ],
  [/<filter\b/i, 'einen Filtereffekt'],
  [/\b(?:xlink:)?href\s*=\s*["'](?!#)/i, 'einen Verweis auf eine andere Datei'],
];

/** The picture's bytes and size when it is fine; else the diagnostic. */
export function checkImageFile(
  raw: RawFile | undefined,
  datei: string,
):
  | { info: ImageInfo; bytes: Uint8Array }
  | { fault: Parameters<typeof diagnose>[0]; params: Record<string, string> } {
  if (raw === undefined || raw.notAFile) return { fault: 'RM621', params: {} };
  if (raw.bytes === null)
    return { fault: 'RM623', params: { size: byteSize(raw.size), limit: byteSize(maxImageSize) } };
  const info = imageInfo(raw.bytes);
  const expected = formatOfName(datei);
  if (info === undefined || info.format !== expected) {
    const gefunden =
      info === undefined ? 'kein PNG-, JPEG- oder SVG-Bild' : `ein ${formatName[info.format]}-Bild`;
    return { fault: 'RM622', params: { erwartet: formatName[expected ?? 'png'], gefunden } };
  }
  const jpeg = info.format === 'jpeg' ? jpegFault(raw.bytes) : null;
  if (jpeg !== null) return { fault: 'RM625', params: { was: jpeg } };
  if (info.format === 'svg') {
    const text = new TextDecoder().decode(raw.bytes);
    const found = SVG_FAULTS.find(([pattern]) => pattern.test(text));
    if (found) return { fault: 'RM624', params: { was: found[1] } };
  }
  return { info, bytes: raw.bytes };
}

/** The checks of every `bild` block in the valid files of the Vorlage folders. */
export function checkImages(content: LoadedContent, valid: ReadonlySet<Source>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const vorlage of content.vorlagen.values()) {
    const folder = `vorlagen/${vorlage.folder}`;
    const images = content.bilder?.get(vorlage.folder) ?? [];
    const sources = [vorlage.header, ...vorlage.sections.values()].filter(
      (s): s is Source => s !== null && valid.has(s),
    );
    for (const source of sources) {
      for (const ref of imageReferences(source.value)) {
        const path = posix.join(folder, ref.datei);
        const result = checkImageFile(
          images.find((f) => f.path === path),
          ref.datei,
        );
        if (!('fault' in result)) continue;
        const names = images.map((f) => `„${f.path.slice(folder.length + 1)}“`);
        const vorhanden =
          names.length === 0
            ? 'Der Ordner enthält kein Bild.'
            : `Im Ordner liegen: ${names.join(', ')}.`;
        out.push(
          diagnose(result.fault, source.file, positionAt(source, ref.path), {
            datei: ref.datei,
            ordner: folder,
            vorhanden,
            ...result.params,
          }),
        );
      }
    }
  }
  return out;
}
