import { describe, expect, it } from 'vitest';
import { TrainConfigError } from './errors';
import { assertValidTrainConfig, defaultTrainConfig, trainConfigProblems } from './trainConfig';

describe('trainConfigProblems', () => {
  it('finds nothing wrong with the defaults', () => {
    expect(trainConfigProblems(defaultTrainConfig())).toEqual([]);
  });

  it('names every offending field in its own sentence', () => {
    const problems = trainConfigProblems(
      defaultTrainConfig({
        learningRate: 0,
        warmupSteps: 1.5,
        totalSteps: 0,
        weightDecay: -1,
        clipNorm: NaN,
        beta1: 1,
        beta2: -0.1,
        epsilon: 0,
        evalInterval: -1,
        evalBatches: 0,
        seed: 0.5,
        finalLearningRateFraction: 2,
      }),
    );
    const expectedFields = ['learning rate', 'warm-up steps', 'total steps', 'weight decay', 'clip norm', 'beta1', 'beta2', 'epsilon',
      'evaluation interval', 'evaluation batches', 'seed', 'final learning-rate fraction'];
    expect(problems).toHaveLength(expectedFields.length);
    expectedFields.forEach((field, i) => expect(problems[i].startsWith(field)).toBe(true));
  });

  it('assertValidTrainConfig throws a TrainConfigError carrying the problems', () => {
    const bad = defaultTrainConfig({ totalSteps: -3 });
    expect(() => assertValidTrainConfig(bad)).toThrow(TrainConfigError);
    try {
      assertValidTrainConfig(bad);
    } catch (error) {
      expect((error as TrainConfigError).problems).toEqual(['total steps must be a whole number ≥ 1 (got -3).']);
    }
    const good = defaultTrainConfig();
    expect(assertValidTrainConfig(good)).toBe(good);
  });
});
