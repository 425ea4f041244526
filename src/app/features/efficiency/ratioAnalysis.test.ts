import { describe, expect, it } from 'vitest';
import { encoderCost, sweepPointConfig, theoreticalRatios } from '../../../lib/efficiency';
import type { BenchRow } from '../../../worker/benchTypes';
import { fitTimeModel, gapNotes, ratioCells, rowFlops, type BenchShape } from './ratioAnalysis';

const shape: BenchShape = {
  layers: 1,
  heads: 2,
  dModel: 32,
  dFF: 64,
  vocabSize: 80,
  sharing: 'none',
  projection: 'linear',
  batch: 2,
};

/** A row whose time is overhead + FLOPs · msPerFlop and whose memory is the cost model's, scaled by `memoryScale`. */
function row(n: number, k: number | null, overheadMs: number, msPerFlop: number, memoryScale = 1): BenchRow {
  const point = { n, k, attention: k === null ? ('standard' as const) : ('linformer' as const) };
  const cost = encoderCost(sweepPointConfig(shape, point), shape.batch);
  const ms = overheadMs + msPerFlop * cost.flops.total;
  return {
    ...point,
    msMedian: ms,
    msMin: ms,
    msMax: ms,
    msQ1: ms,
    msQ3: ms,
    trainMsMedian: 3 * ms,
    trainMsMin: 3 * ms,
    trainMsMax: 3 * ms,
    peakBytes: cost.forwardPeakBytes * memoryScale + 1000,
    forwardPeakBytes: cost.forwardPeakBytes * memoryScale,
    trainPeakBytes: null,
    poolBytes: 0,
    backend: 'webgpu',
    adapter: 'test adapter',
    layers: shape.layers,
    heads: shape.heads,
    dModel: shape.dModel,
    dFF: shape.dFF,
    batch: shape.batch,
    vocabSize: shape.vocabSize,
    sharing: shape.sharing,
    projection: shape.projection,
  };
}

const sweep = (overheadMs: number) => [
  row(256, null, overheadMs, 1e-6),
  row(256, 32, overheadMs, 1e-6),
  row(1024, null, overheadMs, 1e-6),
  row(1024, 32, overheadMs, 1e-6),
];

describe('ratioCells', () => {
  it('pairs each Linformer row with the standard row at its n, beside the theory', () => {
    const cells = ratioCells(sweep(0), shape);
    expect(cells.map((c) => [c.n, c.k])).toEqual([
      [256, 32],
      [1024, 32],
    ]);
    const theory = theoreticalRatios(sweepPointConfig(shape, { n: 1024, k: 32, attention: 'linformer' }), 2);
    // Time exactly proportional to FLOPs and memory exactly the model's: measured equals theory.
    expect(cells[1].speedup).toBeCloseTo(theory.speedup, 10);
    expect(cells[1].memorySaving).toBeCloseTo(theory.forwardMemorySaving, 10);
    expect(cells[1].trainSpeedup).toBeCloseTo(theory.speedup, 10);
  });
});

describe('fitTimeModel', () => {
  it('recovers the overhead and time per FLOP of exactly linear rows', () => {
    const fit = fitTimeModel(sweep(5), shape);
    expect(fit?.overheadMs).toBeCloseTo(5, 6);
    expect(fit?.msPerFlop).toBeCloseTo(1e-6, 12);
    expect(rowFlops({ n: 256, k: null, attention: 'standard' }, shape)).toBeGreaterThan(0);
  });
});

describe('gapNotes', () => {
  it('says nothing when measurement matches theory', () => {
    expect(gapNotes(sweep(0), shape)).toEqual([]);
  });

  it('blames a fixed overhead when one dominates Linformer’s time', () => {
    const notes = gapNotes(sweep(1e4), shape);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ n: 1024, k: 32, kind: 'speed-up' });
    expect(notes[0].fraction).toBeLessThan(0.8);
    expect(notes[0].cause).toMatch(/fixed cost of about 1\.0e\+4 ms per forward/);
  });

  it('reports a memory gap when Linformer uses more than modelled', () => {
    const rows = sweep(0);
    rows[3] = row(1024, 32, 0, 1e-6, 3);
    const notes = gapNotes(rows, shape);
    expect(notes.map((n) => n.kind)).toEqual(['memory saving']);
    expect(notes[0].fraction).toBeCloseTo(1 / 3, 10);
  });
});
