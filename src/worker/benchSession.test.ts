import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyBenchRequest } from './testing/tinyBenchRequest';
import { cancelBenchmark, runBenchmark, timeCostliestPoint } from './benchSession';
import type { BenchmarkEvents, BenchProgress, BenchRow, BenchSkip } from './benchTypes';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const request = tinyBenchRequest;

function recorder() {
  const rows: BenchRow[] = [];
  const skipped: BenchSkip[] = [];
  const progress: BenchProgress[] = [];
  const events: BenchmarkEvents = {
    row: (row) => rows.push(row),
    skipped: (skip) => skipped.push(skip),
    progress: (p) => progress.push(p),
  };
  return { rows, skipped, progress, events };
}

describe('runBenchmark on the cpu backend', () => {
  it('streams a row per point, standard and Linformer, with progress to the end', async () => {
    const before = tf.memory().numTensors;
    const { rows, progress, events } = recorder();
    const outcome = await runBenchmark(request(), events);
    expect(outcome.status).toBe('finished');
    expect(rows.map((r) => [r.n, r.k, r.attention])).toEqual([
      [16, null, 'standard'],
      [16, 8, 'linformer'],
      [32, null, 'standard'],
      [32, 8, 'linformer'],
    ]);
    expect(outcome.rows).toEqual(rows);
    expect(rows.every((r) => r.backend === 'cpu' && r.msMedian > 0 && r.trainMsMedian === null)).toBe(true);
    expect(progress.at(-1)).toEqual({ done: 4, total: 4, current: null });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('skips a point over the memory budget with the reason, and measures the rest', async () => {
    const { rows, skipped, events } = recorder();
    // The n = 32 points need more than the n = 16 ones; a budget between them skips only n = 32.
    const outcome = await runBenchmark(request({ budgetBytes: 110_000 }), events);
    expect(outcome.status).toBe('finished');
    expect(rows.map((r) => r.n)).toEqual([16, 16]);
    expect(skipped.map((s) => [s.n, s.attention])).toEqual([
      [32, 'standard'],
      [32, 'linformer'],
    ]);
    expect(skipped[0].reason).toMatch(/^skipped: a training step needs about .* the memory budget is 107 KiB$/);
  });

  it('stops on cancel and keeps the rows measured so far', async () => {
    const { events } = recorder();
    let seen = 0;
    const outcome = await runBenchmark(request({ ns: [16, 32, 64] }), {
      ...events,
      row: () => {
        seen += 1;
        if (seen === 2) cancelBenchmark();
      },
    });
    expect(outcome.status).toBe('cancelled');
    expect(outcome.rows).toHaveLength(2);
  });
});

describe('timeCostliestPoint on the cpu backend', () => {
  it('times the fitting point with the most FLOPs once, counts the points the sweep will run, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const timing = await timeCostliestPoint(request({ training: true }));
    expect(timing.points).toBe(4);
    expect(timing.point).toBe('standard n = 32');
    expect(timing.forwardMs).toBeGreaterThan(0);
    expect(timing.trainStepMs).toBeGreaterThan(0);
    expect(timing.backend).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves out the points over the memory budget, as the sweep skips them', async () => {
    // The budget that the sweep test above uses to skip n = 32: only the two n = 16 points remain.
    const timing = await timeCostliestPoint(request({ budgetBytes: 110_000 }));
    expect(timing.points).toBe(2);
    expect(timing.point).toBe('standard n = 16');
    expect(timing.trainStepMs).toBeNull();
  });

  it('says when no point fits, without timing anything', async () => {
    const timing = await timeCostliestPoint(request({ budgetBytes: 1 }));
    expect(timing).toMatchObject({ points: 0, point: null, trainStepMs: null });
  });
});
