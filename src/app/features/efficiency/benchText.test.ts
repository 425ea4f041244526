import { describe, expect, it } from 'vitest';
import { modelText, timingText } from './benchText';
import type { BenchShape } from './ratioAnalysis';

const shape: BenchShape = {
  layers: 2,
  heads: 2,
  dModel: 64,
  dFF: 128,
  vocabSize: 80,
  batch: 8,
  sharing: 'none',
  projection: 'linear',
};

describe('the efficiency lab’s sentence', () => {
  it('names the model in words that agree with its numbers', () => {
    expect(modelText(shape)).toBe(
      '2 layers, 2 heads, dModel 64, dFF 128, batch 8, vocabulary 80; Linformer with linear projections, no sharing',
    );
    expect(modelText({ ...shape, layers: 1, heads: 1, sharing: 'kv' })).toMatch(
      /^1 layer, 1 head, .*, key–value sharing$/,
    );
  });

  it('names training steps only when they are timed, and one of each in the singular', () => {
    expect(timingText({ warmup: 2, repeats: 5, training: true })).toBe(
      'Each point builds the model once, warms it up (2 untimed runs), then times 5 forwards and 5 training steps.',
    );
    expect(timingText({ warmup: 0, repeats: 1, training: false })).toBe(
      'Each point builds the model once, then times 1 forward (training steps are not timed).',
    );
    expect(timingText({ warmup: 1, repeats: 1, training: true })).toBe(
      'Each point builds the model once, warms it up (1 untimed run), then times 1 forward and 1 training step.',
    );
  });
});
