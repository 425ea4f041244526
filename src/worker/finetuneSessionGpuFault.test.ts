import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EncodedCorpus } from '../lib/data/encodedCorpus';
import { buildCharTokenizer } from '../lib/data/tokenizer';
import type { ClassificationDataset } from '../lib/finetune';
import { tinyConfig } from '../lib/model/testConfigs';
import type { FineTuneProgress, FineTuneRequest } from './finetuneTypes';
import { recordGpuFault, resetGpuFaultForTest } from './gpuFault';

// A small corpus and sentence set of their own, so the test needs neither the data files nor fetch.
const good = ['a fine film', 'i loved it', 'great acting', 'a warm story', 'truly moving', 'so much fun'];
const bad = ['a dull film', 'i hated it', 'poor acting', 'a cold story', 'truly boring', 'no fun at all'];
const sentences: ClassificationDataset = {
  formatVersion: 1,
  id: 'uci-sentiment',
  classes: ['negative', 'positive'],
  texts: [...bad, ...good, ...bad, ...good],
  labels: [...bad.map(() => 0), ...good.map(() => 1), ...bad.map(() => 0), ...good.map(() => 1)],
  source: { package: 'test', version: '0', files: 'none', licence: 'none', selection: 'all' },
};
const text = sentences.texts.join(' ');
const tokenizer = buildCharTokenizer(text);
const corpus: EncodedCorpus = {
  id: 'moby-dick',
  tokenizer,
  trainIds: tokenizer.encode(text),
  validationIds: tokenizer.encode(text),
  unigramPerplexity: 1,
};
vi.mock('./corpusCache', () => ({ prepareCorpus: async () => corpus }));
// A fault the GPU raises while the tuner steps: set, it is recorded as that step (1-based) finishes.
let faultAfterStep: number | null = null;
vi.mock('../lib/finetune', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/finetune')>();
  class FaultingTuner extends actual.FineTuner {
    override async step(): ReturnType<InstanceType<typeof actual.FineTuner>['step']> {
      const report = await super.step();
      if (report.step === faultAfterStep) recordGpuFault('gpu-error', 'Invalid ComputePipeline "MatMul"');
      return report;
    }
  }
  return { ...actual, FineTuner: FaultingTuner, loadClassificationDataset: async () => sentences };
});
// The session resolves the data's address against the worker's own (never fetched here: the loader is mocked).
vi.stubGlobal('self', { location: { href: 'http://localhost/' } });

const { runFineTune, timeFineTune } = await import('./finetuneSession');

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  faultAfterStep = null;
  resetGpuFaultForTest();
});

const STEPS = 6;
const request: FineTuneRequest = {
  dataset: 'uci-sentiment',
  start: 'fresh',
  fresh: { corpus: 'moby-dick', model: tinyConfig({ seqLen: 16, seed: 3 }) },
  pooling: 'first',
  steps: STEPS,
  learningRate: 1e-3,
  batchSize: 4,
  seed: 1,
};

describe('a fine-tune meeting a GPU fault', () => {
  it('stops at the step the fault came after, with its message, keeping the curves reported up to there', async () => {
    const before = tf.memory().numTensors;
    const progress: FineTuneProgress[] = [];
    const outcome = runFineTune(request, {
      progress: (p) => {
        // Cloned as postMessage clones it: the session keeps pushing to the same curve arrays.
        progress.push(structuredClone(p));
        // The first step's report is never throttled; the fault comes then, with STEPS − 1 steps to go.
        if (p.stage === 'training' && p.step === 1) recordGpuFault('device-lost', 'Device was destroyed.');
      },
    });
    await expect(outcome).rejects.toThrow(
      'The GPU device was lost (Device was destroyed). Results measured before it are kept.',
    );
    // No step after the fault, no dev evaluation (neither an interim nor the final one) and no "done".
    const stages = progress.map((p) => p.stage);
    expect(stages).toEqual(['preparing', 'training']);
    // What the page keeps: the curves as of step 1.
    expect(progress[1].curves?.trainingLoss).toEqual([{ step: 1, loss: progress[1].loss }]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects with the fault’s message instead of a dev accuracy scored on the faulted device', async () => {
    const progress: FineTuneProgress[] = [];
    const outcome = runFineTune(request, {
      progress: (p) => {
        progress.push(p);
        // The fault comes as the final dev evaluation starts: every step ran before it.
        if (p.stage === 'evaluating' && p.step === STEPS)
          recordGpuFault('gpu-error', 'Invalid ComputePipeline "Softmax"');
      },
    });
    await expect(outcome).rejects.toThrow('The GPU rejected work (Invalid ComputePipeline "Softmax")');
    expect(progress.map((p) => p.stage)).not.toContain('done');
    expect(progress.some((p) => p.stage === 'evaluating' && p.step === STEPS)).toBe(true);
  });

  it('rejects the time estimate with the fault’s message when the fault comes during a timed step', async () => {
    // The reference: the same estimate on a healthy backend is a time.
    expect((await timeFineTune(request, 2)).msPerStep).toBeGreaterThan(0);
    // Step 1 compiles the kernels; step 2 is the first timed one.
    faultAfterStep = 2;
    await expect(timeFineTune(request, 2)).rejects.toThrow('The GPU rejected work (Invalid ComputePipeline "MatMul")');
  });
});
