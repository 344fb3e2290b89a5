import fs from 'node:fs';
import { exampleArtifact } from './test/helpers/exampleBuild.js';
import { extractPdfText } from './test/helpers/pdfText.js';
const buf = await exampleArtifact('SV-9-1601.pdf');
fs.writeFileSync('/tmp/pdfcheck/seed.pdf', buf);
const { pages } = await extractPdfText(buf);
pages.forEach((x, i) => console.log(`--- ${i + 1}\n${x}`));
