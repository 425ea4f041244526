import { describe, expect, it } from 'vitest';
import { learningRateAt, type LearningRateSchedule } from './schedule';

// Peak 1e-3 after 4 warm-up updates, down to 1e-4 at update 12: the decay loses 9e-4 over 8 updates,
// i.e. 1.125e-4 per update. Values below are worked out by hand from that.
const schedule: LearningRateSchedule = { peakLearningRate: 1e-3, warmupSteps: 4, totalSteps: 12, finalLearningRate: 1e-4 };

describe('learningRateAt', () => {
  it('ramps up linearly during warm-up and reaches the peak on its last update', () => {
    expect(learningRateAt(1, schedule)).toBeCloseTo(0.25e-3, 12);
    expect(learningRateAt(2, schedule)).toBeCloseTo(0.5e-3, 12);
    expect(learningRateAt(3, schedule)).toBeCloseTo(0.75e-3, 12);
    expect(learningRateAt(4, schedule)).toBeCloseTo(1e-3, 12);
  });

  it('decays linearly from the peak to the floor at totalSteps', () => {
    expect(learningRateAt(5, schedule)).toBeCloseTo(1e-3 - 1.125e-4, 12);
    expect(learningRateAt(8, schedule)).toBeCloseTo(1e-3 - 4 * 1.125e-4, 12); // halfway: (1e-3 + 1e-4) / 2
    expect(learningRateAt(8, schedule)).toBeCloseTo(5.5e-4, 12);
    expect(learningRateAt(12, schedule)).toBeCloseTo(1e-4, 12);
  });

  it('stays at the floor after totalSteps', () => {
    expect(learningRateAt(13, schedule)).toBeCloseTo(1e-4, 12);
    expect(learningRateAt(1000, schedule)).toBeCloseTo(1e-4, 12);
  });

  it('starts at the peak without warm-up, and never divides by zero', () => {
    const noWarmup = { ...schedule, warmupSteps: 0 };
    expect(learningRateAt(0, noWarmup)).toBeCloseTo(1e-3, 12);
    expect(learningRateAt(1, noWarmup)).toBeCloseTo(1e-3 - 9e-4 / 12, 12);
    const allWarmup = { ...schedule, warmupSteps: 12 };
    expect(learningRateAt(12, allWarmup)).toBeCloseTo(1e-3, 12);
    expect(learningRateAt(13, allWarmup)).toBeCloseTo(1e-4, 12);
  });

  it('is a constant rate when the floor equals the peak and there is no warm-up', () => {
    const constant = { peakLearningRate: 3e-4, warmupSteps: 0, totalSteps: 50, finalLearningRate: 3e-4 };
    for (const update of [1, 10, 50, 60]) expect(learningRateAt(update, constant)).toBeCloseTo(3e-4, 15);
  });
});
