/**
 * A PNG logo made opaque: its alpha channel (or a palette's tRNS alpha) is composited onto
 * white, the page it stands on. pdfkit would write the alpha as a soft mask (/SMask), and
 * every PDF of ratsmappe is written without transparency (pdfArchive.ts, test/pdfa.test.ts).
 * A PNG without alpha is returned unchanged. Decoded with png-js (pdfkit's own PNG reader),
 * written again as 8-bit RGB with node:zlib: equal input, equal bytes.
 */
import { crc32, deflateSync } from 'node:zlib';
import { requirePdfmake } from './pdfmakeInternals.js';

interface PngJs {
  readonly width: number;
  readonly height: number;
  readonly bits: number;
  readonly colors: number;
  readonly hasAlphaChannel: boolean;
  readonly palette: readonly number[] | Buffer;
  readonly transparency: { readonly indexed?: readonly number[] };
  decodePixels(fn: (pixels: Buffer) => void): void;
  copyToImageData(data: Buffer, pixels: Buffer): void;
}

const PNG = requirePdfmake('png-js') as new (data: Buffer) => PngJs;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** 8-bit RGB PNG of RGBA pixels composited onto white. */
function encodeOnWhite(width: number, height: number, rgba: Buffer): Buffer {
  const rows = Buffer.alloc(height * (1 + 3 * width));
  let out = 0;
  for (let y = 0; y < height; y++) {
    rows[out++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const at = 4 * (y * width + x);
      const alpha = rgba[at + 3] ?? 255;
      for (let c = 0; c < 3; c++) {
        rows[out++] = Math.round(((rgba[at + c] ?? 0) * alpha + 255 * (255 - alpha)) / 255);
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bit, RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 16-bit samples → their high bytes (8-bit), as png-js's copy to RGBA expects. */
function eightBit(pixels: Buffer, bits: number): Buffer {
  if (bits !== 16) return pixels;
  const out = Buffer.alloc(pixels.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = pixels[2 * i] ?? 0;
  return out;
}

/** The PNG without transparency (see above). */
export async function opaquePng(bytes: Uint8Array): Promise<Uint8Array> {
  const png = new PNG(Buffer.from(bytes));
  const indexedAlpha = png.palette.length > 0 && png.transparency.indexed !== undefined;
  // palettes of fewer than 8 bits are left to pdfkit (png-js reads them byte by byte)
  if (!(png.hasAlphaChannel || indexedAlpha) || (png.bits !== 8 && png.bits !== 16)) {
    return bytes;
  }
  const pixels = await new Promise<Buffer>((resolve) => {
    png.decodePixels(resolve);
  });
  const rgba = Buffer.alloc(png.width * png.height * 4);
  png.copyToImageData(rgba, eightBit(pixels, png.bits));
  return encodeOnWhite(png.width, png.height, rgba);
}
