/** A small, fully specified run for tests (not shipped: imported only by *.test.ts). */
import { defaultSettings, type ExperimentSettings } from '../../settings/schema';
import { describeRun, type RunRecord } from './runRecord';

export function makeRun(overrides: Partial<RunRecord> = {}, settings: Partial<ExperimentSettings> = {}): RunRecord {
  const resolved = { ...defaultSettings(), seqLen: 64, k: 16, steps: 20, evalInterval: 10, seed: 7, ...settings };
  return {
    id: 'run-test-1',
    label: describeRun(resolved),
    settings: resolved,
    startedAt: '2025-01-02T03:04:05.000Z',
    backend: 'webgpu',
    adapter: 'google swiftshader',
    appVersion: '0.1.0',
    status: 'finished',
    info: {
      vocabSize: 81,
      parameters: { total: 1000, trainable: 900 },
      trainTokens: 5000,
      validationTokens: 500,
      unigramPerplexity: 23.5,
      scoredUnigramPerplexity: 22.9,
      contextBlindPerplexity: 18.4,
    },
    training: [1, 2, 3].map((step) => ({
      step,
      loss: 4 - step / 10,
      learningRate: 1e-3,
      msPerStep: 12.5,
      tokensPerSecond: 4000,
      numTensors: 40,
      numBytesInGPU: 1024,
      gradNorm: 2.5 - step / 2,
      clipped: step < 3,
    })),
    validation: [
      { step: 2, loss: 3.5, perplexity: Math.exp(3.5) },
      { step: 3, loss: 3.2, perplexity: Math.exp(3.2) },
    ],
    ...overrides,
  };
}
