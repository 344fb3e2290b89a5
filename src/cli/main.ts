import { parseArgs } from 'node:util';
import type { ComposedMeeting } from '../compose/compose.js';
import type { Renderer } from '../render/renderer.js';
// Only what --help, --version and the error handling need is imported here: each command
// imports its modules when it runs, so `check` never loads the render stack (pdfmake, docx, …).
import { hasErrors } from '../diagnostics/diagnostic.js';
import { ContentFolderError, readContent } from '../load/readContent.js';
import { toolVersion } from '../version.js';
import { UnknownVorlageError } from '../check/unknownVorlage.js';
import { nothingWritten, OutputFolderError } from '../write/folderError.js';
import { buildDateOf, SourceDateError } from './sourceDate.js';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** stdout/stderr is a terminal: progress line and colours */
  readonly isTTY: boolean;
}

const usage = `Aufruf:
  ratsmappe build [inhalt] [--out ordner] [--quiet]   Vorlagen und Sitzungsmappen erzeugen (Standard: content → out)
  ratsmappe build [inhalt] --vorlage nummer           nur diese Vorlage als Entwurf nach out/entwuerfe/<nummer>/
  ratsmappe check [inhalt] [--json]                   nur prüfen; Rückgabewert 0 ohne Fehler, 1 bei Fehlern
  ratsmappe check [inhalt] --vorlage nummer           nur diese Vorlage prüfen (auch einen Entwurf)
  ratsmappe archive [inhalt] --to archiv [--pdfa3]    archivieren (PDF/A-2b; mit --pdfa3 PDF/A-3b samt YAML-Quellen)
  ratsmappe verify archiv                             Prüfsummen des Archivs nachrechnen; 1 bei Abweichungen
  ratsmappe diff vorlage-alt vorlage-neu              Unterschiede zweier Fassungen einer Vorlage auflisten
  ratsmappe --version | --help
`;

class UsageError extends Error {}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string', default: 'out' },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', short: 'q', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
        to: { type: 'string' },
        pdfa3: { type: 'boolean', default: false },
        vorlage: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function check(
  contentDir: string,
  json: boolean,
  vorlage: string | undefined,
  io: Io,
): Promise<number> {
  const [{ checkAndCompose }, { checkVorlage }, { printDiagnostics }] = await Promise.all([
    import('../check/checkAndCompose.js'),
    import('../check/checkVorlage.js'),
    import('../diagnostics/print.js'),
  ]);
  const files = await readContent(contentDir);
  // --vorlage: only that Vorlage's files count (a draft, also one on no agenda)
  const result = vorlage === undefined ? checkAndCompose(files) : checkVorlage(files, vorlage);
  if (json) io.stdout(`${JSON.stringify(result.diagnostics, null, 2)}\n`);
  else
    io.stdout(
      printDiagnostics(result.diagnostics, {
        color: io.isTTY && io.env.NO_COLOR === undefined,
        texts: result.content.texts,
      }),
    );
  return hasErrors(result.diagnostics) ? 1 : 0;
}

