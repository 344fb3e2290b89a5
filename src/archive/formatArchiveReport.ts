import { plural } from '../format/german.js';
import type { ArchiveReport } from './types.js';

/** The report of an archive run in German, one line per entry and a summary. */
export function formatArchiveReport(report: ArchiveReport): string {
  const lines = [
    ...report.stored.map(
      (e) => `gespeichert: ${e.label} (${plural(e.files, 'Datei', 'Dateien')}) → ${e.path}`,
    ),
    ...report.unchanged.map((e) => `unverändert: ${e.label} (bereits archiviert in ${e.path})`),
  ];
  const total = report.stored.length + report.unchanged.length;
  lines.push(
    total === 0
      ? 'Nichts zu archivieren.'
      : `${plural(report.stored.length, 'Eintrag', 'Einträge')} gespeichert, ${report.unchanged.length} unverändert (${report.meetingPath}).`,
  );
  return `${lines.join('\n')}\n`;
}
