/**
 * The points of an efficiency sweep: for each sequence length n, the standard model, then Linformer at
 * each projected length k ≤ n (larger k would not compress). Lengths are sorted and deduplicated so a
 * sweep always grows, and the smallest (cheapest, most likely to fit) points run first.
 */
import type { AttentionKind, ModelConfig, ProjectionKind, Sharing } from '../model/config';

export interface SweepPoint {
  n: number;
  /** null for standard attention. */
  k: number | null;
  attention: AttentionKind;
}

/** The model shape a sweep varies n and k over. */
export interface SweepShape {
  layers: number;
  heads: number;
  dModel: number;
  dFF: number;
  vocabSize: number;
  sharing: Sharing;
  projection: ProjectionKind;
}

export function planSweep(ns: readonly number[], ks: readonly number[]): SweepPoint[] {
  const sorted = (values: readonly number[]) => [...new Set(values)].sort((a, b) => a - b);
  const points: SweepPoint[] = [];
  for (const n of sorted(ns)) {
    points.push({ n, k: null, attention: 'standard' });
    for (const k of sorted(ks)) if (k <= n) points.push({ n, k, attention: 'linformer' });
  }
  return points;
}

/** The encoder config of one point: every layer has the same k, dropout off, a fixed seed. */
export function sweepPointConfig(shape: SweepShape, point: SweepPoint): ModelConfig {
  return {
    layers: shape.layers,
    heads: shape.heads,
    dModel: shape.dModel,
    dFF: shape.dFF,
    seqLen: point.n,
    vocabSize: shape.vocabSize,
    dropout: 0,
    attention: point.attention,
    sharing: shape.sharing,
    projection: shape.projection,
    // Standard attention ignores k; it still needs a valid list, and k = n is always valid.
    kPerLayer: Array.from({ length: shape.layers }, () => point.k ?? point.n),
    seed: 1,
  };
}

/** "standard n = 512" or "Linformer n = 512, k = 64". */
export function describeSweepPoint(point: SweepPoint): string {
  return point.k === null ? `standard n = ${point.n}` : `Linformer n = ${point.n}, k = ${point.k}`;
}
