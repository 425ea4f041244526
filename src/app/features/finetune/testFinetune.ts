/** A plausible fine-tune result for tests (a Linformer, k = 8, kv sharing, on the UCI sentences). */
import type { FineTuneResult } from '../../../worker/finetuneTypes';
import type { StoredFineTune } from './finetuneResults';

export function result(overrides: Partial<FineTuneResult> = {}): FineTuneResult {
  return {
    dataset: 'uci-sentiment',
    start: 'fresh',
    model: {
      layers: 1,
      heads: 2,
      dModel: 32,
      dFF: 64,
      seqLen: 32,
      vocabSize: 80,
      dropout: 0,
      attention: 'linformer',
      sharing: 'kv',
      projection: 'linear',
      kPerLayer: [8],
      seed: 1,
    },
    corpus: 'moby-dick',
    pretrainingSteps: 0,
    pooling: 'mean',
    steps: 150,
    learningRate: 0.005,
    batchSize: 64,
    seed: 1,
    trainExamples: 2386,
    devExamples: 596,
    devTruncated: 0.7,
    devAccuracy: 0.6,
    devLoss: 0.66,
    majorityAccuracy: 0.5,
    unknownCharacters: 0.01,
    seconds: 120,
    stoppedEarly: false,
    ...overrides,
  };
}

export function stored(id: string, overrides: Partial<FineTuneResult> = {}): StoredFineTune {
  return {
    id,
    finishedAt: '2026-01-01T00:00:00.000Z',
    result: result(overrides),
    link: '?v=1&a=standard&ft=imdb-sample',
  };
}
