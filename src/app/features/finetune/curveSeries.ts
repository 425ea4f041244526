/**
 * A fine-tune's curves (streamed by the worker, lib/finetune/fineTuneRun.ts) → the two figures' lines and their CSV:
 * training loss (window means) beside the dev loss, and dev accuracy beside the majority-class accuracy as a dashed
 * reference line across the planned steps (so the x axis stays still while the run streams). Pure.
 */
import type { LineSeries } from '../../shared/charts';
import type { CsvValue } from '../../shared/export/exportFigure';
import type { FineTuneCurves } from '../../../worker/finetuneTypes';

/** What the figures draw: the curves so far, and the majority class's dev accuracy. */
export interface CurveData {
  curves: FineTuneCurves;
  majorityAccuracy: number | null;
}

export function trainingLossName(curves: FineTuneCurves): string {
  return curves.lossWindow === 1 ? 'training loss' : `training loss (mean of ${curves.lossWindow} steps)`;
}

export function lossSeries(data: CurveData | null): LineSeries[] {
  if (!data || data.curves.trainingLoss.length + data.curves.dev.length === 0) return [];
  const { curves } = data;
  return [
    {
      id: 'training-loss',
      name: trainingLossName(curves),
      points: curves.trainingLoss.map(({ step, loss }) => ({ x: step, y: loss })),
    },
    {
      id: 'dev-loss',
      name: 'dev loss',
      points: curves.dev.map(({ step, loss }) => ({ x: step, y: loss })),
      markers: true,
    },
  ];
}

export function accuracySeries(data: CurveData | null): LineSeries[] {
  if (!data || data.curves.trainingLoss.length + data.curves.dev.length === 0) return [];
  const { curves, majorityAccuracy } = data;
  const series: LineSeries[] = [
    {
      id: 'dev-accuracy',
      name: 'dev accuracy',
      points: curves.dev.map(({ step, accuracy }) => ({ x: step, y: accuracy })),
      markers: true,
    },
  ];
  if (majorityAccuracy !== null)
    series.push({
      id: 'majority',
      name: 'majority class',
      points: [
        { x: 0, y: majorityAccuracy },
        { x: curves.totalSteps, y: majorityAccuracy },
      ],
      dashed: true,
      colour: 'var(--muted)',
    });
  return series;
}

/** One row per step that has a point: its training-loss mean, and the dev scores where the dev split was scored. */
export function curveCsvRows(data: CurveData | null): Record<string, CsvValue>[] {
  if (!data) return [];
  const { curves, majorityAccuracy } = data;
  const rows = new Map<number, Record<string, CsvValue>>();
  const row = (step: number) => {
    let found = rows.get(step);
    if (!found) {
      found = {
        step,
        training_loss: null,
        training_loss_window_steps: curves.lossWindow,
        dev_accuracy: null,
        dev_loss: null,
        majority_class_accuracy: majorityAccuracy,
      };
      rows.set(step, found);
    }
    return found;
  };
  for (const { step, loss } of curves.trainingLoss) row(step).training_loss = loss;
  for (const { step, accuracy, loss } of curves.dev)
    Object.assign(row(step), { dev_accuracy: accuracy, dev_loss: loss });
  return [...rows.values()].sort((a, b) => Number(a.step) - Number(b.step));
}
