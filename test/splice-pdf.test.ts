/**
 * The packet's byte-level copy of its parts (src/packet/splicePdf.ts) against pdf-lib's copy:
 * the same pages, text, bookmarks, links and destinations, a valid file, unique font subsets;
 * a PDF the copy does not read is assembled by pdf-lib instead.
 */
import { expect } from 'chai';
import {
  degrees,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  StandardFonts,
  type PDFObject,
} from 'pdf-lib';
import type { MeetingOutput } from '../src/build.js';
import type { DocumentMeta } from '../src/model/types.js';
import { assemble, assemblePacket, type PacketSpec } from '../src/packet/assemblePacket.js';
import { PacketRenders } from '../src/packet/packetRenders.js';
import { splicePages, SpliceUnsupported } from '../src/packet/splicePdf.js';
import { prepareAnlage } from '../src/render/anlagen/prepareAnlage.js';
import { anlagePart } from '../src/render/anlagen/renderAnlagen.js';
import { buildExample } from './helpers/exampleBuild.js';
import { entry, objectsOfType, qdfObjects, qpdfCheck } from './helpers/pdfStructure.js';
import { extractPdfText, pdfInfo } from './helpers/pdfText.js';

const meta: DocumentMeta = {
  title: 'Sitzungsmappe Probe',
  author: 'Kreis Coesfeld',
  subject: 'Sitzungsmappe',
  keywords: ['Kreis Coesfeld', 'Probe'],
  language: 'de-DE',
  footer: 'Kreis Coesfeld · Probe',
  date: '2020-02-04',
};

/** A foreign A3 plan, turned a quarter, with a web link: an Anlage as a clerk adds one. */
async function foreignPlan(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([1190.55, 841.89]);
  page.setRotation(degrees(90));
  page.drawText('Lageplan Kreishaus (1 0 R) \\ Ende', { x: 60, y: 400, size: 28, font });
  const link = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [50, 50, 300, 100],
      A: { S: 'URI', URI: PDFString.of('https://example.org/plan (2 0 R)') },
    }),
  );
  page.node.set(PDFName.of('Annots'), doc.context.obj([link]));
  return doc.save({ useObjectStreams: false });
}

