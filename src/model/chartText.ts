/**
 * What a chart says, in German words: its text alternative ("Säulendiagramm Anfragen nach
 * Kommune: Coesfeld 468 Anfragen, Ascheberg 16 Anfragen") and the labels of its values. The
 * PDF, the DOCX (`descr`) and the HTML preview (aria-label) carry the same text, so a screen
 * reader states every figure the picture shows.
 */
import { formatNumber } from '../format/german.js';
import type { ChartKind, ChartPoint } from './types.js';

/** the German name of each chart kind, as the text alternative begins */
export const chartKindName: Readonly<Record<ChartKind, string>> = {
  columns: 'Säulendiagramm',
  bars: 'Balkendiagramm',
  line: 'Liniendiagramm',
};

/** `art` as clerks write it → the model's chart kind */
export const chartKinds: Readonly<Record<string, ChartKind>> = {
  saeulen: 'columns',
  balken: 'bars',
  linien: 'line',
};

/** 238000 with "€" → "238.000 €"; without a unit the bare number */
export const valueText = (value: number, unit: string | undefined): string =>
  unit === undefined || unit === '' ? formatNumber(value) : `${formatNumber(value)}\u00a0${unit}`;

/** "Säulendiagramm Kosten nach Gewerk: Sanitär 238.000 €, Elektro 120.000 €" */
export function chartAlt(
  kind: ChartKind,
  title: string,
  unit: string | undefined,
  data: readonly ChartPoint[],
): string {
  const values = data.map((p) => `${p.label} ${valueText(p.value, unit)}`).join(', ');
  return `${chartKindName[kind]} ${title}: ${values}`;
}
