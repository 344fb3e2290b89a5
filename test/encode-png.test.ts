/**
 * src/render/chart/encodePng.ts: the PNG of a picture has exactly its pixels (RGB, the alpha
 * dropped), whatever its size, and the same pixels give the same bytes. Its rows are packed by
 * a small WebAssembly function whose memory is reused from picture to picture.
 */
import { expect } from 'chai';
import { encodePng } from '../src/render/chart/encodePng.js';
import { decodePng } from './helpers/pngPixels.js';

/** Deterministic pixels, opaque, different in every channel. */
function pixels(width: number, height: number, seed: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  let state = seed;
  for (let i = 0; i < rgba.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    rgba[i] = i % 4 === 3 ? 255 : state >>> 24;
  }
  return rgba;
}

const rgbOf = (rgba: Uint8Array): Uint8Array => rgba.filter((_, i) => i % 4 !== 3);

describe('PNG of a picture (encodePng.ts)', () => {
  it('keeps every pixel, for odd and even sizes, large after small and small after large', () => {
    const sizes: [number, number][] = [
      [1, 1],
      [3, 2],
      [1248, 587],
      [5, 7],
      [2, 1],
      [1249, 3],
      [64, 64],
    ];
    sizes.forEach(([width, height], i) => {
      const rgba = pixels(width, height, i + 1);
      const png = encodePng(width, height, rgba);
      const view = Buffer.from(png);
      expect(view.subarray(12, 16).toString('latin1')).to.equal('IHDR');
      expect([view.readUInt32BE(16), view.readUInt32BE(20)]).to.deep.equal([width, height]);
      expect([view[24], view[25]], 'bit depth 8, colour type RGB').to.deep.equal([8, 2]);
      const decoded = decodePng(png);
      expect(Buffer.compare(decoded.rgb, rgbOf(rgba)), `${width}×${height}`).to.equal(0);
      expect(Buffer.compare(encodePng(width, height, rgba), view), 'same bytes again').to.equal(0);
    });
  });

  it('refuses pixel data of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).to.throw('wrong size');
  });
});
