import { describe, expect, it } from 'vitest';
import { devEvaluationSteps } from '../../../lib/finetune/curves';
import { fineTuneEstimate } from './finetuneEstimate';

describe('the fine-tune estimate', () => {
  const timing = { msPerStep: 410, timedSteps: 3, msPerEvaluation: 1200, devExamples: 600, backend: 'webgpu' };

  it('adds the run’s steps at the timed step and the dev evaluations it will make at the timed evaluation', () => {
    const evaluations = devEvaluationSteps(200, 600, 16).length;
    expect(evaluations).toBe(4);
    const estimate = fineTuneEstimate(timing, { steps: 200, batchSize: 16 });
    expect(estimate.seconds).toBeCloseTo((200 * 410 + 4 * 1200) / 1000, 9);
    expect(estimate.basis).toBe(
      'measured: 410 ms a step over 3 steps on webgpu, and 1.2 s a dev evaluation of 600 sentences; 200 steps plus 4 dev evaluations',
    );
  });

  it('counts one dev evaluation for a run too short for more', () => {
    const estimate = fineTuneEstimate(timing, { steps: 1, batchSize: 16 });
    expect(estimate.seconds).toBeCloseTo((410 + 1200) / 1000, 9);
    expect(estimate.basis).toContain('1 step plus 1 dev evaluation');
  });
});
