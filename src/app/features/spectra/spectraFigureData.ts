/**
 * Adapters from per-head spectrum summaries to the plain shapes the charts and exports take: line series (with the
 * reference curves), heatmap grids, CSV rows, a snapshot's label, its shape and the index the figures can show.
 * Pure functions, no DOM.
 */
import type { HeatmapData, LegendKeyEntry, LineSeries } from '../../shared/charts';
import type { CsvValue } from '../../shared/export/exportFigure';
import { cumulativeAtKGrid, type HeadSummary } from '../../../lib/spectra/headSummary';
import type { ReferenceCurves } from '../../../lib/spectra/referenceSpectra';
import type { SpectraResult } from '../../../worker/spectraTypes';
import type { ColourScale } from './spectraFields';

/** Layer colours cycle through the theme's eight series colours; heads of one layer share a colour (and differ by dash). */
export function layerColour(layer: number): string {
  return `var(--series-${(layer % 8) + 1})`;
}

/**
 * Dash patterns that tell apart the heads of one layer (which share its colour): head 1 solid, then patterns that
 * differ in rhythm as well as length, so they read apart at a glance and in greyscale. They repeat every 8 heads.
 */
export const HEAD_DASHES: readonly (string | undefined)[] = [
  undefined,
  '9 3',
  '2 2',
  '9 3 2 3',
  '5 5',
  '14 3 2 3 2 3',
  '1 4',
  '16 5',
];

export function headDash(head: number): string | undefined {
  return HEAD_DASHES[head % HEAD_DASHES.length];
}

/** Layer and head entries the curves' legend shows (each up to 8: colours and dashes repeat after). */
const KEY_LIMIT = 8;

/**
 * The curves' legend, drawn in the figure (so an export carries it): a colour per layer, a dash per head, and the
 * reference curves when there are any. One entry per curve would run to layers × heads entries.
 */
