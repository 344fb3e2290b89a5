/**
 * SVG → PNG for the DOCX (the picture Word shows where it takes no SVG, and the one LibreOffice
 * shows), with resvg's WebAssembly build: no native binary per platform, the same pixels on
 * every machine. Text is set with the document's font bytes (chartStyle.ts), as in the PDF.
 * The PNG is opaque (drawn on white).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { encodePng } from './encodePng.js';

let ready: Promise<void> | undefined;

/** Loads resvg once per thread; await it before `rasterise`. */
export function rasteriser(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    await initWasm(await readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  })();
  return ready;
}

export interface RasterFonts {
  readonly family: string;
  readonly buffers: readonly Uint8Array[];
}

/** The SVG as an opaque PNG `width` pixels wide (call after `await rasteriser()`). */
export function rasterise(svg: string, fonts: RasterFonts, width: number): Uint8Array {
  const resvg = new Resvg(svg, {
    font: {
      fontBuffers: [...fonts.buffers],
      defaultFontFamily: fonts.family,
      sansSerifFamily: fonts.family,
    },
    fitTo: { mode: 'width', value: Math.round(width) },
    background: '#ffffff',
    shapeRendering: 2,
    textRendering: 1,
  });
  try {
    const image = resvg.render();
    try {
      return encodePng(image.width, image.height, image.pixels);
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
