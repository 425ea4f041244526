import { describe, expect, it } from 'vitest';
import { estimateText } from '../../shared/estimate/measuredEstimate';
import { runEstimate } from './runEstimate';
import { runSecondsLeft, validationPassesLeft } from './presetEstimate';

const SETTINGS = { steps: 100, evalInterval: 30, batchSize: 16, seqLen: 64 };

describe('validationPassesLeft', () => {
  it('counts a pass every evalInterval steps and one after a last step off the interval', () => {
    // Passes at 30, 60, 90 and after 100.
    expect(validationPassesLeft(SETTINGS, 0)).toBe(4);
    expect(validationPassesLeft(SETTINGS, 60)).toBe(2);
    expect(validationPassesLeft({ steps: 90, evalInterval: 30 }, 0)).toBe(3);
  });
});

describe('runSecondsLeft with a timed validation pass', () => {
  it('adds the timed pass once per validation pass to the steps left', () => {
    expect(runSecondsLeft(SETTINGS, 0, 200, 500)).toBeCloseTo((100 * 200 + 4 * 500) / 1000);
    expect(runSecondsLeft(SETTINGS, 60, 200, 500)).toBeCloseTo((40 * 200 + 2 * 500) / 1000);
  });
});

describe('runEstimate', () => {
  it('is the whole run at the measured speeds, and says what it was measured from', () => {
    const estimate = runEstimate(SETTINGS, { msPerStep: 340, msPerValidation: 1200 }, 3, 'wasm');
    expect(estimate.seconds).toBeCloseTo((100 * 340 + 4 * 1200) / 1000);
    expect(estimate.basis).toBe(
      'measured: 340 ms a step over 3 steps on wasm; one validation pass 1.2 s, 4 passes to run; 100 steps in all',
    );
  });

  it('falls back to the step-time estimate of validation when no pass was timed, and says so', () => {
    const estimate = runEstimate(SETTINGS, { msPerStep: 340 }, 2, 'webgpu');
    expect(estimate.seconds).toBeCloseTo(runSecondsLeft(SETTINGS, 0, 340));
    expect(estimate.basis).toContain('validation estimated from the step time');
  });

  it('is shown as an estimate made before starting, never as a measured duration', () => {
    const text = estimateText({ seconds: 600, basis: 'measured: 1 s a step' });
    expect(text).toBe('Estimated before starting: about 10 min (measured: 1 s a step).');
  });
});
