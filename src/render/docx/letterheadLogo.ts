/**
 * The letterhead's logo in the DOCX: its size in the header (at most 60 mm × 20 mm, its aspect
 * ratio kept) and, for an SVG logo, a PNG of it rasterised with resvg (rasterise.ts), which Word
 * shows where it takes no SVG and LibreOffice always shows. A PNG the body brings (`png`) is
 * kept as it is.
 */
import type { Design, Letterhead } from '../../model/types.js';
import { chartStyle } from '../chart/chartStyle.js';
import { rasterise, rasteriser } from '../chart/rasterise.js';
import { imageInfo } from '../../load/imageInfo.js';

type Logo = NonNullable<Letterhead['logo']>;

/** the largest logo, in pixels at 96 dpi: 60 mm × 20 mm */
const LOGO_BOX = { width: (60 / 25.4) * 96, height: (20 / 25.4) * 96 };
/** the PNG at four times the shown size: sharp on paper (about 380 dpi) and on screens */
const OVERSAMPLE = 4;

/**
 * width and height of the logo in CSS pixels, as the check reads them (imageInfo.ts: a PNG's
 * IHDR; an SVG's width and height in their units, else its viewBox)
 */
function naturalSize(logo: Logo): { width: number; height: number } {
  const info = imageInfo(logo.type === 'png' ? logo.bytes : Buffer.from(logo.svg, 'utf8'));
  return info ?? { width: 300, height: 150 };
}

/** The logo's size in the header, in pixels at 96 dpi (as docx sizes pictures). */
export function logoSize(logo: Logo): { width: number; height: number } {
  const size = naturalSize(logo);
  const scale = Math.min(LOGO_BOX.width / size.width, LOGO_BOX.height / size.height);
  return { width: Math.round(size.width * scale), height: Math.round(size.height * scale) };
}

/**
 * The letterhead with its SVG logo's PNG (`png`), rasterised in the document's font (text in
 * the SVG, as the PDF sets it); a PNG logo, or an SVG with a PNG of its own, as it is.
 */
export async function withLogoPng(
  letterhead: Letterhead,
  design: Design | undefined,
): Promise<Letterhead> {
  const logo = letterhead.logo;
  if (logo?.type !== 'svg' || logo.png !== undefined) return letterhead;
  await rasteriser();
  const style = chartStyle(design);
  const png = rasterise(
    logo.svg,
    { family: style.family, buffers: [style.normal, style.bold] },
    logoSize(logo).width * OVERSAMPLE,
  );
  return { ...letterhead, logo: { ...logo, png } };
}
