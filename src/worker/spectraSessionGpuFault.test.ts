import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tinyCorpus } from './testing/tinyCorpus';
import { tinyConfig } from '../lib/model/testConfigs';
import { recordGpuFault, resetGpuFaultForTest } from './gpuFault';
import type { SpectraProgress, SpectraRequest } from './spectraTypes';

const corpus = tinyCorpus;
vi.mock('./corpusCache', () => ({ prepareCorpus: async () => corpus }));
// Node has no module workers: a pool of none decomposes in this thread, as in a browser that cannot nest workers.
vi.mock('./svdPool', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./svdPool')>();
  return { ...actual, defaultPoolSize: () => 0 };
});
// The fault arrives while a forward pass is reading attention back, as a device loss does mid-kernel; the pass
// itself still returns (on a real lost device its numbers would be stale).
let faultDuringForward: Parameters<typeof recordGpuFault> | null = null;
vi.mock('../lib/spectra', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/spectra')>();
  return {
    ...actual,
    collectAttentionMatrices: async (...args: Parameters<typeof actual.collectAttentionMatrices>) => {
      const matrices = await actual.collectAttentionMatrices(...args);
      if (faultDuringForward) recordGpuFault(...faultDuringForward);
      return matrices;
    },
  };
});
vi.stubGlobal('self', { navigator: {} });

const { computeSpectra, timeSpectra } = await import('./spectraSession');

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  faultDuringForward = null;
  resetGpuFaultForTest();
});

const request: SpectraRequest = {
  source: 'initialised',
  corpus: 'moby-dick',
  model: tinyConfig({ seqLen: 16, seed: 7 }),
  samples: 4,
};

describe('an attention-spectrum analysis meeting a GPU fault', () => {
  it('rejects with the fault’s message instead of returning spectra read back on the faulted device', async () => {
    // The reference: without a fault the same analysis returns every matrix's spectrum.
    const healthy = await computeSpectra(request, { progress: () => {} });
    expect(healthy?.spectra).toHaveLength(4 * 2 * 2);

    const before = tf.memory().numTensors;
    const progress: SpectraProgress[] = [];
    faultDuringForward = ['device-lost', 'Device was destroyed.'];
    await expect(computeSpectra(request, { progress: (p) => progress.push(p) })).rejects.toThrow(
      'The GPU device was lost (Device was destroyed). Results measured before it are kept.',
    );
    // Stopped at the batch the fault hit: no SVD ran on its matrices and the page never heard "done".
    expect(progress.map((p) => p.stage)).not.toContain('done');
    expect(progress.every((p) => p.matricesDone === 0)).toBe(true);
    // The fresh model was disposed on the way out, and the lock released: the next job is refused for the fault,
    // not for "already running".
    expect(tf.memory().numTensors).toBe(before);
    await expect(computeSpectra(request, { progress: () => {} })).rejects.toThrow('The GPU device was lost');
  });

  it('rejects the time estimate with the fault’s message when the fault comes while a forward is timed', async () => {
    const healthy = await timeSpectra(request);
    expect(healthy.forwardMs).toBeGreaterThanOrEqual(0);

    faultDuringForward = ['gpu-error', 'Invalid ComputePipeline "BatchMatMul"'];
    await expect(timeSpectra(request)).rejects.toThrow('The GPU rejected work (Invalid ComputePipeline "BatchMatMul")');
  });
});
