import { renderPdf } from './src/render/pdf/renderPdf.js';
import { buildPdfDefinition } from './src/render/pdf/pdfDefinition.js';
import { renderPdfDefinition } from './src/render/pdf/renderPdf.js';
import { sampleDocument } from './test/helpers/sampleDocument.js';
for (let i = 0; i < 8; i++) { const t0 = performance.now(); await renderPdf(sampleDocument); console.log('full', (performance.now() - t0).toFixed(0)); }
for (let i = 0; i < 4; i++) { const { definition, outline } = buildPdfDefinition(sampleDocument); delete definition.pageBreakBefore; const t0 = performance.now(); await renderPdfDefinition(definition, outline); console.log('nokeep', (performance.now() - t0).toFixed(0)); }
for (let i = 0; i < 4; i++) { const { definition, outline } = buildPdfDefinition(sampleDocument); definition.compress = false; const t0 = performance.now(); await renderPdfDefinition(definition, outline); console.log('nocompress', (performance.now() - t0).toFixed(0)); }
