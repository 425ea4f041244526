/**
 * The head view's data, from the worker's answer (one head's P for one sequence, with its SVD) to the plain shapes
 * its figures and exports take: the request, the window of P drawn, heatmap grids with token labels, the spectrum
 * chart's series, CSV rows and the words of the read-out. Pure functions, no DOM.
 *
 * P_r is formed here on the page from the worker's factors, only over the drawn window: O(r · 64²) per move of the
 * slider, under a millisecond (the SVD itself, O(n³), ran in the worker).
 */
import type { HeatmapData, LineSeries } from '../../shared/charts';
import type { CsvValue } from '../../shared/export/exportFigure';
import type { ExperimentSettings } from '../../settings/schema';
import { toRunSpec } from '../../settings/toRunSpec';
import type { MatrixBlock } from '../../../lib/numerics/lowRank';
import { FLOAT32_ENTRY_ERROR } from '../../../lib/spectra/headSummary';
import type { HeadAttentionRequest, HeadAttentionResult } from '../../../worker/headTypes';
import type { SpectraSource } from '../../../worker/spectraTypes';
import type { HeadChoices } from './headFields';

/**
 * The most positions drawn on each axis; a longer sequence is shown as a window of it. 64 × 64 keeps every cell a
 * few pixels wide and a redraw of P_r (one per step of the slider) affordable: on this project's 2-core machine,
 * where Chromium paints in software, a step at 64 × 64 takes about 0.3 s, two thirds of it the browser painting the
 * 4,096 SVG cells (measured with a CPU profile), so larger windows would make the slider lag.
 */
export const MAX_SHOWN = 64;

/** The worker request for the controls' choices (1-based) on the model `settings` describe. */
export function headRequest(
  settings: ExperimentSettings,
  source: SpectraSource,
  samples: number,
  choices: Pick<HeadChoices, 'layer' | 'head' | 'sequence'>,
): HeadAttentionRequest {
  const spec = toRunSpec(settings);
  return {
    source,
    corpus: spec.corpus,
    model: spec.model,
    samples,
    sequence: choices.sequence - 1,
    layer: choices.layer - 1,
    head: choices.head - 1,
  };
}

/** Equal for equal requests: tells whether the head on show answers what the controls now ask. */
export function requestKey(request: HeadAttentionRequest): string {
  return JSON.stringify(request);
}

const VISIBLE: Readonly<Record<string, string>> = { ' ': '␣', '\n': '↵', '\r': '↵', '\t': '⇥' };

/** A token as an axis label: spaces, line breaks and tabs made visible (a BPE word keeps its leading space: "␣the"). */
export function visibleToken(token: string): string {
  if (token === '') return '∅';
  return Array.from(token, (char) => VISIBLE[char] ?? char).join('');
}

/** "P₁₂": digits as Unicode subscripts, for P_r in titles and read-outs. */
export function subscript(value: number): string {
  return String(value).replace(/\d/g, (digit) => '₀₁₂₃₄₅₆₇₈₉'[Number(digit)]);
}

/** The rank the view shows: the chosen one, within 1..min(rows, cols). */
export function shownRank(rank: number, size: number): number {
  return Math.min(Math.max(1, Math.round(rank)), Math.max(1, size));
}

/**
 * The block of the rows × cols matrix drawn: all of it up to MAX_SHOWN positions per axis, else a window starting
 * at the chosen (1-based) position, moved back where it would run past the end. One start for both axes, so a
 * standard P shows queries and keys of the same stretch of text.
 */
export function shownWindow(rows: number, cols: number, windowStart: number): MatrixBlock {
  const rowCount = Math.min(rows, MAX_SHOWN);
  const colCount = Math.min(cols, MAX_SHOWN);
  const start = Math.max(0, Math.round(windowStart) - 1);
  return { rowStart: Math.min(start, rows - rowCount), rowCount, colStart: Math.min(start, cols - colCount), colCount };
}

/** Whether the matrix is larger than the view draws (then the window control is offered). */
export function needsWindow(result: Pick<HeadAttentionResult, 'rows' | 'cols'>): boolean {
  return result.rows > MAX_SHOWN || result.cols > MAX_SHOWN;
}

/** Whether the head is Linformer's n × k P̄, whose columns are compressed key positions, not tokens. */
export function isCompressed(result: Pick<HeadAttentionResult, 'config'>): boolean {
  return result.config.attention === 'linformer';
}

/** The axis labels of the drawn block: query tokens down; key tokens across, or compressed positions 1..k for P̄. */
export function axisLabels(result: HeadAttentionResult, block: MatrixBlock): { rowLabels: string[]; colLabels: string[] } {
  const rowLabels = Array.from({ length: block.rowCount }, (_, i) => visibleToken(result.tokens[block.rowStart + i]));
  const colLabels = Array.from({ length: block.colCount }, (_, j) =>
    isCompressed(result) ? String(block.colStart + j + 1) : visibleToken(result.tokens[block.colStart + j]),
  );
  return { rowLabels, colLabels };
}

/** The drawn block of a row-major matrix with `cols` columns, as the heatmap's rows of values. */
export function blockOf(data: ArrayLike<number>, cols: number, block: MatrixBlock): number[][] {
  return Array.from({ length: block.rowCount }, (_, i) =>
    Array.from({ length: block.colCount }, (_, j) => data[(block.rowStart + i) * cols + block.colStart + j]),
  );
}

export function heatmapData(values: number[][], labels: { rowLabels: string[]; colLabels: string[] }): HeatmapData {
  return { rowLabels: labels.rowLabels, colLabels: labels.colLabels, values };
}