export function cumulativeLegendKey(layers: number, heads: number, withReferences: boolean): LegendKeyEntry[] {
  const key: LegendKeyEntry[] = [];
  for (let layer = 0; layer < Math.min(layers, KEY_LIMIT); layer++) key.push({ name: `layer ${layer + 1}`, colour: layerColour(layer) });
  for (let head = 0; head < Math.min(heads, KEY_LIMIT); head++) {
    key.push({ name: `head ${head + 1}`, colour: 'var(--fg)', dash: headDash(head) });
  }
  if (withReferences) key.push({ name: 'references (grey)', colour: REFERENCE_COLOUR, dashed: true });
  return key;
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

/** The neutral colour of the reference curves (dashed), apart from every layer's colour. */
export const REFERENCE_COLOUR = 'var(--muted)';
export const UNIFORM_REFERENCE_NAME = 'reference: uniform attention (rank 1)';
export const RANDOM_REFERENCE_NAME = 'reference: random softmax attention';

/** The reference curves as [name, curve] pairs, in drawing (and export) order. */
function referenceList(references: ReferenceCurves | null | undefined): [string, string, Float64Array][] {
  if (!references) return [];
  return [
    ['reference-uniform', UNIFORM_REFERENCE_NAME, references.uniform],
    ['reference-random', RANDOM_REFERENCE_NAME, references.randomSoftmax],
  ];
}

/**
 * One curve per head (x = 1-based index j, y = mean normalised cumulative value), coloured by layer; the reference
 * curves for a matrix of the snapshot's shape (dashed, neutral); and dashed vertical markers at index i and, when
 * the float32 floor cuts the tail, at the first noisy index.
 */
export function cumulativeSeries(
  summaries: readonly HeadSummary[],
  index: number,
  references?: ReferenceCurves | null,
): LineSeries[] {
  const series: LineSeries[] = summaries.map((s) => ({
    id: `L${s.layer}H${s.head}`,
    name: headName(s.layer, s.head),
    colour: layerColour(s.layer),
    dash: headDash(s.head),
    points: Array.from(s.meanCumulative, (y, j) => ({ x: j + 1, y })),
  }));
  const refs = summaries.length > 0 ? referenceList(references) : [];
  for (const [id, name, curve] of refs) {
    series.push({ id, name, colour: REFERENCE_COLOUR, dashed: true, points: Array.from(curve, (y, j) => ({ x: j + 1, y })) });
  }
  const length = curveLength(summaries);
  // Markers span the curves' own range (references included), so they do not stretch the y axis down to 0.
  const firsts = [...summaries.map((s) => s.meanCumulative), ...refs.map(([, , curve]) => curve)].map((curve) =>
    curve.length > 0 ? curve[0] : 1,
  );
  const bottom = Math.min(1, ...firsts);
  if (length > 0 && index <= length) {
    series.push({
      id: 'index-marker',
      name: `i = ${index}`,
      colour: 'var(--fg)',
      dashed: true,
      points: [{ x: index, y: bottom }, { x: index, y: 1 }],
    });
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
 * common (fresh models attend almost uniformly), so by default the range follows the data rather than [0, 1]
 * (the "Colour scale" setting fixes it to [0, 1] instead: see heatmapScale).
 */
export function sharedDomain(summaryLists: readonly (readonly HeadSummary[])[]): [number, number] | undefined {
  const values = summaryLists.flat().map((s) => s.cumulativeAtK).filter(Number.isFinite);
  if (values.length === 0) return undefined;
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (high - low < 1e-6) return [Math.max(0, low - 0.01), Math.min(1, high) + (high >= 1 ? 0 : 0.01)];
  return [low, high];
}

/** How the heatmaps on show colour and print their values. */
export interface HeatmapScale {
  /** The colour range, shared by every heatmap on show; undefined when there is nothing to show. */
  domain?: [number, number];
  /** Decimals printed in the cells: enough to tell the values apart, whichever colour range is chosen. */
  decimals: number;
  /** Decimals of the colour bar's ticks: the cells' on a fitted bar, one on the fixed 0–1 bar. */
  barDecimals: number;
  /** A sentence for the caption on what the colours span. */
  note: string;
}

/**
 * The heatmaps' scale for the results on show (one list of summaries each): fitted, their shared range (see
 * sharedDomain); fixed, [0, 1]. The printed decimals follow the values either way, so fixing the colours never
 * hides a difference the numbers can show.
 */
export function heatmapScale(scale: ColourScale, summaryLists: readonly (readonly HeadSummary[])[]): HeatmapScale {
  const fitted = sharedDomain(summaryLists);
  const decimals = decimalsFor(fitted);
  if (scale === 'fixed') return { domain: [0, 1], decimals, barDecimals: 1, note: 'Colours run from 0 to 1.' };
  const what = summaryLists.length > 1 ? 'of both results shown' : 'shown';
  return { domain: fitted, decimals, barDecimals: decimals, note: `Colours span the values ${what}, so small differences look large.` };
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

/** Every curve point: the heads' (curve "head", with layer and head), then the references' (no layer, no head). */
export function curveCsvRows(summaries: readonly HeadSummary[], references?: ReferenceCurves | null): Record<string, CsvValue>[] {
  const heads = summaries.flatMap((s) =>
    Array.from(s.meanCumulative, (value, j) => ({
      curve: 'head',
      layer: s.layer + 1,
      head: s.head + 1,
      index: j + 1,
      mean_normalised_cumulative: value,
    })),
  );
  const refs = summaries.length > 0 ? referenceList(references) : [];
  return [
    ...heads,
    ...refs.flatMap(([, name, curve]) =>
      Array.from(curve, (value, j) => ({ curve: name, layer: null, head: null, index: j + 1, mean_normalised_cumulative: value })),
    ),
  ];
}

/** One row per head at index i ("top-i share", best rank-i error). */
export function headCsvRows(summaries: readonly HeadSummary[], index: number): Record<string, CsvValue>[] {
  return summaries.map((s) => ({
    layer: s.layer + 1,
    head: s.head + 1,
    i: index,
    top_i_share: s.cumulativeAtK,
    rank_i_relative_error: s.rankKError,
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

/** The number of singular values of the snapshot's largest matrix: min(n, n) for standard attention, min(n, k) for Linformer. */
export function spectrumLength(result: SpectraResult): number {
  // A loop, not Math.max(...): an analysis can hold ~10⁵ spectra, too many for a spread's arguments.
  let length = 0;
  for (const spectrum of result.spectra) length = Math.max(length, spectrum.sigma.length);
  return length;
}

/**
 * The shape the reference curves take for a snapshot: its largest matrix, rows × cols (n × n for standard
 * attention, n × k for Linformer; with per-layer k, the widest layer's). Null when it has no spectra.
 */
export function referenceShape(result: SpectraResult): { rows: number; cols: number } | null {
  if (result.spectra.length === 0) return null;
  let rows = 0;
  let cols = 0;
  for (const spectrum of result.spectra) {
    rows = Math.max(rows, spectrum.rows);
    cols = Math.max(cols, spectrum.cols);
  }
  return { rows, cols };
}

/** The index i a snapshot's figures can show: the chosen one, or its last singular value when it has fewer. */
export function shownIndex(topIndex: number, length: number): { index: number; clamped: boolean } {
  if (length > 0 && topIndex > length) return { index: length, clamped: true };
  return { index: Math.max(1, topIndex), clamped: false };
}
