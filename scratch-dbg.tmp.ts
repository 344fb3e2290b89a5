import type { Block, Document, Inline } from './src/model/types.js';
import { buildPdfDefinition } from './src/render/pdf/renderPdf.js';
import { renderPdfDefinition } from './src/render/pdf/renderPdf.js';
import { extractPdfText } from './test/helpers/pdfText.js';
import { sampleDocument } from './test/helpers/sampleDocument.js';
const t = (text: string): Inline => ({ type: 'text', text });
const p = (text: string): Block => ({ type: 'paragraph', children: [t(text)] });
const after = 'Absatz nach der Zielüberschrift, lang genug für mehr als eine Zeile: Die Verwaltung berichtet über die Umsetzung der Maßnahmen im Bereich der Integration im Kreisgebiet.';
function doc(k: number, j: number): Document {
  const blocks: Block[] = [];
  for (let i = 1; i <= k; i++) blocks.push(p(`Füllabsatz ${i}.`));
  if (j > 0) blocks.push({ type: 'list', ordered: false, items: Array.from({ length: j }, () => [p('Punkt')]) });
  blocks.push({ type: 'heading', level: 2, children: [t('Zielüberschrift')] });
  blocks.push(p(after));
  return { meta: sampleDocument.meta, blocks };
}
for (let k = 29; k <= 32; k++) for (let j = 0; j <= 5; j++) {
  const { definition, outline } = buildPdfDefinition(doc(k, j));
  const orig = definition.pageBreakBefore!;
  definition.pageBreakBefore = (n, q) => { const r = orig(n, q); if (n.headlineLevel) console.log(k, j, 'H', n.pageNumbers, n.startPosition.verticalRatio.toFixed(3), q.getFollowingNodesOnPage().filter(f => f.style !== 'pageFooter').map(f => [f.pageNumbers, f.startPosition.verticalRatio.toFixed(3), f.stack]), q.getNodesOnNextPage().filter(f => f.style !== 'pageFooter').length, r); return r; };
  const buf = await renderPdfDefinition(definition, outline);
  const { pages } = await extractPdfText(buf);
  console.log(k, j, pages.map(x => x.includes('Zielüberschrift') + '/' + x.includes('Absatz nach')).join(' '));
}
