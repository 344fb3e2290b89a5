/**
 * `ratsmappe vorschau`: a local web server (127.0.0.1 only) that shows the meetings, their
 * Tagesordnung and every Vorlage — also drafts on no agenda — as HTML from the same document
 * model the PDF and DOCX are rendered from. While a fault stands, a page shows the diagnostics
 * of the files it concerns (file:line:column, message, code frame, hint) instead of the
 * document. The content folder is watched; pages update themselves (server-sent events) when a
 * file is saved.
 */
import { watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAndCompose, type CheckResult } from '../check/checkAndCompose.js';
import { checkVorlage } from '../check/checkVorlage.js';
import { UnknownVorlageError } from '../check/unknownVorlage.js';
import type { ComposedMeeting } from '../compose/compose.js';
import { compareDiagnostics, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDate } from '../format/german.js';
import { ParseMemo } from '../load/parseMemo.js';
import { readContent, type ContentFiles } from '../load/readContent.js';
import { packetPlan } from '../packet/packetDocument.js';
import { escapeHtml } from '../render/html/escapeHtml.js';
import { renderHtml } from '../render/html/renderHtml.js';
import { loadTemplates, type Templates } from '../template/loadTemplates.js';
import { vorlageDocument } from '../template/vorlageDocument.js';
import { previewScript, previewStyle } from './assets.js';

export interface PreviewOptions {
  /** 0: any free port */
  readonly port?: number;
  /** called after each change has been taken in (tests, the command's log line) */
  readonly onUpdate?: (version: number, ms: number) => void;
}

export interface Preview {
  readonly url: string;
  close(): Promise<void>;
}

/** a response has been sent (every route ends in one) */
const SENT = Symbol('sent');
type Sent = typeof SENT;

/** What the server shows: the content as read and checked at one moment. */
interface State {
  readonly version: number;
  readonly files: ContentFiles;
  readonly checked: CheckResult;
  readonly templates: Templates;
}

const page = (title: string, main: string, version: number): string => `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Vorschau</title>
<link rel="stylesheet" href="/vorschau.css">
</head>
<body data-version="${String(version)}">
<header>
<nav aria-label="Vorschau"><a href="/">Übersicht</a></nav>
<p id="stand" role="status" aria-live="polite"></p>
</header>
<main id="inhalt">
${main}
</main>
<script src="/vorschau.js" defer></script>
</body>
</html>
`;

/** Lines around a fault, escaped, the faulty one marked. */
function codeFrame(text: string | undefined, d: Diagnostic): string {
  if (text === undefined) return '';
  const lines = text.split('\n');
  const from = Math.max(1, d.line - 2);
  const shown: string[] = [];
  for (let n = from; n <= Math.min(d.line, lines.length); n++) {
    const line = escapeHtml((lines[n - 1] ?? '').replace(/\r$/, ''));
    shown.push(
      n === d.line
        ? `<mark>${String(n).padStart(4)} | ${line}</mark>`
        : `${String(n).padStart(4)} | ${line}`,
    );
  }
  return `<pre aria-label="Ausschnitt aus ${escapeHtml(d.file)}">${shown.join('\n')}</pre>`;
}

/** The diagnostics as a list a clerk can act on. */
function diagnosticsHtml(
  diagnostics: readonly Diagnostic[],
  texts: ReadonlyMap<string, string>,
): string {
  const items = [...diagnostics].sort(compareDiagnostics).map(
    (d) => `<li class="${d.severity}">
<p><code>${escapeHtml(`${d.file}:${String(d.line)}:${String(d.column)}`)}</code> <strong>${d.severity === 'fehler' ? 'Fehler' : 'Warnung'}</strong> ${escapeHtml(d.code)}: ${escapeHtml(d.message)}</p>
${codeFrame(texts.get(d.file), d)}
${d.hint ? `<p class="hinweis">Hinweis: ${escapeHtml(d.hint)}</p>` : ''}
</li>`,
  );
  return `<ol class="befunde">${items.join('\n')}</ol>`;
}

const errorsPage = (
  title: string,
  diagnostics: readonly Diagnostic[],
  texts: ReadonlyMap<string, string>,
): string => {
  const errors = diagnostics.filter((d) => d.severity === 'fehler').length;
  return `<h1>${escapeHtml(title)}: ${errors === 1 ? 'ein Fehler' : `${String(errors)} Fehler`} im Inhalt</h1>
<p>Solange ein Fehler besteht, zeigt die Vorschau statt des Dokuments, was zu tun ist. Nach dem Speichern erscheint das Dokument von selbst.</p>
${diagnosticsHtml(diagnostics, texts)}`;
};

