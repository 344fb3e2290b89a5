import { composeMeeting, type ComposedMeeting } from '../compose/compose.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadContent, type LoadedContent } from '../load/loadContent.js';
import type { Parses } from '../load/parseMemo.js';
import type { ContentFiles } from '../load/readContent.js';
import type { Sitzung } from '../types/content.js';
import { checkContent } from './checkContent.js';
import { checkOwn } from './ownFiles.js';

export interface CheckResult {
  readonly content: LoadedContent;
  readonly meetings: readonly ComposedMeeting[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * load → check → compose. Pure: the files are already read. `memo` (build --watch, the
 * preview): unchanged files are not parsed again.
 */
export function checkAndCompose(files: ContentFiles, memo?: Parses): CheckResult {
  const own = checkOwn(files.own);
  const loaded = loadContent(files, memo);
  const content = { ...loaded, texts: new Map([...loaded.texts, ...own.texts]) };
  const checked = checkContent(content, own.kinds);
  const { valid, koerperschaft } = checked;
  const diagnostics = [...checked.diagnostics, ...own.diagnostics];
  if (hasErrors(diagnostics) || koerperschaft === null)
    return { content, meetings: [], diagnostics };
  const meetings = content.meetings
    .filter((m) => valid.has(m))
    .map((m) => composeMeeting(content, m.file, m.value as Sitzung, koerperschaft));
  return { content, meetings, diagnostics };
}
