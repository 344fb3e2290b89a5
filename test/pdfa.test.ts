/**
 * PDF/A output of renderPdf (options.pdfa '2b' / '3b', attachments).
 *
 * No PDF/A validator (veraPDF or similar) is available here, so these tests do NOT validate
 * PDF/A conformance. They are a structural check of the requirements of ISO 19005-2/-3
 * level b that the renderer is responsible for, read from the file with qpdf
 * (`apt-get install -y qpdf`, ≥ 10.2; the tests fail without it):
 *
 * - `qpdf --check` reports no errors or warnings;
 * - header `%PDF-1.7` followed by a comment with at least four bytes > 127; trailer with /ID,
 *   no /Encrypt;
 * - the XMP metadata stream (catalog /Metadata) is well-formed XML (parsed by xmldoc, a strict
 *   sax parser), carries pdfaid:part 2 or 3 and pdfaid:conformance B, no pdfuaid; dc:title,
 *   dc:creator, dc:description, pdf:Keywords, xmp:CreatorTool, pdf:Producer equal the info
 *   dictionary's Title, Author, Subject, Keywords, Creator, Producer (read back with pdf.js);
 *   xmp:CreateDate, xmp:ModifyDate, xmp:MetadataDate equal the info dates (meta.date);
 *   dc:language is de-DE; `&` and `<` of title and author arrive escaped;
 * - catalog /OutputIntents holds one /OutputIntent /S /GTS_PDFA1 whose /DestOutputProfile is a
 *   3-component ICC profile stream (ICC signature `acsp`);
 * - fonts: every font is a /Type0 with an embedded TrueType descendant (/FontDescriptor with
 *   /FontFile2, or /FontFile or /FontFile3), no /Type1, /TrueType or /MMType1 font without an
 *   embedded font program, no standard-14 font name (Helvetica, Times, Courier, …);
 * - transparency: no /SMask, no /Group with /S /Transparency, every /CA and /ca is 1;
 * - every annotation has /F 4 (print) and the links are there;
 * - catalog /Lang (de-DE), no /MarkInfo claiming /Marked true, no /StructTreeRoot (the file
 *   is not tagged and claims nothing else), no JavaScript, no /AA actions;
 * - 2b: no embedded files, no /AF; 3b: every attachment is an /EmbeddedFile stream with its
 *   MIME type as /Subtype, /Params /ModDate (meta.date) and the MD5 /CheckSum, in a /Filespec
 *   with /F, /UF, /Desc and /AFRelationship, listed in the /EmbeddedFiles name tree and in the
 *   catalog /AF array; `qpdf --show-attachment` returns the original bytes;
 * - two renders (one of them concurrent) are byte-identical; pdf.js extracts the same text as
 *   from the plain PDF.
 *
 * Not checked (needs a validator): font program internals (widths, cmaps, .notdef use),
 * content stream operators, ICC profile validity beyond its signature, XMP schema rules beyond
 * the properties listed above.
 */
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { XmlDocument, type XmlElement } from 'xmldoc';
import type { Document } from '../src/model/types.js';
import { renderPdf, type PdfAttachment, type PdfOptions } from '../src/render/pdf/renderPdf.js';
import {
  catalog,
  deref,
  entry,
  objectsOfType,
  qdfObjects,
  qpdfCheck,
  refs,
  requireQpdf,
  showAttachment,
  type QdfFile,
} from './helpers/pdfStructure.js';
import { extractPdfText, pdfInfo } from './helpers/pdfText.js';
import { designedDocument, pngLogo } from './helpers/designedDocument.js';
import { sampleDocument } from './helpers/sampleDocument.js';

/** title and author with characters XML must escape and German quotation marks */
const awkward: Document = {
  ...sampleDocument,
  meta: {
    ...sampleDocument.meta,
    title: 'SV-9-1602 Bericht an den „Gremium“ & <Ausschuss>',
    author: 'Kreis Coesfeld & Partner <KI> – „Gremium“',
  },
};

const attachments: readonly PdfAttachment[] = [
  {
    name: 'SV-9-1601.yaml',
    bytes: new TextEncoder().encode('titel: Bericht der Verwaltung & Co\nart: <Mitteilung>\n'),
    mimeType: 'application/yaml',
    description: 'Quelle der Vorlage „SV-9-1601“',
    relationship: 'Source',
  },
  {
    name: 'zahlen.bin',
    bytes: Uint8Array.from({ length: 600 }, (_, i) => (i * 37) % 256),
    mimeType: 'application/octet-stream',
    description: 'Rohdaten',
  },
];

