/**
 * What an image file is, from its bytes rather than its name: PNG and JPEG by their signature
 * (and their size from the IHDR chunk or the SOF marker, jpegFrame.ts), SVG by its root element (its size from
 * width and height, else its viewBox). Pure; the check (RM622) compares it with the file name.
 */
import { jpegFrame } from './jpegFrame.js';

export type ImageFormat = 'png' | 'jpeg' | 'svg';

export interface ImageInfo {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

/** the format a file name promises */
export const formatOfName = (name: string): ImageFormat | undefined => {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext === 'png'
    ? 'png'
    : ext === 'jpg' || ext === 'jpeg'
      ? 'jpeg'
      : ext === 'svg'
        ? 'svg'
        : undefined;
};

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const u16 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32 = (b: Uint8Array, at: number): number => u16(b, at) * 65536 + u16(b, at + 2);

function png(bytes: Uint8Array): ImageInfo | undefined {
  if (!PNG.every((v, i) => bytes[i] === v) || bytes.length < 24) return undefined;
  return { format: 'png', width: u32(bytes, 16), height: u32(bytes, 20) };
}

function jpeg(bytes: Uint8Array): ImageInfo | undefined {
  const frame = jpegFrame(bytes);
  return frame && { format: 'jpeg', width: frame.width, height: frame.height };
}

/** "210mm" → in CSS pixels; a percentage or an unknown unit gives undefined */
function length(value: string | undefined): number | undefined {
  const match = /^\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*$/.exec(value ?? '');
  if (match === null) return undefined;
  const n = Number(match[1]);
  const unit = { px: 1, pt: 4 / 3, mm: 96 / 25.4, cm: 96 / 2.54, in: 96 }[match[2] ?? 'px'] ?? 1;
  return Number.isFinite(n) && n > 0 ? n * unit : undefined;
}

function svg(bytes: Uint8Array): ImageInfo | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // the root element: after an XML declaration, comments and a doctype
  const head = text.replace(
    /^\uFEFF?\s*(<\?xml[^>]*\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*/i,
    '',
  );
  const root = /^<svg\b([^>]*)>/i.exec(head);
  if (root === null) return undefined;
  const attrs = root[1] ?? '';
  const attr = (name: string): string | undefined =>
    new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(attrs)?.[1];
  const box = (attr('viewBox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const [, , boxWidth, boxHeight] = box.length === 4 && box.every(Number.isFinite) ? box : [];
  const width = length(attr('width')) ?? boxWidth ?? 300;
  const height = length(attr('height')) ?? boxHeight ?? 150;
  return { format: 'svg', width, height };
}

/** The image's format and size, or undefined when the bytes are no PNG, JPEG or SVG. */
export const imageInfo = (bytes: Uint8Array): ImageInfo | undefined =>
  png(bytes) ?? jpeg(bytes) ?? svg(bytes);
