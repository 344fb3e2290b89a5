import crypto from 'node:crypto';
import { renderPdf } from './src/render/pdf/renderPdf.js';
import { sampleDocument } from './test/helpers/sampleDocument.js';
import { pdfInfo } from './test/helpers/pdfText.js';
const buf = await renderPdf(sampleDocument);
console.log(crypto.createHash('md5').update(buf).digest('hex'), JSON.stringify((await pdfInfo(buf)).links));
