/**
 * A PNG's pixels, for tests that look at a picture: 8-bit greyscale, RGB, grey+alpha or RGBA,
 * non-interlaced (what resvg and pdfmake write). Composited onto white.
 */
import { inflateSync } from 'node:zlib';

export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** RGB, three bytes a pixel, row by row */
  readonly rgb: Uint8Array;
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(bytes: Uint8Array): Pixels {
  const view = Buffer.from(bytes);
  const width = view.readUInt32BE(16);
  const height = view.readUInt32BE(20);
  const [depth, colour, , , interlace] = view.subarray(24, 29);
  const channels = CHANNELS[colour ?? -1];
  if (depth !== 8 || channels === undefined || interlace !== 0)
    throw new Error(`unsupported PNG (depth ${String(depth)}, colour type ${String(colour)})`);
  const idat: Buffer[] = [];
  for (let at = 8; at < view.length;) {
    const length = view.readUInt32BE(at);
    if (view.toString('latin1', at + 4, at + 8) === 'IDAT')
      idat.push(view.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const data = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const raw = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const value = data[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= channels ? (raw[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (raw[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (raw[(y - 1) * stride + x - channels] ?? 0) : 0;
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter] ?? 0;
      raw[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const px = raw.subarray(i * channels, (i + 1) * channels);
    const grey = channels < 3;
    const alpha = channels === 2 || channels === 4 ? (px[channels - 1] ?? 255) / 255 : 1;
    for (let k = 0; k < 3; k++) {
      const v = px[grey ? 0 : k] ?? 0;
      rgb[i * 3 + k] = Math.round(v * alpha + 255 * (1 - alpha));
    }
  }
  return { width, height, rgb };
}

/** How many pixels are not (nearly) white. */
export function inkedPixels({ rgb }: Pixels): number {
  let count = 0;
  for (let i = 0; i < rgb.length; i += 3)
    if ((rgb[i] ?? 255) < 240 || (rgb[i + 1] ?? 255) < 240 || (rgb[i + 2] ?? 255) < 240) count++;
  return count;
}

/** How many pixels are within `tolerance` of the colour "#RRGGBB". */
export function pixelsOfColour({ rgb }: Pixels, colour: string, tolerance = 40): number {
  const target = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < rgb.length; i += 3)
    if (target.every((t, k) => Math.abs((rgb[i + k] ?? 0) - t) <= tolerance)) count++;
  return count;
}
