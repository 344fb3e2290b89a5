/**
 * An opaque RGBA picture as a PNG (ISO/IEC 15948): 8-bit RGB, every row unfiltered (filter
 * type None), deflated by Node's zlib. Why not resvg's own `asPng`: its encoder runs in
 * WebAssembly and was the largest single cost of a DOCX with charts (measured at 100
 * Vorlagen: 3.4 s of 27 s CPU, about 15 ms per chart); its files are RGBA, this one's RGB
 * without the alpha channel an opaque picture does not need. No PNG library is needed for so
 * little: the format is four chunks, and zlib does the compression.
 *
 * The rows (a filter byte, then three bytes a pixel) are packed by a WebAssembly function of
 * a dozen instructions, written out below, not by a JavaScript loop: in a new render thread a
 * loop over a chart's million pixels runs unoptimised until V8's compiler threads, busy with
 * the rest of the render stack, get to it (measured: 80–460 ms per chart, 15 ms once
 * optimised); WebAssembly is compiled before it runs (about 2 ms a chart). Unfiltered rows
 * deflate smaller than the Sub filter's for these pictures (the example's two charts: 10.2
 * and 16.4 KB against 11.8 and 21.1 KB).
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A chunk: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Bytes with their length before them (unsigned LEB128), as WebAssembly sizes them. */
function sized(bytes: readonly number[]): number[] {
  const size: number[] = [];
  let n = bytes.length;
  do {
    size.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return [...size, ...bytes];
}

const ascii = (name: string): number[] => Array.from(name, (c) => c.charCodeAt(0));

/** A section of a WebAssembly module: its id and its sized bytes. */
const section = (id: number, bytes: readonly number[]): number[] => [id, ...sized(bytes)];

/**
 * rows(src, dst, width, height): from RGBA pixels at `src` the PNG rows at `dst`, each a
 * filter byte 0 and the pixels' RGB. Each pixel is copied as four bytes and the next one
 * written three bytes on, over the alpha byte; a row's last alpha byte lands where the next
 * row's filter byte is then written, the picture's last one just past the rows.
 */
// prettier-ignore
const ROWS_BODY = [
  0x01, 0x02, 0x7f, // locals: x (4), y (5), i32
  0x20, 0x03, 0x21, 0x05, // y = height
  0x02, 0x40, // block: all rows done
  0x03, 0x40, // loop: a row
  0x20, 0x05, 0x45, 0x0d, 0x01, // y == 0: done
  0x20, 0x01, 0x41, 0x00, 0x3a, 0x00, 0x00, // the filter byte: [dst] = 0
  0x20, 0x01, 0x41, 0x01, 0x6a, 0x21, 0x01, // dst += 1
  0x20, 0x02, 0x21, 0x04, // x = width
  0x02, 0x40, // block: the row done
  0x03, 0x40, // loop: a pixel
  0x20, 0x04, 0x45, 0x0d, 0x01, // x == 0: the row done
  0x20, 0x01, 0x20, 0x00, 0x28, 0x00, 0x00, 0x36, 0x00, 0x00, // [dst] = [src], four bytes
  0x20, 0x01, 0x41, 0x03, 0x6a, 0x21, 0x01, // dst += 3
  0x20, 0x00, 0x41, 0x04, 0x6a, 0x21, 0x00, // src += 4
  0x20, 0x04, 0x41, 0x01, 0x6b, 0x21, 0x04, // x -= 1
  0x0c, 0x00, // the next pixel
  0x0b, 0x0b, // end of the pixel loop and its block
  0x20, 0x05, 0x41, 0x01, 0x6b, 0x21, 0x05, // y -= 1
  0x0c, 0x00, // the next row
  0x0b, 0x0b, // end of the row loop and its block
  0x0b, // end of the function
];

// prettier-ignore
const ROWS_MODULE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
  ...section(1, [0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]), // type: (i32 ×4) → ()
  ...section(3, [0x01, 0x00]), // one function of that type
  ...section(5, [0x01, 0x00, 0x01]), // a memory, at least one page
  // exports: "memory" (memory 0), "rows" (function 0)
  ...section(7, [0x02, 0x06, ...ascii('memory'), 0x02, 0x00, 0x04, ...ascii('rows'), 0x00, 0x00]),
  ...section(10, [0x01, ...sized(ROWS_BODY)]), // its code
]);

let packer:
  | {
      readonly memory: WebAssembly.Memory;
      rows(src: number, dst: number, w: number, h: number): void;
    }
  | undefined;

/** The picture's PNG rows: a filter byte 0 and RGB, row by row. */
function pngRows(width: number, height: number, rgba: Uint8Array): Buffer {
  if (packer === undefined) {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(ROWS_MODULE));
    packer = exports as unknown as NonNullable<typeof packer>;
  }
  const size = (width * 3 + 1) * height;
  // the pixels, then the rows and the last alpha byte
  const needed = rgba.length + size + 1;
  const pages = Math.ceil((needed - packer.memory.buffer.byteLength) / 65536);
  if (pages > 0) packer.memory.grow(pages);
  new Uint8Array(packer.memory.buffer, 0, rgba.length).set(rgba);
  packer.rows(0, rgba.length, width, height);
  return Buffer.from(new Uint8Array(packer.memory.buffer, rgba.length, size));
}

/**
 * `rgba`: width × height pixels, four bytes each, drawn on an opaque background (the alpha
 * channel is dropped). Deterministic: the same pixels give the same bytes.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  if (rgba.length !== width * height * 4) throw new Error('PNG: pixel data of the wrong size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  // compression, filter method, interlace: 0
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pngRows(width, height, rgba), { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
