import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tinyCorpus } from './testing/tinyCorpus';
import type { TrainingRunSpec } from '../lib/experiments/runSpec';
import { tinyConfig } from '../lib/model/testConfigs';
import { recordGpuFault, resetGpuFaultForTest } from './gpuFault';

const corpus = tinyCorpus;
vi.mock('./corpusCache', () => ({ prepareCorpus: async () => corpus }));
// A fault the GPU raises while the timed trainer works: recorded as its step `faultAfterStep` (1-based) or its
// validation pass finishes, as a device-loss event would arrive while the work's read-back was in flight.
let faultAfterStep: number | null = null;
let faultDuringValidation = false;
vi.mock('../lib/experiments/prepareTrainingRun', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/experiments/prepareTrainingRun')>();
  return {
    ...actual,
    prepareTrainingRun: (...args: Parameters<typeof actual.prepareTrainingRun>) => {
      const run = actual.prepareTrainingRun(...args);
      const { trainer } = run;
      const step = trainer.step.bind(trainer);
      const evaluate = trainer.evaluate.bind(trainer);
      trainer.step = async () => {
        const report = await step();
        if (trainer.stepCount === faultAfterStep) recordGpuFault('device-lost', 'Device was destroyed.');
        return report;
      };
      trainer.evaluate = async () => {
        const report = await evaluate();
        if (faultDuringValidation) recordGpuFault('gpu-error', 'Invalid ComputePipeline "Softmax"');
        return report;
      };
      return run;
    },
  };
});

const { timeSteps } = await import('./trainingSession');

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  faultAfterStep = null;
  faultDuringValidation = false;
  resetGpuFaultForTest();
});

const spec: TrainingRunSpec = {
  corpus: 'moby-dick',
  tokenizer: 'char',
  model: tinyConfig({ seqLen: 16, seed: 5 }),
  train: { learningRate: 2e-3, totalSteps: 10, seed: 9 },
  batchSize: 2,
};

describe('timing training steps when the GPU faults', () => {
  it('rejects the estimate with the fault’s message when the fault comes during a timed step', async () => {
    // The reference: on a healthy backend the same call returns a time, and frees what it allocated.
    const before = tf.memory().numTensors;
    expect((await timeSteps(spec, 2)).msPerStep).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    // Step 1 compiles the kernels; step 2 is the first of the two timed ones.
    faultAfterStep = 2;
    await expect(timeSteps(spec, 2)).rejects.toThrow(
      'The GPU device was lost (Device was destroyed). Results measured before it are kept.',
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects the estimate with the fault’s message when the fault comes during the timed validation pass', async () => {
    expect((await timeSteps(spec, 1, { validation: true })).msPerValidation).toBeGreaterThan(0);
    faultDuringValidation = true;
    await expect(timeSteps(spec, 1, { validation: true })).rejects.toThrow(
      'The GPU rejected work (Invalid ComputePipeline "Softmax")',
    );
  });
});
