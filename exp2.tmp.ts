import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import fs from 'node:fs';
const data = new Uint8Array(fs.readFileSync(process.argv[2]!));
const doc = await getDocument({ data, verbosity: 0 }).promise;
const page = await doc.getPage(1);
const tc = await page.getTextContent();
for (const it of tc.items) console.log(JSON.stringify(it));
console.log(await page.getAnnotations());
console.log(JSON.stringify(await doc.getOutline()), JSON.stringify((await doc.getMetadata()).info));
