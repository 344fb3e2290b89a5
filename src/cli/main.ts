import { relative, resolve, sep } from 'node:path';
import type { ComposedMeeting } from '../compose/compose.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Renderer } from '../render/renderer.js';
import type { Templates } from '../template/loadTemplates.js';
// Only what --help, --version and the error handling need is imported here: each command
// imports its modules when it runs, so `check` never loads the render stack (pdfmake, docx, …).
import { hasErrors } from '../diagnostics/diagnostic.js';
import { colorFor, escapeControls } from '../format/terminalText.js';
import { ContentFolderError, readContent } from '../load/readContent.js';
import { toolVersion } from '../version.js';
import { UnknownVorlageError } from '../check/unknownVorlage.js';
import { nothingWritten, OutputFolderError } from '../write/folderError.js';
import {
  createProgram,
  runProgram,
  UsageError,
  type BuildOptions,
  type CheckOptions,
} from './program.js';
import { buildDateOf, SourceDateError } from './sourceDate.js';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** which stream is a terminal: colours are decided per stream, the progress line by stderr */
  readonly tty: { readonly stdout: boolean; readonly stderr: boolean };
  /** the folder that paths in messages are relative to (default: the process's) */
  readonly cwd?: string;
}

/** How the CLI shows a content file: relative to the current folder, with forward slashes, so that terminals and editors can open `content/vorlagen/…/pool.yaml:7:11`. */
export function displayPathOf(io: Io, contentDir: string): (file: string) => string {
  const cwd = io.cwd ?? process.cwd();
  return (file) => {
    const shown = relative(cwd, resolve(cwd, contentDir, file));
    return (shown === '' ? '.' : shown).split(sep).join('/');
  };
}

/** The diagnostics as --json writes them: `file` relative to the current folder. */
export const diagnosticsJson = (
  diagnostics: readonly Diagnostic[],
  pathOf: (file: string) => string,
): Diagnostic[] => diagnostics.map((d) => ({ ...d, file: pathOf(d.file) }));

/** The parses kept on disk for a content folder (diskParses.ts); none without a cache folder. */
async function diskParsesOf(contentDir: string, env: Io['env']) {
  const cacheDir = (await import('../cache/renderCache.js')).cacheDirFromEnv(env);
  if (cacheDir === undefined) return undefined;
  const [{ DiskParses }, { toolFingerprint }] = await Promise.all([
    import('../load/diskParses.js'),
    import('../cache/toolFingerprint.js'),
  ]);
  return DiskParses.open(cacheDir, contentDir, await toolFingerprint());
}

async function check(contentDir: string, { json, vorlage }: CheckOptions, io: Io): Promise<number> {
  const [{ checkAndCompose }, { checkVorlage }, { printDiagnostics }] = await Promise.all([
    import('../check/checkAndCompose.js'),
    import('../check/checkVorlage.js'),
    import('../diagnostics/print.js'),
  ]);
  // the parses of the last check or build of this folder, where the cache folder has them
  const [files, disk] = await Promise.all([
    readContent(contentDir),
    vorlage === undefined ? diskParsesOf(contentDir, io.env) : undefined,
  ]);
  // --vorlage: only that Vorlage's files count (a draft, also one on no agenda)
  const result =
    vorlage === undefined ? checkAndCompose(files, disk) : checkVorlage(files, vorlage);
  await disk?.save();
  const pathOf = displayPathOf(io, contentDir);
  if (json) io.stdout(`${JSON.stringify(diagnosticsJson(result.diagnostics, pathOf), null, 2)}\n`);
  else
    io.stdout(
      printDiagnostics(result.diagnostics, {
        color: colorFor(io.tty.stdout, io.env),
        texts: result.content.texts,
        pathOf,
      }),
    );
  return hasErrors(result.diagnostics) ? 1 : 0;
}