/**
 * One colour range for P and P_r, from 0 to P's largest entry (anywhere in P, not only in the window), so equal
 * colours mean equal probabilities and a flat, freshly initialised head looks flat. P_r's few entries outside it
 * (it is not a probability matrix: it can dip below 0) take the end colours.
 */
export function colourDomain(data: ArrayLike<number>): [number, number] {
  let high = 0;
  for (let i = 0; i < data.length; i++) high = Math.max(high, data[i]);
  return [0, high > 0 ? high : 1];
}

/**
 * The relative size, next to σ₁, below which singular values are rounding noise of P's float32 entries: about
 * FLOAT32_ENTRY_ERROR·‖P‖_F (Weyl), with ‖P‖_F = √Σσ². The float64 SVD itself adds far less.
 */
export function float32Floor(sigma: Float64Array): number {
  if (sigma.length === 0 || !(sigma[0] > 0)) return 0;
  let squares = 0;
  for (let i = 0; i < sigma.length; i++) squares += (sigma[i] / sigma[0]) ** 2;
  return Math.min(1, FLOAT32_ENTRY_ERROR * Math.sqrt(squares));
}

export const SIGMA_SERIES_NAME = 'σᵢ / σ₁';
export const ERROR_SERIES_NAME = 'error of the best rank-i approximation';

/**
 * The spectrum chart on a log axis: σᵢ/σ₁ and the Eckart–Young error of the best rank-i approximation against i,
 * a dashed marker at the chosen r, and the float32 floor (dashed amber) when it lies inside the plotted range.
 * Zeros (the error at i = p, exact zero values) cannot sit on a log axis; the chart leaves them out.
 */
export function spectrumSeries(sigma: Float64Array, errors: Float64Array, rank: number): LineSeries[] {
  const p = sigma.length;
  if (p === 0 || !(sigma[0] > 0)) return [];
  const markers = p <= MAX_SHOWN;
  const ratios = Array.from(sigma, (s, i) => ({ x: i + 1, y: s / sigma[0] }));
  const rankErrors = Array.from({ length: p }, (_, i) => ({ x: i + 1, y: errors[i + 1] }));
  const positive = [...ratios, ...rankErrors].map((point) => point.y).filter((y) => y > 0);
  const bottom = Math.min(1, ...positive);
  const series: LineSeries[] = [
    { id: 'sigma', name: SIGMA_SERIES_NAME, colour: 'var(--series-1)', markers, points: ratios },
    { id: 'error', name: ERROR_SERIES_NAME, colour: 'var(--series-2)', markers, points: rankErrors },
    { id: 'rank-marker', name: `r = ${rank}`, colour: 'var(--fg)', dashed: true, points: [{ x: rank, y: bottom }, { x: rank, y: 1 }] },
  ];
  const floor = float32Floor(sigma);
  if (floor > bottom && p > 1) {
    series.push({
      id: 'float32-floor',
      name: 'float32 rounding floor',
      colour: 'var(--warn)',
      dashed: true,
      points: [{ x: 1, y: floor }, { x: p, y: floor }],
    });
  }
  return series;
}

/** One CSV row per drawn cell, with both positions (1-based) and their labels. */
export function matrixCsvRows(
  values: number[][],
  block: MatrixBlock,
  labels: { rowLabels: string[]; colLabels: string[] },
  compressed: boolean,
  valueName: string,
): Record<string, CsvValue>[] {
  return values.flatMap((row, i) =>
    row.map((value, j) => ({
      query_position: block.rowStart + i + 1,
      query_token: labels.rowLabels[i],
      [compressed ? 'compressed_key_position' : 'key_position']: block.colStart + j + 1,
      ...(compressed ? {} : { key_token: labels.colLabels[j] }),
      [valueName]: value,
    })),
  );
}

/** One CSV row per singular value: σᵢ, σᵢ/σ₁, the rank-i error, and whether i is the chosen r (1) or not (0). */
export function spectrumCsvRows(sigma: Float64Array, errors: Float64Array, rank: number): Record<string, CsvValue>[] {
  return Array.from(sigma, (value, i) => ({
    index: i + 1,
    sigma: value,
    sigma_over_sigma1: sigma[0] > 0 ? value / sigma[0] : 0,
    rank_i_relative_error: errors[i + 1],
    chosen_rank: i + 1 === rank ? 1 : 0,
  }));
}

/** "initialised standard, layer 1 · head 2, sequence 3 of 8 (moby-dick, characters)": what the head on show is. */
export function describeHead(result: HeadAttentionResult): string {
  const kind = isCompressed(result) ? `linformer (k = ${result.config.kPerLayer[result.layer]})` : 'standard';
  const tokens = result.tokenizer === 'bpe512' ? 'BPE subwords' : 'characters';
  return `${result.source} ${kind}, layer ${result.layer + 1} · head ${result.head + 1}, sequence ${result.sequence + 1} of ${result.samples} (${result.corpus}, ${tokens})`;
}

/** An error as the read-out prints it: "0" when exact, three significant digits otherwise. */
export function formatError(error: number): string {
  if (error === 0) return '0';
  return error < 1e-3 ? error.toExponential(2) : error.toPrecision(3);
}

/** The share of Σσ held by the top r values (the cumulative curve of the figures above, for this one matrix). */
export function topShare(sigma: Float64Array, rank: number): number {
  let head = 0;
  let total = 0;
  sigma.forEach((s, i) => {
    total += s;
    if (i < rank) head += s;
  });
  return total > 0 ? head / total : 0;
}
