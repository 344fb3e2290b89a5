/** Thrown for a SOURCE_DATE_EPOCH that is not a whole number of seconds. */
export class SourceDateError extends Error {}

/**
 * The date written into files when SOURCE_DATE_EPOCH is set (reproducible-builds.org), as an ISO
 * day in UTC; undefined otherwise, and the dates then come from the content.
 */
export function buildDateOf(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,12}$/.test(raw)) {
    throw new SourceDateError(
      `SOURCE_DATE_EPOCH muss eine Anzahl Sekunden seit 1970 sein, nicht „${raw}“.`,
    );
  }
  return new Date(Number(raw) * 1000).toISOString().slice(0, 10);
}