/** `/vorlage/V%2F2024%2F0815` and the like: the number as typed in the content. */
const vorlagePath = (nummer: string): string => `/vorlage/${encodeURIComponent(nummer)}`;

const anchors = (id: string): string =>
  id.startsWith('vorlage-') ? vorlagePath(id.slice('vorlage-'.length)) : `#${id}`;

function overview(state: State): string {
  const { checked, files } = state;
  const meetings = checked.meetings
    .map(
      (m) =>
        `<li><a href="/sitzung/${encodeURIComponent(m.id)}">${escapeHtml(`${m.sitzung.gremium}, ${formatDate(m.sitzung.datum)}`)}</a></li>`,
    )
    .join('\n');
  const onAgenda = new Set(
    checked.meetings.flatMap((m) => m.vorlagen.map((v) => v.nummer.replace(/[/ ]/g, '-'))),
  );
  const vorlagen = [...files.vorlagen.keys()]
    .map(
      (folder) =>
        `<li><a href="${vorlagePath(folder)}">${escapeHtml(folder)}</a>${onAgenda.has(folder) ? '' : ' (Entwurf, auf keiner Tagesordnung)'}</li>`,
    )
    .join('\n');
  const faults =
    checked.diagnostics.length === 0
      ? '<p>Keine Fehler gefunden.</p>'
      : diagnosticsHtml(checked.diagnostics, checked.content.texts);
  return `<h1>Vorschau</h1>
<h2>Sitzungen</h2>
${meetings ? `<ul>${meetings}</ul>` : '<p>Keine Sitzung, die sich zeigen lässt.</p>'}
<h2>Vorlagen</h2>
<ul>${vorlagen}</ul>
<h2>Prüfung</h2>
${faults}`;
}

function meetingPage(state: State, meeting: ComposedMeeting): string {
  const plan = packetPlan(state.templates, meeting, 'mitglieder');
  const html = renderHtml(
    { meta: plan.meta, blocks: plan.cover },
    {
      anchor: (id) => {
        const top = [...plan.publicTops, ...plan.internalTops].find((t) => t.dest === id);
        return top ? vorlagePath(top.nummer) : anchors(id);
      },
      pageref: () => 'Vorlage',
    },
  );
  return `<article>\n${html}\n</article>`;
}

function vorlagePage(state: State, nummer: string): { title: string; main: string } {
  const result = checkVorlage(state.files, nummer);
  const texts = result.content.texts;
  if (hasErrors(result.diagnostics) || result.vorlage === null)
    return { title: nummer, main: errorsPage(`Vorlage ${nummer}`, result.diagnostics, texts) };
  const doc = vorlageDocument(state.templates, result.vorlage);
  const links = `<p class="dateien">Als Datei: <a href="${vorlagePath(nummer)}.pdf">PDF</a> · <a href="${vorlagePath(nummer)}.docx">DOCX</a></p>`;
  const warnings =
    result.diagnostics.length > 0
      ? `<aside aria-label="Warnungen"><h2>Warnungen</h2>${diagnosticsHtml(result.diagnostics, texts)}</aside>`
      : '';
  return {
    title: doc.meta.title,
    main: `${links}\n${warnings}\n<article>\n${renderHtml(doc, { anchor: anchors })}\n</article>`,
  };
}

async function fileOf(
  state: State,
  nummer: string,
  kind: 'pdf' | 'docx',
): Promise<Uint8Array | null> {
  const result = checkVorlage(state.files, nummer);
  if (hasErrors(result.diagnostics) || result.vorlage === null) return null;
  const doc = vorlageDocument(state.templates, result.vorlage);
  const { renderVorlageDocx, renderVorlagePdf } = await import('../render/renderVorlage.js');
  return kind === 'pdf' ? (await renderVorlagePdf(doc)).pdf : renderVorlageDocx(doc);
}

