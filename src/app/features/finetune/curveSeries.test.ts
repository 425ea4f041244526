import { describe, expect, it } from 'vitest';
import { accuracySeries, curveCsvRows, lossSeries, type CurveData } from './curveSeries';

const data: CurveData = {
  majorityAccuracy: 0.5,
  curves: {
    totalSteps: 800,
    lossWindow: 2,
    plannedEvaluations: 4,
    trainingLoss: [
      { step: 2, loss: 0.7 },
      { step: 4, loss: 0.65 },
    ],
    dev: [{ step: 4, accuracy: 0.55, loss: 0.68 }],
  },
};

describe('the fine-tune curve figures', () => {
  it('draw the training-loss means beside the dev loss, named with their window', () => {
    const [training, dev] = lossSeries(data);
    expect(training.name).toBe('training loss (mean of 2 steps)');
    expect(training.points).toEqual([
      { x: 2, y: 0.7 },
      { x: 4, y: 0.65 },
    ]);
    expect(dev).toMatchObject({ name: 'dev loss', markers: true, points: [{ x: 4, y: 0.68 }] });
  });

  it('draw dev accuracy with the majority class as a dashed line over the planned steps', () => {
    const [dev, majority] = accuracySeries(data);
    expect(dev.points).toEqual([{ x: 4, y: 0.55 }]);
    expect(majority).toMatchObject({ name: 'majority class', dashed: true });
    expect(majority.points).toEqual([
      { x: 0, y: 0.5 },
      { x: 800, y: 0.5 },
    ]);
  });

  it('are empty (showing their hint) before the first step', () => {
    const empty: CurveData = { ...data, curves: { ...data.curves, trainingLoss: [], dev: [] } };
    expect(lossSeries(empty)).toEqual([]);
    expect(accuracySeries(null)).toEqual([]);
  });

  it('export one CSV row per step, with dev scores where the dev split was scored', () => {
    expect(curveCsvRows(data)).toEqual([
      {
        step: 2,
        training_loss: 0.7,
        training_loss_window_steps: 2,
        dev_accuracy: null,
        dev_loss: null,
        majority_class_accuracy: 0.5,
      },
      {
        step: 4,
        training_loss: 0.65,
        training_loss_window_steps: 2,
        dev_accuracy: 0.55,
        dev_loss: 0.68,
        majority_class_accuracy: 0.5,
      },
    ]);
  });
});
