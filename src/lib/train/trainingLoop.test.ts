import { describe, expect, it } from 'vitest';
import type { StepReport } from './trainer';
import { TrainingLoop, type LoopStatus, type StepRunner } from './trainingLoop';

/**
 * A stand-in for the Trainer: each step takes one macrotask (like a real step's awaited read-back) and
 * reports its number as the loss. `failAt` makes that step throw, as a diverged Trainer does.
 */
class CountingRunner implements StepRunner {
  stepCount = 0;
  constructor(private readonly failAt = Infinity) {}
  async step(): Promise<StepReport> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const step = this.stepCount + 1;
    this.stepCount = step;
    if (step === this.failAt) throw new Error(`Training diverged at step ${step}: the loss is NaN.`);
    return {
      step,
      loss: step,
      learningRate: 0.1,
      msPerStep: 1,
      tokensPerSecond: 1,
      gradNorm: 1,
      clipped: false,
      memory: { numTensors: 0, numBytes: 0 },
    };
  }
}

function record(loop: TrainingLoop) {
  const statuses: LoopStatus[] = [];
  const reports: number[] = [];
  let message: string | undefined;
  loop.onStatus((status, errorMessage) => {
    statuses.push(status);
    message = errorMessage;
  });
  loop.onReport((report) => reports.push(report.step));
  return { statuses, reports, message: () => message };
}

/** Lets several macrotasks pass, enough for an unpaused loop to take more steps. */
async function letTimePass(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('TrainingLoop', () => {
  it('runs to totalSteps and finishes, reporting every step once and in order', async () => {
    const runner = new CountingRunner();
    const loop = new TrainingLoop(runner, { totalSteps: 7 });
    const log = record(loop);
    expect(loop.status).toBe('idle');
    await loop.start();
    expect(loop.status).toBe('finished');
    expect(runner.stepCount).toBe(7);
    expect(log.reports).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(log.statuses).toEqual(['running', 'finished']);
    // Ended runs ignore further controls.
    await loop.start();
    expect(await loop.stepOnce()).toBeNull();
    expect(runner.stepCount).toBe(7);
  });

  it('pause stops progress after the step in flight; resume continues from there', async () => {
    const runner = new CountingRunner();
    const loop = new TrainingLoop(runner, { totalSteps: 50 });
    const log = record(loop);
    loop.onReport((report) => {
      if (report.step === 3) loop.pause();
    });
    await loop.start();
    expect(loop.status).toBe('paused');
    expect(runner.stepCount).toBe(3);
    await letTimePass();
    expect(runner.stepCount).toBe(3);
    await loop.resume();
    expect(loop.status).toBe('finished');
    expect(log.reports).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(log.statuses).toEqual(['running', 'paused', 'running', 'finished']);
  });

  it('stays responsive: a pause posted as a macrotask lands while instant steps are running', async () => {
    // Steps that resolve in a microtask would starve timers if the loop (with its default yield) did not
    // give the event loop a macrotask between them.
    let count = 0;
    const instant: StepRunner = {
      get stepCount() {
        return count;
      },
      step: async () => ({ step: ++count, loss: 0, learningRate: 0, msPerStep: 0, tokensPerSecond: 0, gradNorm: 0, clipped: false, memory: { numTensors: 0, numBytes: 0 } }),
    };
    const loop = new TrainingLoop(instant, { totalSteps: 100_000 });
    setTimeout(() => loop.pause(), 0);
    await loop.start();
    expect(loop.status).toBe('paused');
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(100_000);
  });

  it('stepOnce advances exactly one step and leaves the loop paused', async () => {
    const runner = new CountingRunner();
    const loop = new TrainingLoop(runner, { totalSteps: 3 });
    const first = await loop.stepOnce();
    expect(first?.step).toBe(1);
    expect(runner.stepCount).toBe(1);
    expect(loop.status).toBe('paused');
    await letTimePass();
    expect(runner.stepCount).toBe(1);
    // Two requests queue two steps, never overlapping.
    const [second, third] = await Promise.all([loop.stepOnce(), loop.stepOnce()]);
    expect([second?.step, third?.step]).toEqual([2, 3]);
    expect(loop.status).toBe('finished');
  });

  it('resume right after a single step keeps going (the ending drive does not swallow it)', async () => {
    const runner = new CountingRunner();
    const loop = new TrainingLoop(runner, { totalSteps: 5 });
    expect((await loop.stepOnce())?.step).toBe(1);
    await loop.resume();
    expect(loop.status).toBe('finished');
    expect(runner.stepCount).toBe(5);
  });

  it('ignores stepOnce while running', async () => {
    const runner = new CountingRunner();
    const loop = new TrainingLoop(runner, { totalSteps: 5 });
    const run = loop.start();
    expect(await loop.stepOnce()).toBeNull();
    await run;
    expect(runner.stepCount).toBe(5);
  });

  it('stop while running ends after the step in flight and for good', async () => {
    const runner = new CountingRunner();
    const loop = new TrainingLoop(runner, { totalSteps: 100 });
    loop.onReport((report) => {
      if (report.step === 4) void loop.stop();
    });
    await loop.start();
    expect(loop.status).toBe('stopped');
    expect(runner.stepCount).toBe(4);
    await loop.start();
    await letTimePass();
    expect(runner.stepCount).toBe(4);
    expect(loop.status).toBe('stopped');
  });

  it('stop while paused resolves at once instead of hanging, and also works mid-step', async () => {
    const runner = new CountingRunner();
    const loop = new TrainingLoop(runner, { totalSteps: 10 });
    await loop.stepOnce();
    await loop.stop();
    expect(loop.status).toBe('stopped');

    const busyRunner = new CountingRunner();
    const busyLoop = new TrainingLoop(busyRunner, { totalSteps: 10 });
    void busyLoop.start();
    await busyLoop.stop(); // called while the first step is in flight: resolves once it has completed
    expect(busyRunner.stepCount).toBe(1);
    expect(busyLoop.status).toBe('stopped');
  });

  it('a step that throws sets status failed with its message', async () => {
    const runner = new CountingRunner(3);
    const loop = new TrainingLoop(runner, { totalSteps: 10 });
    const log = record(loop);
    await loop.start();
    expect(loop.status).toBe('failed');
    expect(loop.errorMessage).toMatch(/step 3/);
    expect(log.message()).toBe(loop.errorMessage);
    expect(log.reports).toEqual([1, 2]);
    expect(log.statuses).toEqual(['running', 'failed']);
    expect(await loop.stepOnce()).toBeNull();
  });

  it('rejects a non-positive totalSteps', () => {
    expect(() => new TrainingLoop(new CountingRunner(), { totalSteps: 0 })).toThrow(/totalSteps/);
  });
});
