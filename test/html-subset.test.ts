import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { checkAndCompose } from '../src/build.js';
import { readContent } from '../src/load/readContent.js';
import { allowedTags, HtmlSubsetError, parseHtml } from '../src/model/parseHtml.js';
import { loadTemplates, renderVorlageHtml, templateDir } from '../src/template/loadTemplates.js';
import { exampleContentDir } from './helpers/exampleBuild.js';

type Node = DefaultTreeAdapterMap['childNode'];

function tagsOf(nodes: readonly Node[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if ('tagName' in node) {
      into.add(node.tagName);
      tagsOf(node.childNodes, into);
    }
  }
  return into;
}

describe('templates emit only the HTML subset', () => {
  it('the example Vorlagen use only whitelisted tags, and the model parser accepts them', async () => {
    const templates = await loadTemplates();
    const { meetings } = checkAndCompose(await readContent(exampleContentDir));
    for (const vorlage of meetings.flatMap((m) => m.vorlagen)) {
      const html = renderVorlageHtml(templates, vorlage, { linkziele: [] });
      const tags = tagsOf(parseFragment(html).childNodes);
      expect(
        [...tags].filter((t) => !(t in allowedTags)),
        vorlage.nummer,
      ).to.deep.equal([]);
      const blocks = parseHtml(html);
      expect(blocks.filter((b) => b.type === 'heading' && b.level === 1)).to.have.length(1);
    }
  });

  it('a tag outside the whitelist in a template fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratsmappe-templates-'));
    try {
      cpSync(new URL('.', templateDir), dir, { recursive: true });
      writeFileSync(join(dir, 'abschnitte', 'text.hbs'), '<div>{{titel}}</div>');
      const templates = await loadTemplates(pathToFileURL(`${dir}/`));
      const { meetings } = checkAndCompose(await readContent(exampleContentDir));
      const vorlage = meetings[0]?.vorlagen[0];
      if (!vorlage) throw new Error('no Vorlage');
      expect(() => parseHtml(renderVorlageHtml(templates, vorlage, { linkziele: [] }))).to.throw(
        HtmlSubsetError,
        /<div>/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects unknown classes and attributes', () => {
    expect(() => parseHtml('<p class="x">a</p>')).to.throw(HtmlSubsetError);
    expect(() => parseHtml('<p style="color:red">a</p>')).to.throw(HtmlSubsetError);
    expect(() => parseHtml('<table class="bunt"><tr><td>a</td></tr></table>')).to.throw(
      HtmlSubsetError,
    );
  });

  it('parses every model construct', () => {
    const blocks = parseHtml(
      '<h2 id="a">T</h2><p>x <strong>f</strong> <em>k</em> <a href="https://e.de">l</a><br>z</p><ul><li>u</li></ul><ol><li>o</li></ol><blockquote><p>q</p></blockquote><aside><p>b</p></aside><hr class="seitenumbruch"><table class="daten"><thead><tr><th>h</th><th class="zahl">n</th></tr></thead><tbody><tr><td>c</td><td class="zahl">1</td></tr></tbody></table>',
    );
    expect(blocks.map((b) => b.type)).to.deep.equal([
      'heading',
      'paragraph',
      'list',
      'list',
      'quote',
      'box',
      'pagebreak',
      'table',
    ]);
    expect(blocks[1]).to.deep.equal({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'x ' },
        { type: 'strong', children: [{ type: 'text', text: 'f' }] },
        { type: 'text', text: ' ' },
        { type: 'emphasis', children: [{ type: 'text', text: 'k' }] },
        { type: 'text', text: ' ' },
        { type: 'link', href: 'https://e.de', children: [{ type: 'text', text: 'l' }] },
        { type: 'break' },
        { type: 'text', text: 'z' },
      ],
    });
    expect(blocks[7]).to.deep.include({ variant: 'data' });
  });
});
