import { buildDraft } from '../draft.js';
import { cacheDirFromEnv } from '../cache/renderCache.js';
import { printDiagnostics } from '../diagnostics/print.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { colorFor, escapeControls } from '../format/terminalText.js';
import { toolVersion } from '../version.js';
import { nothingWritten } from '../write/folderError.js';
import { diagnosticsJson, displayPathOf, type Io } from './main.js';
import type { BuildOptions } from './program.js';
import { buildDateOf } from './sourceDate.js';

/** `build --vorlage <nummer>`: one Vorlage as a draft into <out>/entwuerfe/<nummer>/. */
export async function buildDraftCommand(
  contentDir: string,
  nummer: string,
  { out: outDir, quiet, json }: BuildOptions,
  io: Io,
): Promise<number> {
  const result = await buildDraft(contentDir, outDir, nummer, {
    toolVersion,
    date: buildDateOf(io.env),
    cacheDir: cacheDirFromEnv(io.env),
  });
  const pathOf = displayPathOf(io, contentDir);
  const shown = result.written ? displayPathOf(io, '.')(result.written.target) : null;
  if (json) {
    const summary = {
      ok: !hasErrors(result.diagnostics) && result.written !== null,
      diagnostics: diagnosticsJson(result.diagnostics, pathOf),
      draft: result.written
        ? { nummer, folder: shown, files: result.written.files, changed: result.written.changed }
        : null,
    };
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    return result.written === null ? 1 : 0;
  }
  if (result.diagnostics.length > 0)
    io.stderr(
      printDiagnostics(result.diagnostics, {
        color: colorFor(io.tty.stderr, io.env),
        texts: result.texts,
        pathOf,
      }),
    );
  if (result.written === null) {
    io.stderr(`${escapeControls(nothingWritten(outDir))}\n`);
    return 1;
  }
  const { changed, files } = result.written;
  if (!quiet)
    io.stdout(
      `${shown ?? ''}: ${files.join(', ')} (Entwurf, nicht zur Veröffentlichung)\n` +
        (changed ? '' : `${shown ?? ''}: unverändert, nichts neu geschrieben\n`),
    );
  return 0;
}