const XMP_DATE = '2020-01-22T00:00:00Z';
const INFO_DATE = 'D:20200122000000Z';
const STANDARD_14 = /^\/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/;

/**
 * The values of the XMP properties with this name (namespace prefix as written): the text of
 * a simple property, the items (rdf:li) of an rdf:Alt, rdf:Seq or rdf:Bag.
 */
const values = (xmp: XmlDocument, name: string): string[] =>
  xmp.descendantsNamed(name).flatMap((property: XmlElement) => {
    const items = property.descendantsNamed('rdf:li');
    return items.length > 0 ? items.map((li) => li.val) : [property.val];
  });

function xmpOf(file: QdfFile): { raw: string; xml: XmlDocument } {
  const metadata = deref(file, entry(catalog(file).dict, 'Metadata'));
  expect(entry(metadata.dict, 'Type')).to.equal('/Metadata');
  expect(entry(metadata.dict, 'Subtype')).to.equal('/XML');
  const raw = metadata.stream?.toString('utf8') ?? '';
  return { raw, xml: new XmlDocument(raw) }; // throws unless well-formed
}

/** The checks every PDF/A level b file of the renderer must pass; returns the parsed file. */
async function checkArchival(pdf: Buffer, doc: Document, part: 2 | 3): Promise<QdfFile> {
  const check = qpdfCheck(pdf);
  expect(check.status, check.output).to.equal(0);
  expect(check.output).to.include('No syntax or stream encoding errors found');

  const header = pdf.subarray(0, pdf.indexOf(0x0a, pdf.indexOf(0x0a) + 1));
  expect(header.subarray(0, 9).toString('latin1')).to.equal('%PDF-1.7\n');
  expect([...header.subarray(10)].filter((b) => b > 127).length).to.be.at.least(4);

  const file = qdfObjects(pdf);
  expect(entry(file.trailer, 'ID')).to.match(/^\[ ?<[0-9a-f]{32}> ?<[0-9a-f]{32}> ?\]$/);
  expect(entry(file.trailer, 'Encrypt')).to.equal(undefined);
  const root = catalog(file).dict;
  const dicts = [...file.objects.values()].map((o) => o.dict);

  // XMP metadata ↔ document information
  const { raw, xml } = xmpOf(file);
  expect(values(xml, 'pdfaid:part')).to.deep.equal([String(part)]);
  expect(values(xml, 'pdfaid:conformance')).to.deep.equal(['B']);
  expect(raw).not.to.include('pdfuaid');
  const { info } = await pdfInfo(pdf);
  const { meta } = doc;
  expect(info).to.include({
    Title: meta.title,
    Author: meta.author,
    Subject: meta.subject,
    Keywords: meta.keywords.join(', '),
    Creator: 'ratsmappe',
    Producer: 'ratsmappe (pdfmake)',
    CreationDate: INFO_DATE,
    ModDate: INFO_DATE,
  });
  expect(values(xml, 'dc:title')).to.deep.equal([meta.title]);
  expect(values(xml, 'dc:creator')).to.deep.equal([meta.author]);
  expect(values(xml, 'dc:description')).to.deep.equal([meta.subject]);
  expect(values(xml, 'dc:language')).to.deep.equal(['de-DE']);
  expect(values(xml, 'pdf:Keywords')).to.deep.equal([meta.keywords.join(', ')]);
  expect(values(xml, 'pdf:Producer')).to.deep.equal(['ratsmappe (pdfmake)']);
  expect(values(xml, 'xmp:CreatorTool')).to.deep.equal(['ratsmappe']);
  for (const date of ['xmp:CreateDate', 'xmp:ModifyDate', 'xmp:MetadataDate']) {
    expect(values(xml, date), date).to.deep.equal([XMP_DATE]);
  }
  const escaped = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  expect(raw).to.include(`<rdf:li xml:lang="x-default">${escaped(meta.title)}</rdf:li>`);
  expect(raw).to.include(`<rdf:li>${escaped(meta.author)}</rdf:li>`);

  // output intent with an ICC profile
  const intents = refs(entry(root, 'OutputIntents'));
  expect(intents).to.have.length(1);
  const intent = deref(file, `${String(intents[0])} 0 R`).dict;
  expect(entry(intent, 'Type')).to.equal('/OutputIntent');
  expect(entry(intent, 'S')).to.equal('/GTS_PDFA1');
  const profile = deref(file, entry(intent, 'DestOutputProfile'));
  expect(entry(profile.dict, 'N')).to.equal('3');
  expect(profile.stream?.subarray(36, 40).toString('latin1')).to.equal('acsp');

  // fonts: all embedded, no standard 14
  const fonts = objectsOfType(file, 'Font');
  expect(fonts.length).to.be.at.least(3);
  for (const font of fonts) {
    expect(entry(font.dict, 'BaseFont')).not.to.match(STANDARD_14);
    const subtype = entry(font.dict, 'Subtype');
    expect(subtype).to.be.oneOf(['/Type0', '/CIDFontType2']);
    if (subtype === '/Type0') {
      const descendant = deref(file, entry(font.dict, 'DescendantFonts'));
      expect(entry(descendant.dict, 'Subtype')).to.equal('/CIDFontType2');
    }
  }
  const descriptors = objectsOfType(file, 'FontDescriptor');
  expect(descriptors.length).to.equal(fonts.length / 2);
  for (const descriptor of descriptors) {
    const program = ['FontFile2', 'FontFile', 'FontFile3'].map((k) => entry(descriptor.dict, k));
    expect(
      program.filter((p) => p !== undefined),
      descriptor.dict,
    ).to.have.length(1);
    expect(
      deref(
        file,
        program.find((p) => p !== undefined),
      ).stream?.length,
    ).to.be.above(1000);
  }

  // no transparency
  for (const dict of dicts) {
    expect(entry(dict, 'SMask')).to.equal(undefined);
    expect(dict).not.to.match(/\/S \/Transparency/);
    for (const [, key, value] of dict.matchAll(/\/(CA|ca) (\S+)/g)) {
      expect(Number(value), `/${String(key)}`).to.equal(1);
    }
  }

  // annotations print
  const annotations = objectsOfType(file, 'Annot');
  expect(annotations.length).to.be.at.least(1);
  for (const annotation of annotations) expect(entry(annotation.dict, 'F')).to.equal('4');
  const pageAnnots = objectsOfType(file, 'Page').flatMap((p) => refs(entry(p.dict, 'Annots')));
  expect(pageAnnots.sort()).to.deep.equal(annotations.map((a) => a.id).sort());

  // language; untagged and claims nothing else; no actions
  expect(entry(root, 'Lang')).to.equal('(de-DE)');
  expect(entry(root, 'MarkInfo') ?? '').not.to.match(/\/Marked true/);
  for (const dict of dicts) {
    expect(dict).not.to.match(/\/StructTreeRoot|\/JavaScript|\/JS |\/Launch/);
    expect(entry(dict, 'AA')).to.equal(undefined);
  }
  return file;
}

