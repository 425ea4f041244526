import { describe, expect, it } from 'vitest';
import { nearestStepIndex, powerOfTwoSteps, powersOfTwo } from './sliderSteps';

describe('slider steps', () => {
  it('offers powers of two and the midpoints between them, within the range', () => {
    expect(powerOfTwoSteps(8, 128)).toEqual([8, 12, 16, 24, 32, 48, 64, 96, 128]);
    expect(powerOfTwoSteps(1, 6)).toEqual([1, 2, 3, 4, 6]);
  });

  it('always includes both ends of the range', () => {
    expect(powerOfTwoSteps(10, 100)).toEqual([10, 12, 16, 24, 32, 48, 64, 96, 100]);
  });

  it('finds the nearest step', () => {
    const steps = [8, 12, 16, 24];
    expect(nearestStepIndex(steps, 13)).toBe(1);
    expect(nearestStepIndex(steps, 1000)).toBe(3);
    expect(nearestStepIndex(steps, 8)).toBe(0);
  });

  it('offers only powers of two where a length must be one', () => {
    expect(powersOfTwo(8, 64)).toEqual([8, 16, 32, 64]);
    expect(powersOfTwo(16, 16)).toEqual([16]);
    // Every value is a power of two: 100 is not reached, the last step is 64.
    expect(powersOfTwo(16, 100)).toEqual([16, 32, 64]);
  });
});
