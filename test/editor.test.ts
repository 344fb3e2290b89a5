import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node.js';
import { editorSchemas, target } from '../scripts/generateEditorSchemas.js';

// Issue 12: editors know the schemas. yaml-language-server (1.25: the last major that runs on
// Node 20; 2.x needs Node 22) — the server behind VS Code's YAML extension — is driven over
// LSP with exactly the mapping of .vscode/settings.json: a vorlage.yaml with a typo and a
// German date gets both reported, and completion offers the field names and the enums.

const root = fileURLToPath(new URL('..', import.meta.url));
const server = createRequire(import.meta.url).resolve(
  'yaml-language-server/bin/yaml-language-server',
);

interface LspDiagnostic {
  range: { start: { line: number; character: number } };
  message: string;
}
interface CompletionItem {
  label: string;
  documentation?: string | { value: string };
}

describe('editor support: yaml-language-server with the project’s settings', function () {
  this.timeout(60_000);
  let child: ChildProcess;
  let connection: MessageConnection;
  const published = new Map<string, LspDiagnostic[]>();

  before(async () => {
    child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    if (!child.stdout || !child.stdin) throw new Error('no pipes');
    connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; diagnostics: LspDiagnostic[] }) => {
        published.set(p.uri, p.diagnostics);
      },
    );
    // the server asks for its settings: those of .vscode/settings.json, schema paths as file URIs
    const vscode = JSON.parse(readFileSync(join(root, '.vscode', 'settings.json'), 'utf8')) as {
      'yaml.schemas': Record<string, string>;
    };
    const schemas = Object.fromEntries(
      Object.entries(vscode['yaml.schemas']).map(([schema, glob]) => [
        pathToFileURL(join(root, schema)).href,
        glob,
      ]),
    );
    const settings = { schemas, validate: true, completion: true, hover: true };
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'yaml' ? settings : {})),
    );
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ratsmappe' }],
      capabilities: {
        workspace: { configuration: true },
        textDocument: { completion: { completionItem: { snippetSupport: true } } },
      },
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { yaml: settings },
    });
  });
  after(() => {
    connection.dispose();
    child.kill();
  });

  const open = async (path: string, text: string): Promise<string> => {
    const uri = pathToFileURL(join(root, path)).href;
    published.delete(uri);
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    return uri;
  };
  const diagnosticsOf = async (uri: string): Promise<LspDiagnostic[]> => {
    for (let i = 0; i < 200; i++) {
      const found = published.get(uri);
      if (found && found.length > 0) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return published.get(uri) ?? [];
  };

  it('reports a misspelt field and a German date in vorlage.yaml', async () => {
    const text = readFileSync(join(root, 'content/vorlagen/SV-9-1601/vorlage.yaml'), 'utf8')
      .replace('betreff:', 'betref:')
      .replace('datum: 2020-01-22', 'datum: 22.01.2020');
    const uri = await open('content/vorlagen/SV-9-1601/vorlage.yaml', text);
    const found = await diagnosticsOf(uri);
    const lines = text.split('\n');
    const at = (d: LspDiagnostic) => lines[d.range.start.line] ?? '';
    const typo = found.find((d) => at(d).startsWith('betref:'));
    const date = found.find((d) => at(d).startsWith('datum: 22.01.2020'));
    expect(typo, JSON.stringify(found)).to.not.equal(undefined);
    expect(typo?.message).to.match(/betref/);
    expect(date, JSON.stringify(found)).to.not.equal(undefined);
    // the schemas' own German words reach the editor
    expect(date?.message).to.include('JJJJ-MM-TT');
  });

  it('offers the field names of the Vorlage and of a section kind chosen by art, with German help', async () => {
    const header = await open('content/vorlagen/SV-9-1601/neu.yaml', 'art: Beschlussvorlage\n\n');
    const items = await connection.sendRequest<{ items: CompletionItem[] } | CompletionItem[]>(
      'textDocument/completion',
      {
        textDocument: { uri: header },
        position: { line: 1, character: 0 },
      },
    );
    const labels = (Array.isArray(items) ? items : items.items).map((i) => i.label);
    expect(labels).to.include.members([
      'betreff',
      'federfuehrung',
      'beschlussvorschlag',
      'beratungsfolge',
    ]);

    const section = await open(
      'content/vorlagen/SV-9-1601/abschnitt.yaml',
      'art: sprachmittlerpool\n\n',
    );
    const sectionItems = await connection.sendRequest<
      { items: CompletionItem[] } | CompletionItem[]
    >('textDocument/completion', {
      textDocument: { uri: section },
      position: { line: 1, character: 0 },
    });
    const list = Array.isArray(sectionItems) ? sectionItems : sectionItems.items;
    expect(list.map((i) => i.label)).to.include.members(['ehrenamtliche', 'sprachen', 'kosten']);
    expect(list.map((i) => i.label)).to.not.include('betreff');

    const kind = await open('content/vorlagen/SV-9-1601/art.yaml', 'art: \n');
    const arts = await connection.sendRequest<{ items: CompletionItem[] } | CompletionItem[]>(
      'textDocument/completion',
      {
        textDocument: { uri: kind },
        position: { line: 0, character: 5 },
      },
    );
    expect((Array.isArray(arts) ? arts : arts.items).map((i) => i.label)).to.include.members([
      'text',
      'sprachmittlerpool',
      'Beschlussvorlage',
    ]);
  });
});

describe('editor schemas (schemas/editor/, npm run gen:editor)', () => {
  const generated = editorSchemas();
  it('are up to date with schemas/ and the example content', () => {
    const onDisk = readdirSync(target).sort();
    expect(onDisk).to.deep.equal([...generated.keys()].sort());
    for (const [name, text] of generated)
      expect(
        readFileSync(new URL(name, target), 'utf8'),
        `${name}: run npm run gen:editor`,
      ).to.equal(text);
  });

  it('give every field German help with an example, and the text blocks snippets', () => {
    const missing: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) {
        for (const n of node) walk(n, where);
      }
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
      const schema = node as Record<string, unknown>;
      const properties = schema.properties as
        Record<string, { markdownDescription?: string }> | undefined;
      for (const [field, sub] of Object.entries(properties ?? {}))
        if (!/z\. ?B\.|Beispiel/.test(sub.markdownDescription ?? ''))
          missing.push(`${where} ${field}`);
      // conditions (if) are no fields
      for (const [key, value] of Object.entries(schema)) if (key !== 'if') walk(value, where);
    };
    for (const [name, text] of generated) walk(JSON.parse(text), name);
    expect(missing).to.deep.equal([]);
    const common = JSON.parse(generated.get('gemeinsam.schema.json') ?? '{}') as {
      $defs: { textbloecke: { items: { defaultSnippets: { label: string }[] } } };
    };
    expect(common.$defs.textbloecke.items.defaultSnippets.map((s) => s.label)).to.deep.equal([
      'Absatz',
      'Liste',
      'Aufzählung',
      'Zitat',
      'Zwischenüberschrift',
      'Tabelle',
    ]);
  });
});