describe('the packet’s byte-level copy of its parts', function () {
  this.timeout(120_000);
  let output: MeetingOutput;
  let spec: PacketSpec;
  let spliced: Uint8Array;
  let viaPdfLib: Uint8Array;
  before(async () => {
    [output] = (await buildExample()) as [MeetingOutput];
    const file = (name: string): Uint8Array => {
      const found = output.artifacts.find((a) => a.name === name);
      if (found === undefined) throw new Error(`${name} missing`);
      return found.bytes;
    };
    const plan = await prepareAnlage('pdf', await foreignPlan());
    spec = {
      meta,
      parts: [
        {
          pdf: file('oeffentlich/SV-9-1600.pdf'),
          outline: [{ title: 'Erster Abschnitt', level: 1, dest: '_heading-1' }],
          top: { dest: 'top-1', title: 'TOP 1: Netzwerk', running: 'TOP 1 · SV-9-1600' },
        },
        {
          pdf: file('oeffentlich/SV-9-1601.pdf'),
          outline: [{ title: 'Abschnitt', level: 1, dest: '_heading-1' }],
          top: { dest: 'top-2', title: 'TOP 2: Bericht', running: 'TOP 2 · SV-9-1601' },
        },
        anlagePart('SV-9-1601', { nummer: 1, titel: 'Lageplan' }, plan.pdf, 2),
      ],
    };
    // assemble (not assemblePacket): no way back to pdf-lib, a part it cannot read fails here
    spliced = await assemble(spec, true);
    viaPdfLib = await assemble(spec, false);
  });

  it('gives the same pages, text, bookmarks, links and destinations as pdf-lib’s copy', async () => {
    const [a, b] = await Promise.all([extractPdfText(spliced), extractPdfText(viaPdfLib)]);
    expect(a.pages).to.have.length(b.pages.length);
    expect(a.pages).to.deep.equal(b.pages);
    expect(a.pages.at(-1)).to.include('Anlage 1 zu SV-9-1601: Lageplan');
    expect(a.pages.at(-1)).to.include('Lageplan Kreishaus (1 0 R) \\ Ende');
    const [x, y] = await Promise.all([pdfInfo(spliced), pdfInfo(viaPdfLib)]);
    expect(x.pageSizes).to.deep.equal(y.pageSizes);
    expect(x.outline).to.deep.equal(y.outline);
    expect(x.links).to.deep.equal(y.links);
    expect([...x.destinations]).to.deep.equal([...y.destinations]);
    expect(x.info).to.deep.equal(y.info);
    // part-local destinations renamed per part, each at its own part's pages
    expect(x.destinations.get('_p0_heading-1')).to.be.lessThan(
      x.destinations.get('_p1_heading-1') ?? 0,
    );
  });

  it('writes a file qpdf finds no fault in, with a unique name for every font subset', () => {
    expect(qpdfCheck(spliced).status, qpdfCheck(spliced).output).to.equal(0);
    const fonts = objectsOfType(qdfObjects(spliced), 'Font').filter(
      (f) => entry(f.dict, 'Subtype') === '/Type0',
    );
    const names = fonts.map((f) => entry(f.dict, 'BaseFont'));
    // each part's Roboto subsets (and the furniture's), none named like another
    expect(names.length).to.be.greaterThan(4);
    expect(new Set(names).size).to.equal(names.length);
    for (const name of names) expect(name).to.match(/^\/[A-Z]{6}\+/);
  });

  it('copies only what the pages use: every object is reachable, no part’s footer or catalog', async () => {
    // read by pdf-lib (qpdf --qdf would drop unreachable objects itself)
    const doc = await PDFDocument.load(spliced, { updateMetadata: false });
    const { context } = doc;
    const reached = new Set<string>();
    const visit = (value: PDFObject | undefined): void => {
      if (value instanceof PDFRef) {
        if (reached.has(value.tag)) return;
        reached.add(value.tag);
        visit(context.lookup(value));
      } else if (value instanceof PDFDict) for (const [, v] of value.entries()) visit(v);
      else if (value instanceof PDFArray) for (const v of value.asArray()) visit(v);
      else if (value instanceof PDFRawStream) visit(value.dict);
    };
    visit(context.trailerInfo.Root);
    visit(context.trailerInfo.Info);
    const all = context.enumerateIndirectObjects();
    expect(
      all
        .filter(([ref]) => !reached.has(ref.tag))
        .map(([ref, o]) => `${ref.tag}: ${o.toString().slice(0, 80)}`),
    ).to.deep.equal([]);
    const ofType = (type: string) =>
      all.filter(([, o]) => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of(type));
    expect(ofType('Catalog')).to.have.length(1);
    expect(ofType('Pages')).to.have.length(1);
    // a page: the furniture's opening, the part's body, the furniture's closing (no own footer)
    const pages = doc.getPages();
    expect(pages).to.have.length(ofType('Page').length);
    for (const page of pages.slice(0, -1)) {
      const contents = page.node.Contents();
      expect(contents instanceof PDFArray ? contents.size() : 1).to.equal(3);
    }
  });

  it('reads each part once: the next assembly takes what it found, with the same bytes', async () => {
    const first = new PacketRenders();
    const made = await assemble({ ...spec, renders: first }, true);
    // every part and the furniture read from their bytes
    expect(first.reread).to.equal(spec.parts.length + 1);
    const second = new PacketRenders(new Map(first.entries()));
    const again = await assemble({ ...spec, renders: second }, true);
    expect(second.reread, 'parts read again').to.equal(0);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(made))).to.equal(0);
    expect(Buffer.compare(Buffer.from(made), Buffer.from(spliced))).to.equal(0);
    // one part changed (the Anlage, which keeps all of its content streams): only it is read
    // again, and the packet shows the change
    const anlage = spec.parts.at(-1);
    if (anlage === undefined) throw new Error('no part');
    const doc = await PDFDocument.load(anlage.pdf);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.getPage(0).drawText('Nachtrag vom Dienstag', { x: 72, y: 160, size: 10, font });
    const parts = [
      ...spec.parts.slice(0, -1),
      { ...anlage, pdf: await doc.save({ useObjectStreams: false }) },
    ];
    const third = new PacketRenders(new Map(second.entries()));
    const edited = await assemble({ ...spec, parts, renders: third }, true);
    expect(third.reread, 'the changed part only').to.equal(1);
    const fresh = await assemble({ ...spec, parts }, true);
    expect(Buffer.compare(Buffer.from(edited), Buffer.from(fresh))).to.equal(0);
    expect((await extractPdfText(edited)).pages.at(-1)).to.include('Nachtrag vom Dienstag');
  });

  it('leaves a PDF it does not read (an xref stream) to pdf-lib, with the same result', async () => {
    const [first] = spec.parts;
    if (first === undefined) throw new Error('no part');
    const doc = await PDFDocument.load(first.pdf);
    const compact = await doc.save({ useObjectStreams: true });
    const out = await PDFDocument.create();
    expect(() =>
      splicePages(out, compact, {
        firstContentOnly: true,
        nextTag: () => 'AAAAAA',
        withIntents: true,
      }),
    ).to.throw(SpliceUnsupported);
    const packet = await assemblePacket({ ...spec, parts: [{ ...first, pdf: compact }] });
    const text = (await extractPdfText(packet)).pages;
    const alone = (await extractPdfText(await assemble({ ...spec, parts: [first] }, true))).pages;
    expect(text).to.deep.equal(alone);
  });
});