/** One meeting of `build --json`: where it was written and what. */
interface BuiltMeeting {
  readonly id: string;
  readonly folder: string;
  readonly files: { readonly oeffentlich: string[]; readonly nichtoeffentlich: string[] };
  /** false: the output was already there, byte for byte; nothing was written */
  readonly changed: boolean;
  /** rendered in this run (the rest came from the cache) */
  readonly rendered: { readonly vorlagen: number; readonly packets: number };
  /** PDFs that claim no PDF/A, with the Anlagen that prevent it */
  readonly ohnePdfa: readonly { readonly datei: string; readonly wegen: readonly string[] }[];
}

async function build(contentDir: string, options: BuildOptions, io: Io): Promise<number> {
  // the render threads start first, and load the render stack while this thread loads the
  // rest and reads and checks the content
  const { createRenderer } = await import('../render/renderer.js');
  const renderer = await createRenderer(
    Number.POSITIVE_INFINITY,
    threadsSetting(io.env),
    options.watch,
  );
  renderer.warmUp();
  const [{ renderMeeting }, { printDiagnostics }, { TemplateFaultsError }, { writeMeetingOutput }] =
    await Promise.all([
      import('../build.js'),
      import('../diagnostics/print.js'),
      import('../template/templateFaults.js'),
      import('../write/writeOutput.js'),
    ]);
  const { out: outDir, json } = options;
  // rebuilds of --watch print one line each, no progress
  let quiet = options.quiet || json;
  const timings: Record<string, number> = {};
  let started = performance.now();
  let written = { vorlagen: 0, packets: 0 };
  const pathOf = displayPathOf(io, contentDir);
  const color = colorFor(io.tty.stderr, io.env);
  const report = (diagnostics: readonly Diagnostic[], meetings: readonly BuiltMeeting[]): void => {
    if (json) {
      const summary = {
        ok: !hasErrors(diagnostics),
        diagnostics: diagnosticsJson(diagnostics, pathOf),
        meetings,
      };
      io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    }
  };
  // --watch: a file that did not change is not parsed again in the next build
  const memo = options.watch ? new (await import('../load/parseMemo.js')).ParseMemo() : undefined;
  try {
    const code = await buildChecked(renderer);
    return options.watch ? await watchAndRebuild(renderer) : code;
  } finally {
    await renderer.close();
  }

  /** --watch: after each change of the content, a build as above (same threads, the cache); one line each; ends with Ctrl+C. */
  async function watchAndRebuild(renderer: Renderer): Promise<number> {
    const { watch } = await import('node:fs');
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
    const clock = () => new Date().toLocaleTimeString('de-DE');
    io.stderr(
      `Beobachte ${escapeControls(contentDir)}: jede Änderung wird neu erzeugt. Beenden mit Strg+C.\n`,
    );
    quiet = true;
    let last = 0;
    let running = false;
    let again = false;
    let timer: NodeJS.Timeout | undefined;
    const rebuild = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      started = performance.now();
      written = { vorlagen: 0, packets: 0 };
      // RATSMAPPE_TIMINGS: the stages of this build, not a sum over the builds so far
      for (const stage of Object.keys(timings)) Reflect.deleteProperty(timings, stage);
      try {
        last = await buildChecked(renderer);
        const took = seconds(performance.now() - started);
        io.stderr(
          last === 0
            ? `${clock()} neu erzeugt in ${took}: ${String(written.vorlagen)} ${written.vorlagen === 1 ? 'Vorlage' : 'Vorlagen'} und ${String(written.packets)} ${written.packets === 1 ? 'Sitzungsmappe' : 'Sitzungsmappen'} neu gesetzt\n`
            : `${clock()} Fehler im Inhalt (${took}), nichts geschrieben\n`,
        );
      } catch (error) {
        last = 2;
        const detail = error instanceof Error ? error.message : String(error);
        io.stderr(`${clock()} nicht erzeugt: ${escapeControls(detail)}\n`);
      } finally {
        running = false;
        if (again) {
          again = false;
          schedule();
        }
      }
    };
    // a save is often several file events: they are taken in together
    const schedule = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild(), 100);
    };
    const watcher = watch(contentDir, { recursive: true }, schedule);
    await new Promise<void>((resolve) => {
      const end = (): void => {
        resolve();
      };
      process.once('SIGINT', end);
      process.once('SIGTERM', end);
    });
    watcher.close();
    clearTimeout(timer);
    // a rebuild under way finishes (its folder swap is never cut off)
    const busy = (): boolean => running;
    while (busy()) await new Promise((resolve) => setTimeout(resolve, 50));
    return last;
  }

  /** Only the composed meetings live on: the parsed sources are garbage after the check. */
  async function checked(): Promise<{
    meetings: ComposedMeeting[] | null;
    diagnostics: readonly Diagnostic[];
  }> {
    const { checkInThread, largeContent } = await import('../check/checkInThread.js');
    const result = (await largeContent(contentDir))
      ? await checkInThread(contentDir)
      : await (async () => {
          const { checkAndCompose } = await import('../check/checkAndCompose.js');
          // a new process: the parses of the last build from the cache folder (diskParses.ts)
          const [files, disk] = await Promise.all([
            readContent(contentDir),
            memo === undefined ? diskParsesOf(contentDir, io.env) : undefined,
          ]);
          const checkResult = checkAndCompose(files, memo ?? disk);
          await disk?.save();
          return { ...checkResult, texts: checkResult.content.texts };
        })();
    timings.check = performance.now() - started;
    if (result.diagnostics.length > 0 && !json) {
      io.stderr(printDiagnostics(result.diagnostics, { color, texts: result.texts, pathOf }));
    }
    if (hasErrors(result.diagnostics)) {
      if (!json) io.stderr(`${escapeControls(nothingWritten(outDir))}\n`);
      return { meetings: null, diagnostics: result.diagnostics };
    }
    return { meetings: [...result.meetings], diagnostics: result.diagnostics };
  }

  async function buildChecked(renderer: Renderer): Promise<number> {
    const { meetings, diagnostics } = await checked();
    if (meetings === null) {
      report(diagnostics, []);
      return 1;
    }
    // the templates must work on this content before anything is rendered or written
    const { assertTemplatesWork, contentTemplates } =
      await import('../template/contentTemplates.js');
    let templates: Templates;
    try {
      templates = await contentTemplates(contentDir);
      assertTemplatesWork(templates, meetings);
    } catch (error) {
      if (!(error instanceof TemplateFaultsError)) throw error;
      if (!json) {
        io.stderr(printDiagnostics(error.diagnostics, { color, texts: error.texts(), pathOf }));
        io.stderr(`${escapeControls(nothingWritten(outDir))}\n`);
      }
      report([...diagnostics, ...error.diagnostics], []);
      return 1;
    }
    // the output folder can take files (or exit 2) before anything is rendered
    await (await import('../write/outputFolder.js')).prepareOutputFolder(outDir);
    const cacheDir = (await import('../cache/renderCache.js')).cacheDirFromEnv(io.env);
    const built: BuiltMeeting[] = [];
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
          if (io.tty.stderr) io.stderr(`\r\u001b[2K${line}`);
          else io.stderr(`${line}\n`);
        },
      });
      if (io.tty.stderr && !quiet) io.stderr('\r\u001b[2K');
      const writeStarted = performance.now();
      const { target, changed } = await writeMeetingOutput(outDir, output);
      written = {
        vorlagen: written.vorlagen + output.rendered.vorlagen,
        packets: written.packets + output.rendered.packets,
      };
      timings.write = (timings.write ?? 0) + performance.now() - writeStarted;
      const names = (folder: string) =>
        output.artifacts
          .filter((a) => a.name.startsWith(`${folder}/`))
          .map((a) => a.name.slice(folder.length + 1));
      const shown = displayPathOf(io, '.')(target);
      built.push({
        id: meeting.id,
        folder: shown,
        files: { oeffentlich: names('oeffentlich'), nichtoeffentlich: names('nichtoeffentlich') },
        changed,
        rendered: output.rendered,
        ohnePdfa: output.ohnePdfa,
      });
      if (!quiet) {
        io.stdout(
          `${shown}/oeffentlich: ${names('oeffentlich').length} Dateien (zur Veröffentlichung)\n` +
            `${shown}/nichtoeffentlich: ${names('nichtoeffentlich').length} Dateien (nur für die Mitglieder)\n` +
            (changed ? '' : `${shown}: unverändert, nichts neu geschrieben\n`) +
            // never a claim a file does not meet: say which files are no PDF/A, and why
            output.ohnePdfa
              .map(
                (o) =>
                  `${shown}/${o.datei}: ohne PDF/A-Kennzeichnung, weil ${o.wegen.join('; ')}\n`,
              )
              .join(''),
        );
      }
    }
    report(diagnostics, built);
    timings.total = performance.now() - started;
    const timingsFile = io.env.RATSMAPPE_TIMINGS;
    if (timingsFile !== undefined && timingsFile !== '') {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(timingsFile, `${JSON.stringify(timings, null, 2)}\n`);
    }
    return 0;
  }
}

