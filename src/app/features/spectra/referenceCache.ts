/**
 * The reference curves of the cumulative figure, computed on the page (plain JavaScript, no tfjs) once per matrix
 * shape and kept: snapshots of one shape, and every redraw of them, share one computation.
 */
import {
  REFERENCE_SEED,
  referenceCurves,
  referenceDraws,
  type ReferenceCurves,
} from '../../../lib/spectra/referenceSpectra';

/** Shapes kept: the few a page session compares (each holds two curves of at most 512 values). */
const KEPT = 8;
const cache = new Map<string, ReferenceCurves>();

/** The reference curves for a rows × cols attention matrix, or null when it is too large to compute here. */
export function cachedReferenceCurves(rows: number, cols: number): ReferenceCurves | null {
  const draws = referenceDraws(rows, cols);
  if (draws === 0) return null;
  const key = `${rows}x${cols}`;
  let curves = cache.get(key);
  if (!curves) {
    curves = referenceCurves(rows, cols, { seed: REFERENCE_SEED, draws });
    if (cache.size >= KEPT) cache.delete(cache.keys().next().value as string);
    cache.set(key, curves);
  }
  return curves;
}
