import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../backend/testing/nodeBackends';
import { buildCharTokenizer } from '../data';
import { readMobyDick } from '../data/testing/realCorpora';
import type { ParityTrajectory } from './backendParity';
import { parityRow, runParityCheck, PARITY_TEXT_CHARACTERS, type ParityProgress } from './parityCheck';

function trajectory(losses: number[], gradNorms: number[], clippedSteps = 0): ParityTrajectory {
  return { backend: 'test', attention: 'linformer', losses, gradNorms, clippedSteps };
}

describe('parityRow', () => {
  const reference = trajectory([4, 3, 2], [1, 2, 0.5], 2);

  it('passes identical trajectories with zero gaps and keeps both sides', () => {
    const row = parityRow(trajectory([4, 3, 2], [1, 2, 0.5], 2), reference);
    expect(row).toMatchObject({
      attention: 'linformer',
      maxLossGap: 0,
      maxNormGap: 0,
      clippedSteps: 2,
      referenceClippedSteps: 2,
      steps: 3,
      pass: true,
    });
    expect(row.referenceLosses).toEqual([4, 3, 2]);
    expect(row.referenceGradNorms).toEqual([1, 2, 0.5]);
  });

  it('takes the largest relative gap and passes exactly at the tolerance', () => {
    const row = parityRow(trajectory([4, 3, 2.002], [1.01, 2, 0.5]), reference);
    expect(row.maxLossGap).toBeCloseTo(1e-3, 12);
    expect(row.maxNormGap).toBeCloseTo(1e-2, 12);
    // 2.002/2 − 1 and 1.01 − 1 round a hair either side of the tolerance: judge gaps just past it instead.
    expect(parityRow(trajectory([4, 3, 2.0021], [1, 2, 0.5]), reference).pass).toBe(false);
    expect(parityRow(trajectory([4, 3, 2], [1.0101, 2, 0.5]), reference).pass).toBe(false);
    expect(parityRow(trajectory([4, 3, 2.0019], [1.0099, 2, 0.5]), reference).pass).toBe(true);
  });

  it('fails a non-finite loss or norm on either side', () => {
    expect(parityRow(trajectory([4, NaN, 2], [1, 2, 0.5]), reference).pass).toBe(false);
    expect(parityRow(trajectory([4, 3, 2], [1, Infinity, 0.5]), reference).pass).toBe(false);
    expect(parityRow(trajectory([4, 3, 2], [1, 2, 0.5]), trajectory([4, NaN, 2], [1, 2, 0.5])).pass).toBe(false);
  });

  it('refuses trajectories of different lengths', () => {
    expect(() => parityRow(trajectory([4, 3], [1, 2]), reference)).toThrow(/2 and 3 steps/);
  });
});

describe('runParityCheck on the cpu backend', () => {
  const text = readMobyDick().slice(0, PARITY_TEXT_CHARACTERS);
  const tokenizer = buildCharTokenizer(text);
  const ids = tokenizer.encode(text);

  beforeAll(() => startNodeBackend('cpu'));

  it('trains candidate then reference, reports every step, compares and frees every tensor', async () => {
    const switched: string[] = [];
    const progress: ParityProgress[] = [];
    const tensorsBefore = tf.memory().numTensors;
    const result = await runParityCheck({
      candidate: 'cpu',
      useBackend: async (name) => {
        switched.push(name);
        await tf.setBackend(name);
      },
      ids,
      tokenizer,
      steps: 3,
      onProgress: (p) => progress.push(p),
    });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(switched).toEqual(['cpu', 'cpu']);
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === 12 && p.steps === 3)).toBe(true);
    expect(progress.map((p) => `${p.attention}:${p.step}`).slice(0, 6)).toEqual([
      'standard:1',
      'standard:2',
      'standard:3',
      'linformer:1',
      'linformer:2',
      'linformer:3',
    ]);
    expect(result).toMatchObject({ backend: 'cpu', reference: 'cpu', steps: 3, pass: true, backendErrors: [] });
    expect(result.tolerance).toEqual({ loss: 1e-3, gradNorm: 1e-2 });
    expect(result.rows.map((row) => row.attention)).toEqual(['standard', 'linformer']);
    for (const row of result.rows) {
      // The same backend twice repeats the seeded run exactly, clipping included.
      expect(row).toMatchObject({ maxLossGap: 0, maxNormGap: 0, steps: 3, pass: true });
      expect(row.clippedSteps).toBe(row.referenceClippedSteps);
      expect(row.losses.every(Number.isFinite)).toBe(true);
    }
    expect(result.seconds).toBeGreaterThan(0);
  });

  it('fails the check when the backend reported errors, though the numbers agree', async () => {
    const result = await runParityCheck({
      candidate: 'cpu',
      useBackend: async (name) => void (await tf.setBackend(name)),
      ids,
      tokenizer,
      steps: 1,
      backendErrors: () => ['Invalid ComputePipeline "AddN"'],
    });
    expect(result.rows.every((row) => row.pass)).toBe(true);
    expect(result.backendErrors).toEqual(['Invalid ComputePipeline "AddN"']);
    expect(result.pass).toBe(false);
  });

  it('refuses to compare when the requested backend did not become active', async () => {
    await expect(
      runParityCheck({ candidate: 'webgl', useBackend: async () => {}, ids, tokenizer, steps: 1 }),
    ).rejects.toThrow('asked for the webgl backend but tfjs is on cpu');
  });
});
