import { posix } from 'node:path';
import {
  ArchiveConflict,
  ArchiveInputError,
  archiveMeeting,
  formatArchiveReport,
  type ArchiveFile,
} from '../archive/archive.js';
import { bodyFiles } from '../archive/bodyFiles.js';
import { diffVorlagen, DiffError, formatDiff } from '../archive/diff.js';
import {
  formatVerifyResult,
  verifyArchive,
  VerifyError,
  verifyExitCode,
} from '../archive/verify.js';
import { checkAndCompose, dated, renderMeeting } from '../build.js';
import type { ComposedMeeting } from '../compose/compose.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { printDiagnostics } from '../diagnostics/print.js';
import type { ContentFiles } from '../load/readContent.js';
import { readContent } from '../load/readContent.js';
import { anlageInputs } from '../render/anlagen/anlageInputs.js';
import { renderVorlagePdf } from '../render/renderVorlage.js';
import { assertTemplatesWork, contentTemplates } from '../template/contentTemplates.js';
import type { Templates } from '../template/loadTemplates.js';
import { TemplateFaultsError } from '../template/templateFaults.js';
import { vorlageDocument } from '../template/vorlageDocument.js';
import { toolVersion } from '../version.js';
import { colorFor, escapeControls } from '../format/terminalText.js';
import { diagnosticsJson, displayPathOf, type Io } from './main.js';
import type { ArchiveOptions, JsonOption } from './program.js';
import { buildDateOf } from './sourceDate.js';

/** The YAML sources of a Vorlage, as read from disk. */
function sourcesOf(files: ContentFiles, ordner: string): ArchiveFile[] {
  return (files.vorlagen.get(ordner) ?? []).flatMap((raw) =>
    raw.bytes ? [{ path: posix.basename(raw.path), bytes: raw.bytes }] : [],
  );
}

/** The originals of a Vorlage's Anlagen, at their path inside the Vorlage's folder. */
const originalsOf = (vorlage: ComposedMeeting['vorlagen'][number]): ArchiveFile[] =>
  vorlage.anlagen.flatMap((a) => (a.datei ? [{ path: a.datei.name, bytes: a.datei.bytes }] : []));

/**
 * The archive copies of one meeting: exactly the files `build` writes (every PDF is PDF/A-2b
 * unless an Anlage in it is not), except that with --pdfa3 each Vorlage's PDF is PDF/A-3b with
 * its YAML sources embedded, its Anlagen after its pages as in the built PDF. Each PDF's
 * manifest entry says whether it is PDF/A and, when not, which Anlage prevents it (as the
 * build's manifest does).
 */
async function archiveFiles(
  templates: Templates,
  files: ContentFiles,
  meeting: ComposedMeeting,
  pdfa3: boolean,
  epoch: string | undefined,
) {
  const output = await renderMeeting(templates, meeting, { toolVersion, date: epoch });
  const artifact = (name: string): Uint8Array => {
    const found = output.artifacts.find((a) => posix.basename(a.name) === name);
    if (!found) throw new Error(`${name} was not rendered`);
    return found.bytes;
  };
  // the body's own files (koerperschaft.yaml, logo, fonts, templates, kinds) go with every entry
  const body = bodyFiles(files);
  /** what the build's manifest says of a PDF's conformance */
  const conformance = (name: string, claim: 'PDF/A-2b' | 'PDF/A-3b' = 'PDF/A-2b') => {
    const wegen = output.ohnePdfa.find((o) => posix.basename(o.datei) === name)?.wegen ?? [];
    return wegen.length === 0 ? { pdfa: claim } : { pdfa: null, ohnePdfaWegen: wegen };
  };
  const built = (path: string): ArchiveFile => ({
    path,
    bytes: artifact(path),
    ...(path.endsWith('.pdf') ? conformance(path) : {}),
  });
  const vorlagen = [];
  for (const vorlage of meeting.vorlagen) {
    const sources = sourcesOf(files, vorlage.ordner);
    const attachments = sources.map((s) => ({
      name: s.path,
      bytes: s.bytes,
      mimeType: 'application/yaml',
      description: `Quelle ${vorlage.nummer}: ${s.path}`,
      relationship: 'Source' as const,
    }));
    const name = `${vorlage.ordner}.pdf`;
    const pdf: ArchiveFile = pdfa3
      ? {
          path: name,
          bytes: (
            await renderVorlagePdf(
              dated(vorlageDocument(templates, vorlage), epoch),
              anlageInputs(vorlage),
              { pdfa: '3b', attachments },
            )
          ).pdf,
          ...conformance(name, 'PDF/A-3b'),
        }
      : built(name);
    vorlagen.push({
      nummer: vorlage.nummer,
      version: vorlage.kopf.version,
      files: [
        pdf,
        built(`${vorlage.ordner}.docx`),
        ...vorlage.anlagen.flatMap((a) =>
          a.datei ? [built(`${vorlage.ordner}-anlage-${String(a.nummer)}.pdf`)] : [],
        ),
      ],
      // the YAML files and the Anlagen as the clerk gave them, the body's files
      // (quellen/, quellen/koerperschaft/; sha256 in the manifest)
      sources: [...sources, ...originalsOf(vorlage), ...body],
    });
  }
  const packet = [
    ...['sitzungsmappe.pdf', 'sitzungsmappe-mitglieder.pdf'].map(built),
    // the cover's letterhead and the packet's design come from the body's files as well
    ...body.map((f) => ({ path: `quellen/${f.path}`, bytes: f.bytes })),
  ];
  return { vorlagen, packet: { files: packet } };
}

