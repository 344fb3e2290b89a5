/**
 * One difference between two versions of a Vorlage. path: the German labels from the section
 * title down to the field. Both before and after: changed; only after: new; only before: removed.
 */
export interface DiffLine {
  readonly path: readonly string[];
  readonly before?: string;
  readonly after?: string;
}

/** One line per difference: "a › b: vorher → nachher", "neu: …", "entfernt: …". */
export function formatDiffLine(line: DiffLine): string {
  const path = line.path.join(' › ');
  if (line.before !== undefined && line.after !== undefined)
    return `${path}: ${line.before} → ${line.after}`;
  if (line.after !== undefined) return `neu: ${path}: ${line.after}`;
  if (line.before !== undefined) return `entfernt: ${path}: ${line.before}`;
  return path;
}

/** The differences for printing; "Keine inhaltlichen Unterschiede." when there are none. */
export function formatDiff(lines: readonly DiffLine[]): string {
  if (lines.length === 0) return 'Keine inhaltlichen Unterschiede.\n';
  return `${lines.map(formatDiffLine).join('\n')}\n`;
}
