import { buildDraft } from '../draft.js';
import { cacheDirFromEnv } from '../cache/renderCache.js';
import { printDiagnostics } from '../diagnostics/print.js';
import { toolVersion } from '../version.js';
import { nothingWritten } from '../write/folderError.js';
import type { Io } from './main.js';
import { buildDateOf } from './sourceDate.js';

/** `build --vorlage <nummer>`: one Vorlage as a draft into <out>/entwuerfe/<nummer>/. */
export async function buildDraftCommand(
  contentDir: string,
  outDir: string,
  nummer: string,
  { quiet, color }: { readonly quiet: boolean; readonly color: boolean },
  io: Io,
): Promise<number> {
  const result = await buildDraft(contentDir, outDir, nummer, {
    toolVersion,
    date: buildDateOf(io.env),
    cacheDir: cacheDirFromEnv(io.env),
  });
  if (result.diagnostics.length > 0)
    io.stderr(printDiagnostics(result.diagnostics, { color, texts: result.texts }));
  if (result.written === null) {
    io.stderr(`${nothingWritten(outDir)}\n`);
    return 1;
  }
  const { target, changed, files } = result.written;
  if (!quiet)
    io.stdout(
      `${target}: ${files.join(', ')} (Entwurf, nicht zur Veröffentlichung)\n` +
        (changed ? '' : `${target}: unverändert, nichts neu geschrieben\n`),
    );
  return 0;
}
