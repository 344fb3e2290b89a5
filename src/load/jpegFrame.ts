/**
 * The frame of a JPEG (its first start-of-frame marker): size, bits per sample, colour
 * components and coding. Pure; imageInfo.ts takes the size from it, and the checks of `bild`
 * blocks (RM625) and Anlagen (RM709) refuse the JPEGs that the outputs cannot show right:
 *
 * - four components (CMYK or YCCK, as print shops and Photoshop save them): pdfkit and pdf-lib
 *   write them as DeviceCMYK, which PDF/A-2b does not allow beside ratsmappe's sRGB output
 *   intent, and viewers convert them each in their own way (the colours come out dull or
 *   inverted; tried with poppler);
 * - other than 8 bits per sample, and lossless, hierarchical or arithmetic coding: PDF's
 *   DCTDecode is 8-bit baseline or progressive Huffman in the readers that matter.
 *
 * Baseline (SOF0), extended sequential (SOF1, 8 bit) and progressive (SOF2) JPEGs in grey (one
 * component) or colour (three) are fine: pdfkit, pdf-lib, Word and LibreOffice show them.
 */

export interface JpegFrame {
  /** the SOF marker's second byte: 0xc0 baseline, 0xc1 extended, 0xc2 progressive, … */
  readonly sof: number;
  readonly precision: number;
  readonly components: number;
  readonly width: number;
  readonly height: number;
}

const u16 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);

/** The first start-of-frame marker (SOF0–SOF15 without DHT, JPG and DAC), or undefined. */
export function jpegFrame(bytes: Uint8Array): JpegFrame | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return undefined;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return {
        sof: marker,
        precision: bytes[at + 4] ?? 0,
        height: u16(bytes, at + 5),
        width: u16(bytes, at + 7),
        components: bytes[at + 9] ?? 0,
      };
    }
    at += 2 + u16(bytes, at + 2);
  }
  return undefined;
}

/** the codings every reader shows: baseline, extended sequential and progressive Huffman */
const SHOWN = new Set([0xc0, 0xc1, 0xc2]);

/**
 * What keeps a JPEG from being shown right, as the diagnostics say it („im Farbraum CMYK
 * gespeichert“), or null when it is fine (or no JPEG frame is found: other checks report that).
 */
export function jpegFault(bytes: Uint8Array): string | null {
  const frame = jpegFrame(bytes);
  if (frame === undefined) return null;
  if (frame.components === 4) return 'im Farbraum CMYK gespeichert (für den Druck)';
  if (frame.components !== 1 && frame.components !== 3)
    return `mit ${String(frame.components)} Farbkanälen gespeichert`;
  if (frame.precision !== 8) return `mit ${String(frame.precision)} Bit je Farbkanal gespeichert`;
  if (!SHOWN.has(frame.sof)) return 'verlustfrei oder arithmetisch kodiert';
  return null;
}
