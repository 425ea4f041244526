/**
 * From the singular values of many attention matrices (one per layer, head and sampled sequence) to one
 * summary per head, as in the paper's Figure 1: the normalised cumulative curve averaged over sequences,
 * its value at index k, the best rank-k error, an effective rank, and how far the tail can be trusted.
 */
import { effectiveRank, meaningfulTailIndex, normalizedCumulative, rankKRelativeError } from '../numerics/spectrumMetrics';

/** The singular values of one attention matrix, descending (as `singularValues` returns them). */
export interface MatrixSpectrum {
  layer: number;
  head: number;
  sequence: number;
  rows: number;
  cols: number;
  sigma: Float64Array;
}

/** Which steps that produced a spectrum ran in float32; each one limits how small a value means anything. */
export interface SpectrumPrecision {
  /** The attention probabilities themselves (float32 in tfjs on every backend). */
  entries: 'float32' | 'float64';
  /** The Gram product P·Pᵀ (float32 when formed on the GPU). */
  gram: 'float32' | 'float64';
}

export const FLOAT32_PIPELINE: SpectrumPrecision = { entries: 'float32', gram: 'float64' };

/**
 * Relative size of the rounding error in float32 attention probabilities: each is exp(s − max) / Σ after
 * float32 logits, a handful of roundings of 2⁻²⁴ each. An order-of-magnitude bound, not a proof: by Weyl's
 * inequality every σᵢ can move by up to ‖ΔP‖₂ ≤ ‖ΔP‖_F ≈ this × ‖P‖_F.
 */
export const FLOAT32_ENTRY_ERROR = 16 * 2 ** -24;
/** Values below this × σ₁ are noise when P·Pᵀ was formed in float32 (see numerics/README.md). */
export const FLOAT32_GRAM_FLOOR = 3e-4;
/** The float64 Gram route's own absolute accuracy for small values, relative to σ₁ (√ε). */
export const FLOAT64_GRAM_FLOOR = 2 ** -26;

/** The relative floor (a fraction of σ₁) below which values of `sigma` are rounding noise. */
export function relativeNoiseFloor(sigma: Float64Array, precision: SpectrumPrecision): number {
  if (sigma.length === 0 || sigma[0] === 0) return 0;
  let floor = precision.gram === 'float32' ? FLOAT32_GRAM_FLOOR : FLOAT64_GRAM_FLOOR;
  if (precision.entries === 'float32') {
    let squares = 0;
    for (let i = 0; i < sigma.length; i++) squares += (sigma[i] / sigma[0]) ** 2;
    // ‖P‖_F / σ₁ = √(Σ (σᵢ/σ₁)²), so the floor is FLOAT32_ENTRY_ERROR·‖P‖_F expressed relative to σ₁.
    floor = Math.max(floor, FLOAT32_ENTRY_ERROR * Math.sqrt(squares));
  }
  return Math.min(1, floor);
}

export interface HeadSummary {
  layer: number;
  head: number;
  /** How many sequences (matrices) were averaged. */
  sequences: number;
  /**
   * Index j − 1 holds the mean over sequences of Σ_{i≤j} σᵢ / Σ σᵢ. A matrix with fewer values contributes
   * 1 beyond its last one (its remaining singular values are zero), so lengths may differ.
   */
  meanCumulative: Float64Array;
  /** meanCumulative at index k (1-based: the share of the top k values); 1 when k ≥ the curve's length. */
  cumulativeAtK: number;
  /** Mean over sequences of the best rank-k relative error ‖P − P_k‖_F / ‖P‖_F (Eckart–Young). */
  rankKError: number;
  /** Mean over sequences of the entropy effective rank. */
  effectiveRank: number;
  /**
   * The smallest, over sequences, of the number of leading values above the rounding floor: from this index
   * (0-based) on, at least one sampled matrix's values are noise. Equals the curve length when none are.
   */
  meaningfulTail: number;
}

/** The value of a cumulative curve at 1-based index k (k past the end reads the last entry, 1). */
export function cumulativeAt(curve: Float64Array, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a whole number ≥ 1 (got ${k}).`);
  if (curve.length === 0) return NaN;
  return curve[Math.min(k, curve.length) - 1];
}

/** The mean normalised cumulative curve of several spectra (see HeadSummary.meanCumulative). */
export function meanCumulativeCurve(spectra: readonly Float64Array[]): Float64Array {
  const length = Math.max(0, ...spectra.map((sigma) => sigma.length));
  const mean = new Float64Array(length);
  if (spectra.length === 0) return mean;
  for (const sigma of spectra) {
    const curve = normalizedCumulative(sigma);
    // An all-zero spectrum stays at 0 everywhere (no mass); any other reaches and stays at 1.
    const tail = curve.length > 0 ? curve[curve.length - 1] : 0;
    for (let j = 0; j < length; j++) mean[j] += j < curve.length ? curve[j] : tail;
  }
  for (let j = 0; j < length; j++) mean[j] /= spectra.length;
  return mean;
}

/** One head's summary from the spectra of its sampled matrices. */
export function summarizeHead(
  layer: number,
  head: number,
  spectra: readonly Float64Array[],
  k: number,
  precision: SpectrumPrecision = FLOAT32_PIPELINE,
): HeadSummary {
  if (spectra.length === 0) throw new Error(`Layer ${layer + 1}, head ${head + 1} has no spectra to summarise.`);
  const meanCumulative = meanCumulativeCurve(spectra);
  let error = 0;
  let rank = 0;
  let tail = meanCumulative.length;
  for (const sigma of spectra) {
    error += rankKRelativeError(sigma, k);
    rank += effectiveRank(sigma);
    tail = Math.min(tail, meaningfulTailIndex(sigma, relativeNoiseFloor(sigma, precision)));
  }
  return {
    layer,
    head,
    sequences: spectra.length,
    meanCumulative,
    cumulativeAtK: cumulativeAt(meanCumulative, k),
    rankKError: error / spectra.length,
    effectiveRank: rank / spectra.length,
    meaningfulTail: tail,
  };
}

/** Summaries of every head present in `spectra`, ordered by layer, then head. */
export function summarizeSpectra(
  spectra: readonly MatrixSpectrum[],
  k: number,
  precision: SpectrumPrecision = FLOAT32_PIPELINE,
): HeadSummary[] {
  const byHead = new Map<string, { layer: number; head: number; sigmas: Float64Array[] }>();
  for (const spectrum of spectra) {
    const key = `${spectrum.layer}:${spectrum.head}`;
    let group = byHead.get(key);
    if (!group) {
      group = { layer: spectrum.layer, head: spectrum.head, sigmas: [] };
      byHead.set(key, group);
    }
    group.sigmas.push(spectrum.sigma);
  }
  return [...byHead.values()]
    .sort((a, b) => a.layer - b.layer || a.head - b.head)
    .map((group) => summarizeHead(group.layer, group.head, group.sigmas, k, precision));
}

/** A layers × heads grid of cumulativeAtK (null where a head is missing), for the heatmap. */
export function cumulativeAtKGrid(summaries: readonly HeadSummary[], layers: number, heads: number): (number | null)[][] {
  const grid: (number | null)[][] = Array.from({ length: layers }, () => Array.from({ length: heads }, () => null));
  for (const summary of summaries) {
    if (summary.layer < layers && summary.head < heads) grid[summary.layer][summary.head] = summary.cumulativeAtK;
  }
  return grid;
}