/** `ratsmappe archive [inhalt] --to <dir> [--pdfa3] [--json]`: 0 stored, 1 content faults or conflict, 2 misuse. */
export async function archiveCommand(
  contentDir: string,
  { to, pdfa3, json }: ArchiveOptions,
  io: Io,
): Promise<number> {
  const files = await readContent(contentDir);
  const result = checkAndCompose(files);
  const pathOf = displayPathOf(io, contentDir);
  const reports: unknown[] = [];
  const summary = (ok: boolean): void => {
    if (json) {
      const diagnostics = diagnosticsJson(result.diagnostics, pathOf);
      io.stdout(`${JSON.stringify({ ok, diagnostics, meetings: reports }, null, 2)}\n`);
    }
  };
  if (result.diagnostics.length > 0 && !json) {
    io.stderr(
      printDiagnostics(result.diagnostics, {
        color: colorFor(io.tty.stderr, io.env),
        texts: result.content.texts,
        pathOf,
      }),
    );
  }
  if (hasErrors(result.diagnostics)) {
    if (json) summary(false);
    else io.stderr('Es wurde nichts archiviert.\n');
    return 1;
  }
  let templates: Templates;
  try {
    templates = await contentTemplates(contentDir);
    assertTemplatesWork(templates, result.meetings);
  } catch (error) {
    if (!(error instanceof TemplateFaultsError)) throw error;
    const texts = error.texts();
    if (!json)
      io.stderr(
        printDiagnostics(error.diagnostics, {
          color: colorFor(io.tty.stderr, io.env),
          texts,
          pathOf,
        }),
      );
    if (json)
      io.stdout(
        `${JSON.stringify({ ok: false, diagnostics: diagnosticsJson(error.diagnostics, pathOf), meetings: [] }, null, 2)}\n`,
      );
    else io.stderr('Es wurde nichts archiviert.\n');
    return 1;
  }
  const epoch = buildDateOf(io.env);
  try {
    for (const meeting of result.meetings) {
      const rendered = await archiveFiles(templates, files, meeting, pdfa3, epoch);
      const report = await archiveMeeting(to, {
        koerperschaft: meeting.sitzung.koerperschaft,
        gremium: meeting.sitzung.gremium,
        meetingId: meeting.id,
        toolVersion,
        buildDate: epoch ?? meeting.sitzung.datum,
        ...rendered,
      });
      if (json) reports.push({ id: meeting.id, ...report });
      else io.stdout(escapeControls(formatArchiveReport(report)));
    }
    summary(true);
    return 0;
  } catch (error) {
    if (error instanceof ArchiveConflict) {
      io.stderr(`${escapeControls(error.message)}\n`);
      return 1;
    }
    if (error instanceof ArchiveInputError) {
      io.stderr(`${escapeControls(error.message)}\n`);
      return 2;
    }
    throw error;
  }
}

/** `ratsmappe verify <dir> [--json]`: 0 unchanged, 1 any difference, 2 no archive there. */
export async function verifyCommand(dir: string, { json }: JsonOption, io: Io): Promise<number> {
  try {
    const result = await verifyArchive(dir);
    const code = verifyExitCode(result);
    if (json) io.stdout(`${JSON.stringify({ ok: code === 0, ...result }, null, 2)}\n`);
    else io.stdout(escapeControls(formatVerifyResult(result)));
    return code;
  } catch (error) {
    if (error instanceof VerifyError) {
      io.stderr(`${escapeControls(error.message)}\n`);
      return 2;
    }
    throw error;
  }
}

/** `ratsmappe diff <a> <b> [--json]`: 0 no differences, 1 differences, 2 unreadable input. */
export async function diffCommand(
  a: string,
  b: string,
  { json }: JsonOption,
  io: Io,
): Promise<number> {
  try {
    const lines = await diffVorlagen(a, b);
    if (json)
      io.stdout(`${JSON.stringify({ same: lines.length === 0, changes: lines }, null, 2)}\n`);
    else io.stdout(escapeControls(formatDiff(lines)));
    return lines.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof DiffError) {
      io.stderr(`${escapeControls(error.message)}\n`);
      return 2;
    }
    throw error;
  }
}
