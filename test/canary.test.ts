import { inflateSync } from 'node:zlib';
import { expect } from 'chai';
import JSZip from 'jszip';
import type { Artifact } from '../src/build.js';
import { fileURLToPath } from 'node:url';
import { buildContent, secondContentDir } from './helpers/exampleBuild.js';
import { extractPdfText, pdfInfo, type PdfOutlineNode } from './helpers/pdfText.js';

/**
 * Non-public content never reaches a public artifact. The second test meeting has a non-public
 * Vorlage (SV-10-0103) with the canary below in every one of its fields (betreff, federfuehrung,
 * beschlussvorschlag, begruendung, anlagen, each section's titel and inhalt). Every public output
 * is searched for it in every form it could take: the raw bytes, every decompressed PDF stream,
 * every DOCX part, the text pdf.js extracts, the bookmarks and the document information, in
 * UTF-8, UTF-16 (big and little endian, as PDF strings use) and as hex.
 */
const canary = 'GEHEIM-KANARIE-7431';

const encodings = (text: string): Buffer[] => {
  const utf8 = Buffer.from(text, 'utf8');
  const utf16be = Buffer.from(text, 'utf16le').swap16();
  const utf16le = Buffer.from(text, 'utf16le');
  return [
    utf8,
    utf16be,
    utf16le,
    ...[utf8, utf16be].flatMap((b) => [
      Buffer.from(b.toString('hex')),
      Buffer.from(b.toString('hex').toUpperCase()),
    ]),
  ];
};
const needles = encodings(canary);
const contains = (haystack: Uint8Array): boolean =>
  needles.some((n) => Buffer.from(haystack).includes(n));

/** Every stream of a PDF, inflated where it is compressed. */
function pdfStreams(bytes: Uint8Array): Buffer[] {
  const pdf = Buffer.from(bytes);
  const out: Buffer[] = [];
  let from = 0;
  for (;;) {
    const start = pdf.indexOf('stream', from);
    if (start < 0) break;
    const bodyStart = start + 'stream'.length + (pdf[start + 6] === 0x0d ? 2 : 1);
    const end = pdf.indexOf('endstream', bodyStart);
    if (end < 0) break;
    const body = pdf.subarray(bodyStart, end);
    try {
      out.push(inflateSync(body));
    } catch {
      out.push(body);
    }
    from = end + 'endstream'.length;
  }
  return out;
}

const titles = (nodes: readonly PdfOutlineNode[]): string[] =>
  nodes.flatMap((n) => [n.title, ...titles(n.items)]);

/** Every form of an artifact in which the canary could hide, as byte strings. */
async function views(artifact: Artifact): Promise<{ where: string; bytes: Uint8Array }[]> {
  const list = [{ where: 'raw bytes', bytes: artifact.bytes }];
  if (artifact.name.endsWith('.pdf')) {
    pdfStreams(artifact.bytes).forEach((s, i) => list.push({ where: `stream ${i}`, bytes: s }));
    const { text } = await extractPdfText(artifact.bytes);
    const info = await pdfInfo(artifact.bytes);
    list.push({ where: 'extracted text', bytes: Buffer.from(text) });
    list.push({ where: 'bookmarks', bytes: Buffer.from(titles(info.outline).join('\n')) });
    list.push({ where: 'document information', bytes: Buffer.from(JSON.stringify(info.info)) });
    list.push({ where: 'links', bytes: Buffer.from(JSON.stringify(info.links)) });
  }
  if (artifact.name.endsWith('.docx')) {
    const zip = await JSZip.loadAsync(artifact.bytes);
    for (const [name, entry] of Object.entries(zip.files)) {
      if (!entry.dir) list.push({ where: name, bytes: await entry.async('uint8array') });
    }
  }
  return list;
}

function named(artifacts: readonly Artifact[], name: string): Artifact {
  const found = artifacts.find((a) => a.name === name);
  if (!found) throw new Error(`${name} missing`);
  return found;
}

