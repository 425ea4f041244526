import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tinyCorpus } from './testing/tinyCorpus';
import { tinyConfig } from '../lib/model/testConfigs';
import { recordGpuFault, resetGpuFaultForTest } from './gpuFault';
import type { HeadAttentionRequest } from './headTypes';

const corpus = tinyCorpus;
vi.mock('./corpusCache', () => ({ prepareCorpus: async () => corpus }));
// The fault arrives while the forward pass is reading attention back, as a device loss does mid-kernel; the pass
// itself still returns (on a real lost device its numbers would be stale).
let faultDuringForward = false;
vi.mock('../lib/spectra/attentionMatrices', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/spectra/attentionMatrices')>();
  return {
    ...actual,
    collectAttentionMatrices: async (...args: Parameters<typeof actual.collectAttentionMatrices>) => {
      const matrices = await actual.collectAttentionMatrices(...args);
      if (faultDuringForward) recordGpuFault('device-lost', 'Device was destroyed.');
      return matrices;
    },
  };
});

const { headAttention } = await import('./headSession');

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  faultDuringForward = false;
  resetGpuFaultForTest();
});

const request: HeadAttentionRequest = {
  source: 'initialised',
  corpus: 'moby-dick',
  model: tinyConfig({ seqLen: 16, seed: 7 }),
  samples: 5,
  sequence: 3,
  layer: 1,
  head: 0,
};

describe('the head view meeting a GPU fault', () => {
  it('rejects with the fault’s message instead of returning a matrix read back on the faulted device', async () => {
    // The reference: without a fault the same request returns the head's 16 × 16 matrix.
    expect(await headAttention(request)).toMatchObject({ rows: 16, cols: 16 });

    const before = tf.memory().numTensors;
    faultDuringForward = true;
    await expect(headAttention(request)).rejects.toThrow(
      'The GPU device was lost (Device was destroyed). Results measured before it are kept.',
    );
    // The fresh model was disposed on the way out, and the next request is refused with the same message.
    expect(tf.memory().numTensors).toBe(before);
    faultDuringForward = false;
    await expect(headAttention(request)).rejects.toThrow('The GPU device was lost (Device was destroyed).');
  });
});
