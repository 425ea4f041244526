import { describe, expect, it } from 'vitest';
import {
  DEV_EVALUATION_BUDGET,
  MAX_DEV_EVALUATIONS,
  WindowMeans,
  devEvaluationSteps,
  evaluationCostInSteps,
  lossWindow,
} from './curves';

describe('the dev evaluation schedule', () => {
  it('keeps the evaluations of the default fine-tune (200 steps of 16, ~600 dev sentences) within the budget', () => {
    const steps = devEvaluationSteps(200, 600, 16);
    // 640 forward rows ≈ 13.3 steps of 16 each; a quarter of 200 steps allows 3 of them, plus the final one.
    expect(steps).toEqual([50, 100, 150, 200]);
    const intermediate = steps.length - 1;
    expect(intermediate * evaluationCostInSteps(600, 16)).toBeLessThanOrEqual(DEV_EVALUATION_BUDGET * 200);
  });

  it('spaces long runs evenly with at most MAX_DEV_EVALUATIONS, ending on the last step', () => {
    const steps = devEvaluationSteps(5000, 600, 16);
    expect(steps).toHaveLength(MAX_DEV_EVALUATIONS);
    expect(steps.at(-1)).toBe(5000);
    const gaps = steps.map((step, i) => step - (i === 0 ? 0 : steps[i - 1]));
    expect(new Set(gaps)).toEqual(new Set([500]));
  });

  it('scores a short or costly run only at its end, and never more often than it steps', () => {
    expect(devEvaluationSteps(10, 600, 16)).toEqual([10]);
    expect(devEvaluationSteps(3, 1, 64)).toEqual([1, 2, 3]);
    expect(devEvaluationSteps(0, 600, 16)).toEqual([]);
  });
});

describe('the training-loss points', () => {
  it('are every step up to 400 steps and window means beyond', () => {
    expect(lossWindow(200)).toBe(1);
    expect(lossWindow(400)).toBe(1);
    expect(lossWindow(401)).toBe(2);
    expect(lossWindow(20_000)).toBe(50);
  });

  it('mean each full window and flush the partial last one', () => {
    const means = new WindowMeans(3);
    const points = [1, 2, 3, 4, 5, 6, 7].map((loss, i) => means.add(i + 1, loss));
    expect(points).toEqual([null, null, { step: 3, loss: 2 }, null, null, { step: 6, loss: 5 }, null]);
    expect(means.flush()).toEqual({ step: 7, loss: 7 });
    expect(means.flush()).toBeNull();
  });
});
