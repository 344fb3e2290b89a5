import fs from 'node:fs';
import type { Block, Document, Inline } from './src/model/types.js';
import { renderPdf } from './src/render/pdf/renderPdf.js';
import { sampleDocument } from './test/helpers/sampleDocument.js';
import { extractPdfText } from './test/helpers/pdfText.js';
const t = (text: string): Inline => ({ type: 'text', text });
const p = (text: string): Block => ({ type: 'paragraph', children: [t(text)] });
const lorem = 'Die Verwaltung berichtet über die Umsetzung der Maßnahmen im Bereich der Integration. Im Berichtszeitraum wurden zahlreiche Angebote für Schüler*innen, Eltern und Lehrkräfte durchgeführt, die sich an den Bedarfen vor Ort orientieren.';
const cell = (text: string, align: 'left' | 'right' = 'left') => ({ children: [t(text)], align });
const blocks: Block[] = [
  { type: 'heading', level: 1, children: [t('Stresstest')], id: 'top' },
  ...Array.from({ length: 6 }, () => p(lorem)),
  { type: 'heading', level: 2, children: [t('Tabelle')] },
  { type: 'table', variant: 'data', header: [cell('Maßnahme'), cell('Jahr'), cell('Betrag', 'right')], rows: Array.from({ length: 40 }, (_, i) => [cell(`Maßnahme Nummer ${i + 1} mit längerem Titel`), cell('2020'), cell(`${(i * 1234.5).toFixed(2)} €`, 'right')]) },
  { type: 'heading', level: 2, children: [t('Langer Kasten')] },
  { type: 'box', children: [p(lorem), { type: 'list', ordered: true, items: [[p(lorem)], [p('kurz'), { type: 'list', ordered: false, items: [[p('verschachtelt')], [p('auch')]] }]] }, p(lorem), p(lorem)] },
  { type: 'paragraph', children: [t('Siehe '), { type: 'link', href: '#top', children: [t('oben')] }, t(' und '), { type: 'link', href: 'mailto:info@example.org', children: [t('Mail')] }, t('.')] },
  { type: 'quote', children: [p(lorem), p('Zweiter Absatz im Zitat.')] },
  ...Array.from({ length: 8 }, () => p(lorem)),
];
const doc: Document = { meta: sampleDocument.meta, blocks };
const buf = await renderPdf(doc);
fs.writeFileSync('/tmp/pdfcheck/stress.pdf', buf);
const { pages } = await extractPdfText(buf);
pages.forEach((x, i) => console.log(`--- ${i + 1}\n${x}`));
