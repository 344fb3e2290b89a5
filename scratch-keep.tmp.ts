import type { Block, Document, Inline } from './src/model/types.js';
import { buildPdfDefinition } from './src/render/pdf/pdfDefinition.js';
import { renderPdfDefinition } from './src/render/pdf/renderPdf.js';
import { extractPdfText } from './test/helpers/pdfText.js';
import { sampleDocument } from './test/helpers/sampleDocument.js';
const t = (text: string): Inline => ({ type: 'text', text });
const p = (text: string): Block => ({ type: 'paragraph', children: [t(text)] });
function doc(k: number, j: number): Document {
  const blocks: Block[] = [];
  for (let i = 1; i <= k; i++) blocks.push(p(`Füllabsatz ${i} mit etwas Text.`));
  if (j > 0) blocks.push({ type: 'list', ordered: false, items: Array.from({ length: j }, (_, i) => [p(`Punkt ${i + 1}`)]) });
  blocks.push({ type: 'heading', level: 2, children: [t('Zielüberschrift')] });
  blocks.push(p('Absatz direkt nach der Zielüberschrift mit etwas mehr Text, der über die Zeile hinausgeht und umbricht, damit er zwei Zeilen belegt und noch ein wenig mehr, sodass es reicht.'));
  return { meta: sampleDocument.meta, blocks };
}
const mode = process.argv[2];
const t0 = performance.now(); let n = 0;
for (let k = 28; k <= 33; k++) for (let j = 0; j <= 4; j++) {
  const { definition, outline } = buildPdfDefinition(doc(k, j));
  if (mode === 'off') delete definition.pageBreakBefore;
  const buf = await renderPdfDefinition(definition, outline); n++;
  const { pages } = await extractPdfText(buf);
  const hp = pages.findIndex(x => x.includes('Zielüberschrift'));
  const lines = pages[hp]!.split('\n');
  const hl = lines.findIndex(l => l.includes('Zielüberschrift'));
  console.log(k, j, 'heading page', hp + 1, 'lines after heading on page', lines.length - hl - 2);
}
console.log('avg ms', ((performance.now() - t0) / n).toFixed(0));
