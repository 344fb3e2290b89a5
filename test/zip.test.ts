/**
 * src/render/docx/zip.ts writes the DOCX packages: what two independent readers (fflate and
 * JSZip) read back must be exactly the entries, in their order, with their names (UTF-8 too),
 * contents and the fixed date; deflated where asked, stored where not.
 */
import { expect } from 'chai';
import { unzipSync } from 'fflate';
import JSZip from 'jszip';
import { zip } from '../src/render/docx/zip.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('zip archives (zip.ts)', () => {
  const entries = [
    { name: '[Content_Types].xml', data: text('<Types/>'.repeat(200)), deflate: true },
    {
      name: 'word/media/bild.png',
      data: Uint8Array.from([137, 80, 78, 71, 1, 2, 3]),
      deflate: false,
    },
    { name: 'word/leer.xml', data: new Uint8Array(0), deflate: true },
    { name: 'word/Übersicht – größer.xml', data: text('<ä>ß</ä>\n'.repeat(50)), deflate: true },
  ];
  const archive = zip(entries);

  it('is read back by fflate: the same entries, in order, with their bytes', () => {
    const read = unzipSync(archive);
    expect(Object.keys(read)).to.deep.equal(entries.map((e) => e.name));
    for (const entry of entries)
      expect(
        Buffer.compare(read[entry.name] ?? new Uint8Array(1), entry.data),
        entry.name,
      ).to.equal(0);
  });

  it('is read back by JSZip: names, bytes, the date 1980-01-01, deflated or stored as asked', async () => {
    const read = await JSZip.loadAsync(archive);
    expect(Object.keys(read.files)).to.deep.equal(entries.map((e) => e.name));
    for (const entry of entries) {
      const file = read.file(entry.name);
      if (file === null) throw new Error(`no ${entry.name}`);
      expect(Buffer.compare(await file.async('uint8array'), entry.data)).to.equal(0);
      expect(file.date.toISOString(), entry.name).to.equal('1980-01-01T00:00:00.000Z');
    }
    // the method field of each local header: 8 deflate, 0 stored (an empty entry is stored)
    const methods: number[] = [];
    for (
      let at = archive.indexOf('PK\x03\x04');
      at >= 0;
      at = archive.indexOf('PK\x03\x04', at + 4)
    )
      methods.push(archive.readUInt16LE(at + 8));
    expect(methods).to.deep.equal([8, 0, 0, 8]);
    // deflated: smaller than the text
    expect(archive.length).to.be.below(1600 + 450 + 300);
  });

  it('gives the same bytes for the same entries', () => {
    expect(Buffer.compare(zip(entries), archive)).to.equal(0);
  });
});
