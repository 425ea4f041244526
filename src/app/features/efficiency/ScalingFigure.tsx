import { useMemo, useRef } from 'react';
import { createLineChart, type LineChartOptions, type LineSeries } from '../../shared/charts';
import { timeAxisUnit } from '../../shared/format/format';
import type { BenchRow } from '../../../worker/benchTypes';
import { FigureExport } from '../../shared/figure/FigureExport';
import { memorySeries, timeSeries } from './efficiencySeries';
import type { BenchShape } from './ratioAnalysis';
import { useChart } from '../../shared/figure/useChart';

const POWERS_OF_TWO = Array.from({ length: 14 }, (_, i) => 2 ** (i + 3));

/** The largest value the figure draws (spread ends included), which picks the time axis' one unit. */
function largestValue(series: readonly LineSeries[]): number {
  let max = -Infinity;
  for (const s of series) for (const p of s.points) max = Math.max(max, p.y, p.hi ?? -Infinity);
  return max;
}

/** Forward time or memory against n, log–log, measured points with theory beside them. */
export function ScalingFigure({
  kind,
  rows,
  shape,
}: {
  kind: 'time' | 'memory';
  rows: readonly BenchRow[];
  shape: BenchShape;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const series = useMemo(
    () => (kind === 'time' ? timeSeries(rows, shape) : memorySeries(rows, shape)),
    [kind, rows, shape],
  );
  // One unit on the whole time axis (title, ticks, read-out), ms or s as the data needs.
  const time = useMemo(() => (kind === 'time' ? timeAxisUnit(largestValue(series)) : null), [kind, series]);
  const options = useMemo<LineChartOptions>(
    () =>
      time
        ? {
            title: 'Forward time against sequence length',
            description:
              'Median inference time per batch, log–log, for standard attention and Linformer at each k; bars span min–max. Dashed: the FLOP count, scaled by one fitted throughput plus overhead.',
            x: { label: 'sequence length n', scale: 'log', ticks: POWERS_OF_TWO },
            y: { label: 'forward time', unit: time.unit, scale: 'log', format: time.format },
            spreadLabel: 'min–max',
            emptyText: 'measure a point or run a sweep',
            height: 340,
          }
        : {
            title: 'Forward peak memory against sequence length',
            description:
              'Peak tensor bytes of one inference forward above what was live before (tf.profile), log–log; dashed: the cost model.',
            x: { label: 'sequence length n', scale: 'log', ticks: POWERS_OF_TWO },
            y: { label: 'peak memory', scale: 'log', format: 'bytes' },
            emptyText: 'measure a point or run a sweep',
            height: 340,
          },
    [time],
  );
  const flush = useChart(svg, createLineChart, options, series);
  const name = kind === 'time' ? 'efficiency-time-vs-n' : 'efficiency-memory-vs-n';
  return (
    <figure className="efficiency-figure" data-testid={`efficiency-${kind}-figure`}>
      <svg ref={svg} />
      <FigureExport
        title={options.title}
        fileName={name}
        svg={() => svg.current}
        flush={flush}
        rows={() =>
          series.flatMap((s) =>
            s.points.map((p) => ({ series: s.name, n: p.x, value: p.y, min: p.lo ?? null, max: p.hi ?? null })),
          )
        }
      />
    </figure>
  );
}
