import { describe, expect, it } from 'vitest';
import { splitClassification } from './split';

const labels = [...Array.from({ length: 60 }, () => 0), ...Array.from({ length: 40 }, () => 1)];

describe('splitClassification', () => {
  it('puts every example in exactly one split, keeping the class balance', () => {
    const { train, dev } = splitClassification(labels, 0.2, 7);
    expect([...train, ...dev].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    expect(dev.filter((i) => labels[i] === 0)).toHaveLength(12);
    expect(dev.filter((i) => labels[i] === 1)).toHaveLength(8);
  });
  it('repeats with the seed and changes with it', () => {
    expect(splitClassification(labels, 0.2, 7)).toEqual(splitClassification(labels, 0.2, 7));
    expect(splitClassification(labels, 0.2, 8).dev).not.toEqual(splitClassification(labels, 0.2, 7).dev);
  });
  it('refuses a dev fraction outside (0, 1)', () => {
    expect(() => splitClassification(labels, 1)).toThrow(/between 0 and 1/);
  });
});