export async function startPreview(
  contentDir: string,
  options: PreviewOptions = {},
): Promise<Preview> {
  const templates = await loadTemplates();
  // a file that did not change since the last update is not parsed again
  const memo = new ParseMemo();
  const load = async (version: number): Promise<State> => {
    const files = await readContent(contentDir);
    return { version, files, checked: checkAndCompose(files, memo), templates };
  };
  let state = await load(1);
  const clients = new Set<ServerResponse>();

  // a save is often several file events: they are taken in together
  let timer: NodeJS.Timeout | undefined;
  let pending: Promise<void> = Promise.resolve();
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const started = performance.now();
      pending = pending.then(async () => {
        try {
          state = await load(state.version + 1);
        } catch {
          // the folder itself is gone for a moment (an editor's rename): the next event reloads
          return;
        }
        for (const client of clients)
          client.write(`event: aenderung\ndata: ${String(state.version)}\n\n`);
        options.onUpdate?.(state.version, performance.now() - started);
      });
    }, 50);
  };
  const watcher: FSWatcher = watch(contentDir, { recursive: true }, changed);

  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Uint8Array,
    extra: Record<string, string> = {},
  ): Sent => {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy':
        "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:",
      ...extra,
    });
    res.end(body);
    return SENT;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<Sent> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    // only the main part, for the page's own update
    const partOnly = req.headers['x-vorschau-teil'] === 'main';
    const html = (status: number, title: string, main: string): Sent =>
      send(
        res,
        status,
        'text/html; charset=utf-8',
        partOnly ? main : page(title, main, state.version),
      );
    if (path === '/vorschau.js')
      return send(res, 200, 'text/javascript; charset=utf-8', previewScript);
    if (path === '/vorschau.css') return send(res, 200, 'text/css; charset=utf-8', previewStyle);
    if (path === '/ereignisse') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(`event: stand\ndata: ${String(state.version)}\n\n`);
      clients.add(res);
      req.on('close', () => {
        clients.delete(res);
      });
      return SENT;
    }
    if (path === '/') return html(200, 'Übersicht', overview(state));
    const meeting = /^\/sitzung\/([^/]+)$/.exec(path);
    if (meeting) {
      const id = decodeURIComponent(meeting[1] ?? '');
      if (hasErrors(state.checked.diagnostics))
        return html(
          200,
          id,
          errorsPage('Sitzung', state.checked.diagnostics, state.checked.content.texts),
        );
      const found = state.checked.meetings.find((m) => m.id === id);
      if (!found)
        return html(
          404,
          'Nicht gefunden',
          `<h1>Die Sitzung „${escapeHtml(id)}“ gibt es nicht.</h1>`,
        );
      return html(200, found.sitzung.gremium, meetingPage(state, found));
    }
    const vorlage = /^\/vorlage\/([^/]+?)(\.pdf|\.docx)?$/.exec(path);
    if (vorlage) {
      const nummer = decodeURIComponent(vorlage[1] ?? '');
      const kind = vorlage[2]?.slice(1) as 'pdf' | 'docx' | undefined;
      try {
        if (kind !== undefined) {
          const bytes = await fileOf(state, nummer, kind);
          if (bytes === null)
            return html(
              409,
              nummer,
              `<h1>Die Vorlage ${escapeHtml(nummer)} hat Fehler</h1><p><a href="${vorlagePath(nummer)}">Zur Vorschau mit den Fehlern</a></p>`,
            );
          const type =
            kind === 'pdf'
              ? 'application/pdf'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
          return send(res, 200, type, bytes, {
            'content-disposition': `inline; filename="${nummer.replace(/[^\w.-]/g, '-')}.${kind}"`,
          });
        }
        const shown = vorlagePage(state, nummer);
        return html(200, shown.title, shown.main);
      } catch (error) {
        if (error instanceof UnknownVorlageError)
          return html(
            404,
            'Nicht gefunden',
            `<h1>Nicht gefunden</h1><p>${escapeHtml(error.message)}</p>`,
          );
        throw error;
      }
    }
    return html(
      404,
      'Nicht gefunden',
      '<h1>Diese Seite gibt es nicht.</h1><p><a href="/">Zur Übersicht</a></p>',
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      if (!res.headersSent)
        send(
          res,
          500,
          'text/html; charset=utf-8',
          page(
            'Interner Fehler',
            `<h1>Interner Fehler in ratsmappe</h1><p>${escapeHtml(detail)}</p>`,
            state.version,
          ),
        );
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/`,
    close: async () => {
      clearTimeout(timer);
      watcher.close();
      for (const client of clients) client.end();
      await pending;
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