/** `ratsmappe vorschau`: serves until the process is interrupted (Ctrl+C, SIGTERM). */
async function vorschau(contentDir: string, portText: string, io: Io): Promise<number> {
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new UsageError(
      `Der Port „${portText}“ ist keine Zahl von 0 bis 65535.\nHilfe: ratsmappe vorschau --help`,
    );
  await readContent(contentDir); // a missing folder is a misuse, before the server starts
  const { startPreview } = await import('../preview/previewServer.js');
  let preview;
  try {
    preview = await startPreview(contentDir, {
      port,
      onUpdate: (version, ms) => {
        io.stderr(`Aktualisiert (Stand ${String(version)}) in ${String(Math.round(ms))} ms\n`);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new UsageError(
        `Der Port ${portText} ist schon belegt. Wählen Sie einen anderen, z. B. --port ${String(port + 1)}.`,
      );
    throw error;
  }
  io.stdout(`Vorschau: ${preview.url} (Beenden mit Strg+C)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await preview.close();
  return 0;
}

/** RATSMAPPE_THREADS: render threads (1: in this thread); unset: one per core. */
function threadsSetting(env: Io['env']): number | undefined {
  const value = Number(env.RATSMAPPE_THREADS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The command line. Returns the exit code: 0 clean, 1 content faults, 2 misuse or crash. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const archiveCommands = () => import('./archiveCommands.js');
  const program = createProgram(
    `ratsmappe ${toolVersion}`,
    {
      check: (content, options) => check(content, options, io),
      build: async (content, options) => {
        if (options.watch && (options.vorlage !== undefined || options.json))
          throw new UsageError(
            `--watch geht nicht zusammen mit ${options.json ? '--json' : '--vorlage'}.\nHilfe: ratsmappe build --help`,
          );
        if (options.vorlage === undefined) return build(content, options, io);
        const { buildDraftCommand } = await import('./draftCommand.js');
        return buildDraftCommand(content, options.vorlage, options, io);
      },
      archive: async (content, options) =>
        (await archiveCommands()).archiveCommand(content, options, io),
      verify: async (archive, options) =>
        (await archiveCommands()).verifyCommand(archive, options, io),
      vorschau: (content, options) => vorschau(content, options.port, io),
      neu: async (what, args, options) =>
        (await import('./neuCommand.js')).neuCommand(what, args, options, io),
      diff: async (before, after, options) =>
        (await archiveCommands()).diffCommand(before, after, options, io),
    },
    io.stdout,
    (code) => {
      exitCode = code;
    },
  );
  try {
    if (argv.length === 0) throw new UsageError('Es fehlt der Befehl.\nHilfe: ratsmappe --help');
    await runProgram(program, argv);
    return exitCode;
  } catch (error) {
    // the output folder or the --vorlage number is unusable: the message says what to do
    if (
      error instanceof OutputFolderError ||
      error instanceof UnknownVorlageError ||
      error instanceof UsageError ||
      error instanceof ContentFolderError ||
      error instanceof SourceDateError
    ) {
      io.stderr(`${escapeControls(error.message)}\n`);
      return 2;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(
      `Interner Fehler in ratsmappe: ${escapeControls(detail)}\nBitte melden Sie diesen Fall dem ratsmappe-Team. Es wurde nichts geschrieben.\n`,
    );
    if (io.env.RATSMAPPE_DEBUG && error instanceof Error && error.stack)
      io.stderr(`${error.stack}\n`);
    return 2;
  }
}
