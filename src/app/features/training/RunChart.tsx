import { useMemo, useRef } from 'react';
import { createLineChart, type LineChartOptions, type LineSeries } from '../../shared/charts';
import { useChart, type ChartSource } from '../../shared/figure/useChart';
import { figureCsvRows, figureSeries, shownRuns, type RunMetric } from './figureSeries';
import { useHistoryStore } from './historyStore';
import { useRunStore } from './runStore';
import { FigureExport } from '../../shared/figure/FigureExport';

const OPTIONS: Record<RunMetric, LineChartOptions> = {
  perplexity: {
    title: 'Validation perplexity against updates',
    description:
      'Masked-token validation perplexity of each shown run against training steps, with two dashed reference lines: the unigram baseline of the corpus (whole validation text) and the context-blind floor (the best perplexity on the scored positions from each position’s own character alone). Only a run below the floor shows that it uses context.',
    x: { label: 'updates', unit: 'steps' },
    y: { label: 'validation perplexity', unit: 'log scale', scale: 'log' },
    height: 340,
    emptyText: 'Start a run, or tick runs in the history, to see validation perplexity here.',
  },
  loss: {
    title: 'Training loss against updates',
    description:
      'Masked-token training loss of each shown run against training steps, with the cross-entropy of the unigram baseline (whole validation text) and of the context-blind floor (scored validation positions) as dashed lines.',
    x: { label: 'updates', unit: 'steps' },
    y: { label: 'training loss', unit: 'nats' },
    height: 340,
    emptyText: 'Start a run, or tick runs in the history, to see the training loss here.',
  },
};

function currentShown() {
  const { current } = useRunStore.getState();
  const { runs, overlay } = useHistoryStore.getState();
  return shownRuns(current, runs, new Set(overlay));
}

/**
 * One metric of the current run and the overlaid history runs. The chart reads the stores outside React's render
 * path (they change once per training step), through useChart's source, which rebuilds at most once a frame.
 */
export function RunChart({ metric, testId }: { metric: RunMetric; testId: string }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const source = useMemo<ChartSource<LineSeries[]>>(
    () => ({
      read: () => figureSeries(currentShown(), metric),
      subscribe: (onChange) => {
        const unsubscribeRuns = useRunStore.subscribe((s, prev) => {
          if (s.current !== prev.current) onChange();
        });
        const unsubscribeHistory = useHistoryStore.subscribe((s, prev) => {
          if (s.runs !== prev.runs || s.overlay !== prev.overlay) onChange();
        });
        return () => {
          unsubscribeRuns();
          unsubscribeHistory();
        };
      },
    }),
    [metric],
  );
  const flush = useChart(svgRef, createLineChart, OPTIONS[metric], source);

  const title = OPTIONS[metric].title;
  return (
    <figure className="run-chart" data-testid={testId}>
      <svg ref={svgRef} />
      <FigureExport
        title={title.toLowerCase()}
        fileName={metric === 'perplexity' ? 'validation-perplexity' : 'training-loss'}
        svg={() => svgRef.current}
        flush={flush}
        rows={() => figureCsvRows(currentShown(), metric)}
      />
    </figure>
  );
}