describe('non-public content never reaches a public artifact (canary)', function () {
  this.timeout(120_000);
  let artifacts: readonly Artifact[] = [];
  before(async () => {
    artifacts = (await buildContent(secondContentDir)).flatMap((o) => o.artifacts);
  });

  it('the canary is found where it belongs: in every non-public output (the search works)', async () => {
    const internal = artifacts.filter(
      (a) => a.name.startsWith('nichtoeffentlich/') && !a.name.endsWith('.json'),
    );
    expect(internal.map((a) => a.name)).to.include.members([
      'nichtoeffentlich/sitzungsmappe-mitglieder.pdf',
      'nichtoeffentlich/SV-10-0103.pdf',
      'nichtoeffentlich/SV-10-0103.docx',
    ]);
    for (const artifact of internal) {
      const found = (await views(artifact)).filter((v) => contains(v.bytes)).map((v) => v.where);
      expect(found, artifact.name).to.not.deep.equal([]);
    }
    const members = await views(named(artifacts, 'nichtoeffentlich/sitzungsmappe-mitglieder.pdf'));
    expect(members.filter((v) => contains(v.bytes)).map((v) => v.where)).to.include.members([
      'extracted text',
      'bookmarks',
    ]);
  });

  it('no public output contains it: PDF text, streams, bookmarks, metadata, links, DOCX parts, manifest', async () => {
    const published = artifacts.filter((a) => a.name.startsWith('oeffentlich/'));
    expect(published.map((a) => a.name)).to.include.members([
      'oeffentlich/sitzungsmappe.pdf',
      'oeffentlich/manifest.json',
      'oeffentlich/SV-10-0100.pdf',
      'oeffentlich/SV-10-0100.docx',
    ]);
    for (const artifact of published) {
      const leaks = (await views(artifact))
        .filter((v) => contains(v.bytes))
        .map((v) => `${artifact.name}: ${v.where}`);
      expect(leaks).to.deep.equal([]);
    }
  });

  it('a public text may name the non-public Vorlage, but never links into it', async () => {
    const packet = named(artifacts, 'oeffentlich/sitzungsmappe.pdf');
    const { text } = await extractPdfText(packet.bytes);
    expect(text).to.include('SV-10-0103');
    const info = await pdfInfo(packet.bytes);
    const targets = info.links.flat().map((l) => l.dest ?? l.url ?? '');
    expect(targets.filter((t) => t.includes('SV-10-0103') || t === 'top-6')).to.deep.equal([]);
  });
});

/**
 * The same for Anlagen (test/fixtures/anlagen-sitzung): a non-public Anlage of a public Vorlage
 * and the Anlage of a non-public Vorlage carry the canary in their title, their text and their
 * bytes; neither the file, its text, its bookmark nor its name reaches oeffentlich/.
 */
describe('non-public Anlagen never reach a public artifact (canary)', function () {
  this.timeout(120_000);
  const dir = fileURLToPath(new URL('./fixtures/anlagen-sitzung/', import.meta.url));
  let artifacts: readonly Artifact[] = [];
  before(async () => {
    artifacts = (await buildContent(dir)).flatMap((o) => o.artifacts);
  });

  it('the members have them: packet text and bookmarks, the Anlage files', async () => {
    const members = await views(named(artifacts, 'nichtoeffentlich/sitzungsmappe-mitglieder.pdf'));
    expect(members.filter((v) => contains(v.bytes)).map((v) => v.where)).to.include.members([
      'extracted text',
      'bookmarks',
    ]);
    for (const name of [
      'nichtoeffentlich/SV-10-0200-anlage-6.pdf',
      'nichtoeffentlich/SV-10-0201-anlage-1.pdf',
    ]) {
      const found = (await views(named(artifacts, name))).filter((v) => contains(v.bytes));
      expect(
        found.map((v) => v.where),
        name,
      ).to.include('extracted text');
    }
  });

  it('no public output holds them: no bytes, text, bookmark, file name or manifest entry', async () => {
    const published = artifacts.filter((a) => a.name.startsWith('oeffentlich/'));
    expect(published.map((a) => a.name)).to.include.members([
      'oeffentlich/sitzungsmappe.pdf',
      'oeffentlich/SV-10-0200.pdf',
      'oeffentlich/SV-10-0200.docx',
    ]);
    for (const artifact of published) {
      const leaks = (await views(artifact))
        .filter((v) => contains(v.bytes))
        .map((v) => `${artifact.name}: ${v.where}`);
      expect(leaks).to.deep.equal([]);
      expect(artifact.name).to.not.match(/anlage-6|SV-10-0201/);
    }
    const manifest = named(artifacts, 'oeffentlich/manifest.json');
    expect(Buffer.from(manifest.bytes).toString('utf8')).to.not.match(
      /angebot|anlage-6|SV-10-0201/,
    );
  });
});