async function build(contentDir: string, outDir: string, quiet: boolean, io: Io): Promise<number> {
  const [{ renderMeeting }, { printDiagnostics }, { loadTemplates }, { writeMeetingOutput }] =
    await Promise.all([
      import('../build.js'),
      import('../diagnostics/print.js'),
      import('../template/loadTemplates.js'),
      import('../write/writeOutput.js'),
    ]);
  const timings: Record<string, number> = {};
  const started = performance.now();
  // the render threads start while the content is read and checked
  const { createRenderer } = await import('../render/renderer.js');
  const renderer = await createRenderer(Number.POSITIVE_INFINITY, threadsSetting(io.env));
  renderer.warmUp();
  try {
    return await buildChecked(renderer);
  } finally {
    await renderer.close();
  }

  /** Only the composed meetings live on: the parsed sources are garbage after the check. */
  async function checked(): Promise<ComposedMeeting[] | null> {
    const { checkInThread, largeContent } = await import('../check/checkInThread.js');
    const result = (await largeContent(contentDir))
      ? await checkInThread(contentDir)
      : await (async () => {
          const { checkAndCompose } = await import('../check/checkAndCompose.js');
          const checkResult = checkAndCompose(await readContent(contentDir));
          return { ...checkResult, texts: checkResult.content.texts };
        })();
    timings.check = performance.now() - started;
    const color = io.isTTY && io.env.NO_COLOR === undefined;
    if (result.diagnostics.length > 0) {
      io.stderr(printDiagnostics(result.diagnostics, { color, texts: result.texts }));
    }
    if (hasErrors(result.diagnostics)) {
      io.stderr(`${nothingWritten(outDir)}\n`);
      return null;
    }
    return [...result.meetings];
  }

  async function buildChecked(renderer: Renderer): Promise<number> {
    const meetings = await checked();
    if (meetings === null) return 1;
    // the output folder can take files (or exit 2) before anything is rendered
    await (await import('../write/outputFolder.js')).prepareOutputFolder(outDir);
    const templates = await loadTemplates();
    const cacheDir = (await import('../cache/renderCache.js')).cacheDirFromEnv(io.env);
    for (const meeting of meetings) {
      const output = await renderMeeting(templates, meeting, {
        toolVersion,
        date: buildDateOf(io.env),
        cacheDir,
        timings,
        renderer,
        progress: (m, what, i, total) => {
          if (quiet) return;
          const line = `${m.id}: ${i + 1} von ${total}: ${what}`;
          if (io.isTTY) io.stderr(`\r\u001b[2K${line}`);
          else io.stderr(`${line}\n`);
        },
      });
      if (io.isTTY && !quiet) io.stderr('\r\u001b[2K');
      const writeStarted = performance.now();
      const { target, changed } = await writeMeetingOutput(outDir, output);
      timings.write = (timings.write ?? 0) + performance.now() - writeStarted;
      if (!quiet) {
        const count = (folder: string) =>
          output.artifacts.filter((a) => a.name.startsWith(`${folder}/`)).length;
        io.stdout(
          `${target}/oeffentlich: ${count('oeffentlich')} Dateien (zur Veröffentlichung)\n` +
            `${target}/nichtoeffentlich: ${count('nichtoeffentlich')} Dateien (nur für die Mitglieder)\n` +
            (changed ? '' : `${target}: unverändert, nichts neu geschrieben\n`),
        );
      }
    }
    timings.total = performance.now() - started;
    const timingsFile = io.env.RATSMAPPE_TIMINGS;
    if (timingsFile !== undefined && timingsFile !== '') {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(timingsFile, `${JSON.stringify(timings, null, 2)}\n`);
    }
    return 0;
  }
}

/** RATSMAPPE_THREADS: render threads (1: in this thread); unset: one per core. */
function threadsSetting(env: Io['env']): number | undefined {
  const value = Number(env.RATSMAPPE_THREADS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The command line. Returns the exit code: 0 clean, 1 content faults, 2 misuse or crash. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    if (values.version) {
      io.stdout(`ratsmappe ${toolVersion}\n`);
      return 0;
    }
    const [command, ...args] = positionals;
    const expect = (min: number, max: number): void => {
      if (args.length > max) throw new UsageError(`Zu viele Angaben: ${args.slice(max).join(' ')}`);
      if (args.length < min) throw new UsageError(`Für „${command ?? ''}“ fehlt eine Angabe.`);
    };
    const contentDir = args[0] ?? 'content';
    switch (command) {
      case 'check':
        expect(0, 1);
        return await check(contentDir, values.json, values.vorlage, io);
      case 'build':
        expect(0, 1);
        if (values.vorlage !== undefined) {
          const { buildDraftCommand } = await import('./draftCommand.js');
          const options = { quiet: values.quiet, color: io.isTTY && io.env.NO_COLOR === undefined };
          return await buildDraftCommand(contentDir, values.out, values.vorlage, options, io);
        }
        return await build(contentDir, values.out, values.quiet, io);
      case 'archive':
        expect(0, 1);
        if (values.to === undefined)
          throw new UsageError('Für „archive“ fehlt das Ziel: --to <ordner>.');
        return await (
          await import('./archiveCommands.js')
        ).archiveCommand(contentDir, values.to, values.pdfa3, io);
      case 'verify':
        expect(1, 1);
        return await (await import('./archiveCommands.js')).verifyCommand(contentDir, io);
      case 'diff':
        expect(2, 2);
        return await (
          await import('./archiveCommands.js')
        ).diffCommand(args[0] ?? '', args[1] ?? '', io);
      default:
        break;
    }
    throw new UsageError(
      command === undefined ? 'Es fehlt der Befehl.' : `Unbekannter Befehl „${command}“.`,
    );
  } catch (error) {
    // the output folder or the --vorlage number is unusable: the message says what to do
    if (error instanceof OutputFolderError || error instanceof UnknownVorlageError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    if (
      error instanceof UsageError ||
      error instanceof ContentFolderError ||
      error instanceof SourceDateError
    ) {
      io.stderr(`${error.message}\n\n${usage}`);
      return 2;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(
      `Interner Fehler in ratsmappe: ${detail}\nBitte melden Sie diesen Fall dem ratsmappe-Team. Es wurde nichts geschrieben.\n`,
    );
    if (io.env.RATSMAPPE_DEBUG && error instanceof Error && error.stack)
      io.stderr(`${error.stack}\n`);
    return 2;
  }
}
