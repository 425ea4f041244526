import { describe, expect, it } from 'vitest';
import {
  durationText,
  jobSeconds,
  queueSeconds,
  queueSecondsLeft,
  recentMsPerStep,
  runSecondsLeft,
} from './presetEstimate';
import { queueProgress } from './presetQueue';

describe('preset time estimate', () => {
  const { jobs } = queueProgress({ presetId: 'n-at-fixed-k', size: 'claim', seeds: 2 }, []);

  it('adds validation to the timed training steps: 4 forward-only batches (a third of a step each) per pass', () => {
    const job = jobs[0]; // n = 8: batch 64, so validation batches are 64 windows too
    const { steps, evalInterval, batchSize } = job.settings;
    expect(batchSize).toBe(64);
    expect(jobSeconds(job, 100)).toBeCloseTo((steps * 100 + Math.ceil(steps / evalInterval) * 4 * (100 / 3)) / 1000, 9);
    const n32 = jobs[2]; // batch 16, validation batches of 64 windows: 4× the windows of a step
    expect(n32.settings.batchSize).toBe(16);
    expect(jobSeconds(n32, 100)).toBeCloseTo(
      (n32.settings.steps * 100 + Math.ceil(n32.settings.steps / n32.settings.evalInterval) * 4 * 4 * (100 / 3)) / 1000,
      9,
    );
  });

  it("sums every job at its own configuration's speed, and is unknown when one was not timed", () => {
    const speeds = new Map([
      [0, 50],
      [1, 100],
      [2, 200],
    ]);
    const expected = jobs.reduce((sum, job) => sum + jobSeconds(job, speeds.get(job.runIndex)!), 0);
    expect(queueSeconds(jobs, speeds)).toBeCloseTo(expected, 9);
    expect(queueSeconds(jobs, new Map([[0, 50]]))).toBeNaN();
  });

  it('words a duration', () => {
    expect(durationText(20)).toBe('under a minute');
    expect(durationText(185)).toBe('about 3 min');
    expect(durationText(6000)).toBe('about 1 h 40 min');
    expect(durationText(7200)).toBe('about 2 h');
    expect(durationText(NaN)).toBe('unknown');
  });
});

describe('time left in a running queue', () => {
  const { jobs } = queueProgress({ presetId: 'k-at-fixed-n', size: 'quick', seeds: 1 }, []);

  it('takes the median of the latest steps, so the slow first steps do not count', () => {
    expect(
      recentMsPerStep([{ msPerStep: 900 }, ...Array.from({ length: 20 }, (_, i) => ({ msPerStep: 100 + i }))]),
    ).toBe(109.5);
    expect(recentMsPerStep([])).toBeNaN();
  });

  it("counts the jobs left at the running job's speed, less what the running job has done", () => {
    const left = queueSecondsLeft(jobs, { job: jobs[0], stepsDone: 30, msPerStep: 100 }, undefined);
    expect(left).toBeCloseTo(3 * jobSeconds(jobs[0], 100) - 3, 9);
  });

  it('uses the timed speed of each configuration when the preset was timed', () => {
    const timed = new Map([
      [0, 100],
      [1, 200],
      [2, 300],
    ]);
    const left = queueSecondsLeft(jobs, { job: jobs[0], stepsDone: 10, msPerStep: 999 }, timed);
    expect(left).toBeCloseTo(jobSeconds(jobs[0], 100) + jobSeconds(jobs[1], 200) + jobSeconds(jobs[2], 300) - 1, 9);
  });
});

describe('time left in one run', () => {
  const settings = { steps: 100, evalInterval: 30, batchSize: 64, seqLen: 16 };
  // Validation batches of 64 windows, as many as a training batch: each pass is 4 batches at a third of a step.
  const pass = (4 * 100) / 3;

  it('counts the steps left and the validation passes still to come (every 30 steps and after the last)', () => {
    expect(runSecondsLeft(settings, 0, 100)).toBeCloseTo((100 * 100 + 4 * pass) / 1000, 9); // at 30, 60, 90 and 100
    expect(runSecondsLeft(settings, 30, 100)).toBeCloseTo((70 * 100 + 3 * pass) / 1000, 9); // 60, 90, 100
    expect(runSecondsLeft(settings, 95, 100)).toBeCloseTo((5 * 100 + pass) / 1000, 9); // 100
    expect(runSecondsLeft(settings, 100, 100)).toBe(0);
    expect(runSecondsLeft({ ...settings, steps: 90 }, 60, 100)).toBeCloseTo((30 * 100 + pass) / 1000, 9); // 90 only
  });
});
