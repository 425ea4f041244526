/**
 * Adapters from per-head spectrum summaries to the plain shapes the charts and exports take: line series,
 * heatmap grids, CSV rows, and a snapshot's label. Pure functions, no DOM.
 */
import type { HeatmapData, LineSeries } from '../../shared/charts';
import type { CsvValue } from '../../shared/export/exportFigure';
import { cumulativeAtKGrid, type HeadSummary } from '../../../lib/spectra/headSummary';
import type { SpectraResult } from '../../../worker/spectraTypes';

/** Layer colours cycle through the theme's eight series colours; heads of one layer share a colour. */
export function layerColour(layer: number): string {
  return `var(--series-${(layer % 8) + 1})`;
}

export function headName(layer: number, head: number): string {
  return `layer ${layer + 1} · head ${head + 1}`;
}

/** The longest curve among the heads (n for standard attention, the largest k for Linformer). */
export function curveLength(summaries: readonly HeadSummary[]): number {
  return Math.max(0, ...summaries.map((s) => s.meanCumulative.length));
}

/** The index from which some head's tail is float32 rounding noise, or null when every value is meaningful. */
export function noiseFromIndex(summaries: readonly HeadSummary[]): number | null {
  const length = curveLength(summaries);
  const tail = Math.min(length, ...summaries.map((s) => s.meaningfulTail));
  return tail < length ? tail : null;
}

/**
 * One curve per head (x = 1-based index j, y = mean normalised cumulative value), coloured by layer, plus
 * dashed vertical markers at index k and, when the float32 floor cuts the tail, at the first noisy index.
 */
export function cumulativeSeries(summaries: readonly HeadSummary[], k: number): LineSeries[] {
  const series: LineSeries[] = summaries.map((s) => ({
    id: `L${s.layer}H${s.head}`,
    name: headName(s.layer, s.head),
    colour: layerColour(s.layer),
    points: Array.from(s.meanCumulative, (y, j) => ({ x: j + 1, y })),
  }));
  const length = curveLength(summaries);
  // Markers span the curves' own range, so they do not stretch the y axis down to 0.
  const bottom = Math.min(1, ...summaries.map((s) => (s.meanCumulative.length > 0 ? s.meanCumulative[0] : 1)));
  if (length > 0 && k <= length) {
    series.push({ id: 'k-marker', name: `k = ${k}`, colour: 'var(--fg)', dashed: true, points: [{ x: k, y: bottom }, { x: k, y: 1 }] });
  }
  const noisy = noiseFromIndex(summaries);
  if (noisy !== null) {
    // The marker sits at the first value that is noise (1-based index noisy + 1).
    series.push({
      id: 'noise-marker',
      name: 'float32 noise from here',
      colour: 'var(--warn)',
      dashed: true,
      points: [{ x: noisy + 1, y: bottom }, { x: noisy + 1, y: 1 }],
    });
  }
  return series;
}

export function atKHeatmapData(summaries: readonly HeadSummary[], layers: number, heads: number): HeatmapData {
  return {
    rowLabels: Array.from({ length: layers }, (_, l) => `layer ${l + 1}`),
    colLabels: Array.from({ length: heads }, (_, h) => `head ${h + 1}`),
    values: cumulativeAtKGrid(summaries, layers, heads),
  };
}

/**
 * One colour range for heatmaps shown side by side, so equal colours mean equal values. Values near 1 are
 * common (fresh models attend almost uniformly), so the range follows the data rather than [0, 1].
 */
export function sharedDomain(summaryLists: readonly (readonly HeadSummary[])[]): [number, number] | undefined {
  const values = summaryLists.flat().map((s) => s.cumulativeAtK).filter(Number.isFinite);
  if (values.length === 0) return undefined;
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (high - low < 1e-6) return [Math.max(0, low - 0.01), Math.min(1, high) + (high >= 1 ? 0 : 0.01)];
  return [low, high];
}

/**
 * Decimals that tell apart values spread over `domain`: fresh models put every head within 1e-4 of 1, where
 * three decimals would print "1.000" in every cell.
 */
export function decimalsFor(domain: [number, number] | undefined): number {
  if (!domain) return 3;
  const span = domain[1] - domain[0];
  if (!(span > 0)) return 3;
  return Math.min(6, Math.max(3, Math.ceil(-Math.log10(span)) + 1));
}

export function curveCsvRows(summaries: readonly HeadSummary[]): Record<string, CsvValue>[] {
  return summaries.flatMap((s) =>
    Array.from(s.meanCumulative, (value, j) => ({ layer: s.layer + 1, head: s.head + 1, index: j + 1, mean_normalised_cumulative: value })),
  );
}

export function headCsvRows(summaries: readonly HeadSummary[], k: number): Record<string, CsvValue>[] {
  return summaries.map((s) => ({
    layer: s.layer + 1,
    head: s.head + 1,
    k,
    cumulative_at_k: s.cumulativeAtK,
    rank_k_relative_error: s.rankKError,
    effective_rank: s.effectiveRank,
    meaningful_values: s.meaningfulTail,
    spectrum_length: s.meanCumulative.length,
    sequences: s.sequences,
  }));
}

/** "initialised standard", "trained linformer (k = 32)": what a snapshot is, in the words of the comparison. */
export function describeResult(result: SpectraResult): string {
  const { config } = result;
  const ks = [...new Set(config.kPerLayer)].join('/');
  const kind = config.attention === 'linformer' ? `linformer (k = ${ks})` : 'standard';
  return `${result.source} ${kind}, n = ${config.seqLen}, ${config.layers}×${config.heads}`;
}