describe('renderPdf PDF/A (structural checks with qpdf, no PDF/A validator)', function () {
  let plainText: string;

  before(async function () {
    requireQpdf();
    plainText = (await extractPdfText(await renderPdf(sampleDocument))).text;
  });

  for (const [name, doc] of [
    ['the sample document', sampleDocument],
    ['a title and author with & < > and „…“', awkward],
    ['a letterhead with an SVG logo, accent colour and own font', designedDocument()],
    ['a letterhead with a PNG logo (with alpha)', designedDocument(pngLogo)],
  ] as const) {
    it(`writes PDF/A-2b for ${name}`, async function () {
      const pdf = await renderPdf(doc, { pdfa: '2b' });
      const file = await checkArchival(pdf, doc, 2);
      const root = catalog(file).dict;
      expect(entry(root, 'AF')).to.equal(undefined);
      expect(entry(deref(file, entry(root, 'Names')).dict, 'EmbeddedFiles')).to.equal(undefined);
      expect(objectsOfType(file, 'EmbeddedFile')).to.have.length(0);
    });
  }

  it('writes PDF/A-3b with the attachments as associated files', async function () {
    const pdf = await renderPdf(awkward, { pdfa: '3b', attachments });
    const file = await checkArchival(pdf, awkward, 3);
    const root = catalog(file).dict;
    const af = refs(entry(root, 'AF'));
    const tree = entry(deref(file, entry(root, 'Names')).dict, 'EmbeddedFiles') ?? '';
    expect(af).to.have.length(attachments.length);
    for (const [i, attachment] of attachments.entries()) {
      const filespec = file.objects.get(af[i] ?? -1)?.dict ?? '';
      expect(entry(filespec, 'Type')).to.equal('/Filespec');
      expect(entry(filespec, 'F')).to.equal(`(${attachment.name})`);
      expect(entry(filespec, 'UF')).to.equal(`(${attachment.name})`);
      expect(entry(filespec, 'Desc')).to.be.a('string');
      expect(entry(filespec, 'AFRelationship')).to.equal(
        `/${attachment.relationship ?? 'Unspecified'}`,
      );
      // listed in the /EmbeddedFiles name tree under its name
      expect(tree).to.include(`(${attachment.name}) ${String(af[i])} 0 R`);

      const stream = deref(file, entry(filespec, 'EF'));
      expect(entry(stream.dict, 'Type')).to.equal('/EmbeddedFile');
      expect(entry(stream.dict, 'Subtype')).to.equal(`/${attachment.mimeType.replace('/', '#2f')}`);
      const params = entry(stream.dict, 'Params') ?? '';
      expect(params).to.include(`/ModDate (${INFO_DATE})`);
      expect(params).to.include(`/CreationDate (${INFO_DATE})`);
      const md5 = createHash('md5').update(attachment.bytes).digest('hex');
      expect(params).to.include(`/CheckSum <${md5}>`);
      expect(params).to.include(`/Size ${String(attachment.bytes.length)}`);
      expect(stream.stream?.equals(attachment.bytes)).to.equal(true);
      expect(showAttachment(pdf, attachment.name).equals(attachment.bytes)).to.equal(true);
    }
    const xmp = xmpOf(file).xml;
    expect(values(xmp, 'pdfaid:part')).to.deep.equal(['3']);
  });

  it('is byte-identical run to run, also concurrently', async function () {
    for (const options of [{ pdfa: '2b' }, { pdfa: '3b', attachments }] satisfies PdfOptions[]) {
      const first = await renderPdf(awkward, options);
      const [a, b] = await Promise.all([renderPdf(awkward, options), renderPdf(awkward, options)]);
      expect(a.equals(first), options.pdfa).to.equal(true);
      expect(b.equals(first), options.pdfa).to.equal(true);
    }
  });

  it('keeps the text as pdf.js extracts it', async function () {
    for (const pdfa of ['2b', '3b'] as const) {
      const { text } = await extractPdfText(await renderPdf(sampleDocument, { pdfa }));
      expect(text, pdfa).to.equal(plainText);
      expect(text).to.include('zweite Zeile <&> {{x}}');
      expect(text).to.include('Nach dem Seitenumbruch.');
    }
  });

  it('writes well-formed XMP, but no PDF/A claim or output intent, without the option', async function () {
    const file = qdfObjects(await renderPdf(awkward));
    const { raw, xml } = xmpOf(file);
    expect(values(xml, 'dc:title')).to.deep.equal([awkward.meta.title]);
    expect(raw).not.to.include('pdfaid');
    expect(entry(catalog(file).dict, 'OutputIntents')).to.equal(undefined);
  });

  it('rejects attachments without PDF/A-3b and invalid options', async function () {
    const reject = async (options: PdfOptions): Promise<string> => {
      let error: unknown;
      await renderPdf(sampleDocument, options).catch((e: unknown) => (error = e));
      return String(error);
    };
    expect(await reject({ attachments })).to.match(/attachments need pdfa: '3b'/);
    expect(await reject({ pdfa: '2b', attachments })).to.match(/attachments need pdfa: '3b'/);
    expect(await reject({ pdfa: '1b' } as unknown as PdfOptions)).to.match(/pdfa must be/);
    const [first] = attachments;
    if (first === undefined) throw new Error('no attachment');
    expect(await reject({ pdfa: '3b', attachments: [first, first] })).to.match(/used twice/);
    expect(await reject({ pdfa: '3b', attachments: [{ ...first, mimeType: 'yaml' }] })).to.match(
      /mimeType/,
    );
    // an empty list is no attachment
    expect((await renderPdf(sampleDocument, { pdfa: '2b', attachments: [] })).length).to.be.above(
      0,
    );
  });
});
