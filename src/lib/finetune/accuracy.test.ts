import { describe, expect, it } from 'vitest';
import { accuracy, argmaxRows, majorityBaseline } from './accuracy';

describe('argmaxRows', () => {
  it('picks the largest logit per row, the first on ties', () => {
    expect([...argmaxRows([0.1, 0.9, 2, -1, 3, 3, -5, -4], 2)]).toEqual([1, 0, 0, 1]);
    expect([...argmaxRows([1, 5, 2, 7, 0, 7], 3)]).toEqual([1, 0]);
  });
  it('rejects values that do not make whole rows', () => {
    expect(() => argmaxRows([1, 2, 3], 2)).toThrow(/rows of 2/);
  });
});

describe('accuracy', () => {
  it('counts the predictions equal to their labels', () => {
    // 3 of 5 right, by hand.
    expect(accuracy([1, 0, 1, 1, 0], [1, 1, 1, 0, 0])).toBeCloseTo(0.6, 12);
    expect(accuracy([2, 2], [2, 2])).toBe(1);
    expect(accuracy(new Int32Array([0, 1]), new Int32Array([1, 0]))).toBe(0);
  });
  it('refuses mismatched or empty inputs', () => {
    expect(() => accuracy([1], [1, 0])).toThrow(/1 predictions for 2 labels/);
    expect(() => accuracy([], [])).toThrow(/no examples/);
  });
});

describe('majorityBaseline', () => {
  it('answers the most frequent training class and scores it on dev', () => {
    // Training: 3 × class 1, 2 × class 0; dev has class 1 at 2 of 5.
    expect(majorityBaseline([1, 0, 1, 1, 0], [0, 1, 0, 1, 0])).toEqual({ label: 1, accuracy: 0.4 });
  });
  it('breaks ties toward the smaller label', () => {
    expect(majorityBaseline([1, 0], [0, 0, 1])).toEqual({ label: 0, accuracy: 2 / 3 });
  });
});
