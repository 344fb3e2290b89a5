/**
 * Content folders with Anlagen for the benchmark: generateMeeting's meeting, and some of its
 * Vorlagen carry `anlagen` with real files made here (pdf-lib and resvg, no committed binaries;
 * the plan is the one the tests draw, test/helpers/craftAnlagen.ts).
 *
 * generateAnlagenMeeting(dir, n, {pages}): generateMeeting(dir, n), then every third copy
 * (SV-9-2001, SV-9-2004, …) gets three Anlagen: a Kostenschätzung of `pages` A4 pages of text
 * (default 20), a Lageplan in A3 landscape and an Ansicht as a PNG. The PDFs are plain PDF
 * (Helvetica, not embedded): `ratsmappe check` passes with a warning (RM707) for each, as a
 * scanned or office PDF would get, and the outputs that carry them claim no PDF/A.
 *
 *   tsx bench/generateAnlagen.ts <dir> <n> [pages]
 *
 * anlagePdf(pages) and addAnlagen(dir, nummer, anlagen) are for measurements of their own (e.g.
 * one Vorlage with one 200-page Anlage).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StandardFonts } from 'pdf-lib';
import { parseDocument } from 'yaml';
import { chartStyle } from '../src/render/chart/chartStyle.js';
import { rasterise, rasteriser } from '../src/render/chart/rasterise.js';
import { drawPlan, plainDoc } from '../test/helpers/craftAnlagen.js';
import { copyNumber, generateMeeting } from './generateMeeting.js';

const A4: [number, number] = [595.28, 841.89];
const A3_LANDSCAPE: [number, number] = [1190.55, 841.89];
/** A PDF of `pages` A4 pages, each with a heading and 40 lines of text (a Kostenschätzung). */
export async function anlagePdf(pages: number): Promise<Uint8Array> {
  const doc = await plainDoc();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage(A4);
    page.drawText(`Kostenschätzung – Seite ${String(p)} von ${String(pages)}`, {
      x: 70,
      y: 780,
      size: 14,
      font: bold,
    });
    for (let line = 0; line < 40; line++) {
      const position = (p - 1) * 40 + line + 1;
      page.drawText(
        `Position ${String(position)}: Gewerk ${['Rohbau', 'Dach', 'Sanitär', 'Elektro'][position % 4] ?? ''}, geschätzt ${String(1000 + ((position * 137) % 9000))} Euro netto.`,
        { x: 70, y: 740 - line * 16, size: 10, font },
      );
    }
  }
  return doc.save();
}

/** One A3 landscape page: a site plan (the tests' drawing). */
export async function lageplanPdf(): Promise<Uint8Array> {
  const doc = await plainDoc();
  drawPlan(doc.addPage(A3_LANDSCAPE), await doc.embedFont(StandardFonts.Helvetica), 'Lageplan');
  return doc.save();
}

/** A PNG of 1200 × 800 pixels (a drawn view of a building), rendered by resvg. */
export async function ansichtPng(): Promise<Uint8Array> {
  await rasteriser();
  const style = chartStyle(undefined);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400" viewBox="0 0 600 400">
<rect width="600" height="400" fill="#dfeaf5"/><rect y="300" width="600" height="100" fill="#7a9a5a"/>
<rect x="150" y="150" width="300" height="150" fill="#c8c8c8" stroke="#333" stroke-width="2"/>
<path d="M130 150 L300 60 L470 150 Z" fill="#9b3b2f" stroke="#333" stroke-width="2"/>
<rect x="270" y="220" width="60" height="80" fill="#5a3b22"/>
<text x="20" y="30" font-size="18" fill="#222">Ansicht Nord</text></svg>`;
  return rasterise(svg, { family: style.family, buffers: [style.normal, style.bold] }, 1200);
}

export interface AnlageSpec {
  readonly titel: string;
  /** file name inside the Vorlage's anlagen/ folder */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Puts the files into vorlagen/<nummer>/anlagen/ and lists them under `anlagen` in its vorlage.yaml. */
export async function addAnlagen(
  dir: string,
  nummer: string,
  anlagen: readonly AnlageSpec[],
): Promise<void> {
  const folder = join(dir, 'vorlagen', nummer);
  await mkdir(join(folder, 'anlagen'), { recursive: true });
  for (const a of anlagen) await writeFile(join(folder, 'anlagen', a.name), a.bytes);
  const path = join(folder, 'vorlage.yaml');
  const doc = parseDocument(await readFile(path, 'utf8'));
  doc.set(
    'anlagen',
    doc.createNode(anlagen.map((a) => ({ titel: a.titel, datei: `anlagen/${a.name}` }))),
  );
  await writeFile(path, doc.toString({ lineWidth: 0 }));
}

/** generateMeeting(dir, n), and every third copy with three Anlagen (see the top of the file). */
export async function generateAnlagenMeeting(
  dir: string,
  n: number,
  { pages = 20 }: { readonly pages?: number } = {},
): Promise<void> {
  await generateMeeting(dir, n);
  const anlagen: AnlageSpec[] = [
    { titel: 'Kostenschätzung', name: 'kostenschaetzung.pdf', bytes: await anlagePdf(pages) },
    { titel: 'Lageplan', name: 'lageplan.pdf', bytes: await lageplanPdf() },
    { titel: 'Ansicht Nord', name: 'ansicht.png', bytes: await ansichtPng() },
  ];
  for (let i = 1; i <= n; i += 3) await addAnlagen(dir, copyNumber(i), anlagen);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, count, pages] = process.argv.slice(2);
  if (dir === undefined || count === undefined) {
    process.stderr.write('usage: tsx bench/generateAnlagen.ts <dir> <n> [pages]\n');
    process.exit(2);
  }
  await generateAnlagenMeeting(dir, Number(count), {
    ...(pages === undefined ? {} : { pages: Number(pages) }),
  });
}
