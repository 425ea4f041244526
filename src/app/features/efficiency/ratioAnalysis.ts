/**
 * Turns benchmark rows into what the efficiency figures show: measured ratios per (n, k), the theory for
 * the same model, a throughput fit that puts FLOPs on the time axis, and — where a measured ratio falls
 * short of theory — how large the gap is and what most likely causes it. Pure functions of plain data.
 */
import { encoderCost } from '../../../lib/efficiency/costModel';
import { theoreticalRatios } from '../../../lib/efficiency/ratios';
import { sweepPointConfig, type SweepShape } from '../../../lib/efficiency/sweepPlan';
import type { BenchRow, BenchShape } from '../../../worker/benchTypes';

// The figures' model shape is the one the bench rows carry; re-exported for the lab's components.
export type { BenchShape };

/** The share of the theoretical ratio a measurement should reach (the target). */
export const TARGET_FRACTION = 0.8;

export function shapeOf(
  row: BenchRow,
  sharing: SweepShape['sharing'],
  projection: SweepShape['projection'],
): BenchShape {
  const { layers, heads, dModel, dFF, vocabSize, batch } = row;
  return { layers, heads, dModel, dFF, vocabSize, batch, sharing, projection };
}

export interface RatioCell {
  n: number;
  k: number;
  /** Standard forward time / Linformer forward time (medians). */
  speedup: number;
  /** Standard forward peak / Linformer forward peak (bytes above what was live before). */
  memorySaving: number;
  /** Training-step ratio, when both were measured. */
  trainSpeedup: number | null;
  theorySpeedup: number;
  theoryMemorySaving: number;
}

function standardAt(rows: readonly BenchRow[], n: number): BenchRow | undefined {
  return rows.find((row) => row.attention === 'standard' && row.n === n);
}

/** Every (n, k) with both a standard and a Linformer row, with its measured and theoretical ratios. */
export function ratioCells(rows: readonly BenchRow[], shape: BenchShape): RatioCell[] {
  const cells: RatioCell[] = [];
  for (const row of rows) {
    if (row.attention !== 'linformer' || row.k === null) continue;
    const standard = standardAt(rows, row.n);
    if (!standard) continue;
    const theory = theoreticalRatios(
      sweepPointConfig(shape, { n: row.n, k: row.k, attention: 'linformer' }),
      shape.batch,
    );
    cells.push({
      n: row.n,
      k: row.k,
      speedup: standard.msMedian / row.msMedian,
      memorySaving: standard.forwardPeakBytes / row.forwardPeakBytes,
      trainSpeedup:
        standard.trainMsMedian !== null && row.trainMsMedian !== null
          ? standard.trainMsMedian / row.trainMsMedian
          : null,
      theorySpeedup: theory.speedup,
      theoryMemorySaving: theory.forwardMemorySaving,
    });
  }
  return cells.sort((a, b) => a.n - b.n || a.k - b.k);
}

/** Forward FLOPs of a row's model. */
export function rowFlops(row: Pick<BenchRow, 'n' | 'k' | 'attention'>, shape: BenchShape): number {
  return encoderCost(sweepPointConfig(shape, row), shape.batch).flops.total;
}

/**
 * A straight-line fit ms = overheadMs + msPerFlop · FLOPs over the rows (least squares, overhead clamped
 * at 0). The overhead is what every forward pays whatever its size: kernel launches, the read-back.
 */
export function fitTimeModel(
  rows: readonly BenchRow[],
  shape: BenchShape,
): { overheadMs: number; msPerFlop: number } | null {
  if (rows.length === 0) return null;
  const xs = rows.map((row) => rowFlops(row, shape));
  const ys = rows.map((row) => row.msMedian);
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxx = 0;
  let sxy = 0;
  xs.forEach((x, i) => {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (ys[i] - meanY);
  });
  let msPerFlop = sxx > 0 ? sxy / sxx : meanY / meanX;
  let overheadMs = meanY - msPerFlop * meanX;
  if (overheadMs < 0 || msPerFlop <= 0) {
    // Through the origin instead: time proportional to FLOPs.
    overheadMs = 0;
    msPerFlop = xs.reduce((s, x, i) => s + x * ys[i], 0) / xs.reduce((s, x) => s + x * x, 0);
  }
  return { overheadMs, msPerFlop };
}

export interface GapNote {
  n: number;
  k: number;
  kind: 'speed-up' | 'memory saving';
  measured: number;
  theory: number;
  /** measured / theory. */
  fraction: number;
  cause: string;
}

/** Where, at the largest n with a pair, a measured ratio is below TARGET_FRACTION of its theory. */
export function gapNotes(rows: readonly BenchRow[], shape: BenchShape): GapNote[] {
  const cells = ratioCells(rows, shape);
  if (cells.length === 0) return [];
  const largest = Math.max(...cells.map((cell) => cell.n));
  const fit = fitTimeModel(rows, shape);
  const backend = rows[0].backend;
  const adapter = rows[0].adapter.toLowerCase();
  const notes: GapNote[] = [];
  for (const cell of cells.filter((c) => c.n === largest)) {
    if (cell.speedup < TARGET_FRACTION * cell.theorySpeedup) {
      notes.push({
        n: cell.n,
        k: cell.k,
        kind: 'speed-up',
        measured: cell.speedup,
        theory: cell.theorySpeedup,
        fraction: cell.speedup / cell.theorySpeedup,
        cause: speedCause(cell, rows, fit, backend, adapter),
      });
    }
    if (cell.memorySaving < TARGET_FRACTION * cell.theoryMemorySaving) {
      notes.push({
        n: cell.n,
        k: cell.k,
        kind: 'memory saving',
        measured: cell.memorySaving,
        theory: cell.theoryMemorySaving,
        fraction: cell.memorySaving / cell.theoryMemorySaving,
        cause:
          'tf.profile counts whole tensors at kernel boundaries: a kernel that allocates its output before freeing ' +
          'inputs, or an intermediate the cost model does not list, adds to both models and narrows the ratio.',
      });
    }
  }
  return notes;
}

function speedCause(
  cell: RatioCell,
  rows: readonly BenchRow[],
  fit: { overheadMs: number; msPerFlop: number } | null,
  backend: string,
  adapter: string,
): string {
  const linformer = rows.find((row) => row.attention === 'linformer' && row.n === cell.n && row.k === cell.k);
  if (fit && linformer && fit.overheadMs > 0.25 * linformer.msMedian) {
    const share = Math.round((100 * fit.overheadMs) / linformer.msMedian);
    return (
      `a fixed cost of about ${fit.overheadMs.toPrecision(2)} ms per forward (kernel launches, the read-back) is ` +
      `${share}% of Linformer's time here; it does not shrink with attention, so it caps the speed-up. Larger n ` +
      'or batch moves the ratio towards theory.'
    );
  }
  if (backend !== 'webgpu') {
    return `the ${backend} backend does not run every kernel at a throughput proportional to its FLOPs; WebGPU timings follow the count more closely.`;
  }
  if (adapter.includes('swiftshader') || adapter.includes('google')) {
    return 'SwiftShader runs the shaders on the CPU: memory-bound kernels (softmax, masking, transposes) cost far more per FLOP than matrix products, so time does not follow the FLOP count.';
  }
  return 'time does not follow FLOPs: the softmax, masking and transposes are memory-bound, and small matrix products leave the GPU under-used.';
}
