import { useMemo, useRef } from 'react';
import { createLineChart, type LineChartOptions, type LineSeries } from '../../shared/charts';
import { useChart, type ChartSource } from '../../shared/figure/useChart';
import { FigureExport } from '../../shared/figure/FigureExport';
import { accuracySeries, curveCsvRows, lossSeries, type CurveData } from './curveSeries';
import { useFineTuneStore } from './finetuneStore';

const LOSS_OPTIONS: LineChartOptions = {
  title: 'Fine-tune loss against steps',
  description:
    'Cross-entropy of the classifier against fine-tuning steps: the training loss of each step (a mean over a few steps for long runs) and the dev loss at each dev evaluation, the last of which is the final result.',
  x: { label: 'fine-tune steps', min: 0 },
  y: { label: 'loss', unit: 'nats', min: 0 },
  height: 260,
  emptyText: 'Start a fine-tune to see its training and dev loss here as it runs.',
};

const ACCURACY_OPTIONS: LineChartOptions = {
  title: 'Dev accuracy against steps',
  description:
    'Accuracy on the dev split at each dev evaluation (the last is the final result), with the accuracy of always answering the training set’s most frequent class as a dashed reference line.',
  x: { label: 'fine-tune steps', min: 0 },
  y: { label: 'dev accuracy', format: 'percent' },
  height: 260,
  emptyText: 'Start a fine-tune to see its dev accuracy here as it runs.',
};

const curvesNow = (): CurveData | null => useFineTuneStore.getState().curves;

/** A source over the store's curves: they change with every progress message, so the chart reads them per frame. */
function curveSource(series: (data: CurveData | null) => LineSeries[]): ChartSource<LineSeries[]> {
  return {
    read: () => series(curvesNow()),
    subscribe: (onChange) =>
      useFineTuneStore.subscribe((s, prev) => {
        if (s.curves !== prev.curves) onChange();
      }),
  };
}

function CurveFigure({
  options,
  series,
  fileName,
  testId,
}: {
  options: LineChartOptions;
  series: (data: CurveData | null) => LineSeries[];
  fileName: string;
  testId: string;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const source = useMemo(() => curveSource(series), [series]);
  // The x axis spans the planned steps from the first point on, so it stays still while the run streams.
  const totalSteps = useFineTuneStore((s) => s.curves?.curves.totalSteps ?? null);
  const shown = useMemo(
    () => (totalSteps === null ? options : { ...options, x: { ...options.x, max: totalSteps } }),
    [options, totalSteps],
  );
  const flush = useChart(svgRef, createLineChart, shown, source);
  return (
    <figure className="finetune-curve" data-testid={testId}>
      <svg ref={svgRef} />
      <FigureExport
        title={options.title.toLowerCase()}
        fileName={fileName}
        svg={() => svgRef.current}
        flush={flush}
        rows={() => curveCsvRows(curvesNow())}
      />
    </figure>
  );
}

/**
 * The running (or last) fine-tune's curves, drawn live: loss (training and dev) and dev accuracy against the
 * majority class. Both export the same table (every point of both), as SVG, PNG and CSV.
 */
export function FineTuneCurves() {
  return (
    <div className="finetune-curves">
      <CurveFigure options={LOSS_OPTIONS} series={lossSeries} fileName="finetune-loss" testId="finetune-loss-chart" />
      <CurveFigure
        options={ACCURACY_OPTIONS}
        series={accuracySeries}
        fileName="finetune-dev-accuracy"
        testId="finetune-accuracy-chart"
      />
    </div>
  );
}
