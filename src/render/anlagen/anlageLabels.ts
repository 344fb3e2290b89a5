/** The names an Anlage goes by in the PDFs: destination, bookmark, stamp and output file. */
export interface AnlageLabels {
  /** named destination, e.g. anlage-SV-9-1601-2 */
  readonly dest: string;
  /** „Anlage 2: Lageplan“ */
  readonly bookmark: string;
  /** „Anlage 2 zu SV-9-1601: Lageplan“ */
  readonly stamp: string;
  /** SV-9-1601-anlage-2.pdf, beside the Vorlage's DOCX in out/ */
  readonly file: string;
}

export const anlageLabels = (vorlage: string, nummer: number, titel: string): AnlageLabels => ({
  dest: `anlage-${vorlage}-${String(nummer)}`,
  bookmark: `Anlage ${String(nummer)}: ${titel}`,
  stamp: `Anlage ${String(nummer)} zu ${vorlage}: ${titel}`,
  file: `${vorlage}-anlage-${String(nummer)}.pdf`,
});
