/**
 * Line-chart series of the efficiency figures, from benchmark rows and the cost model: measured points
 * per attention kind (standard, and Linformer per k) and the theory beside them, dashed, in the same colour.
 */
import { encoderCost } from '../../../lib/efficiency/costModel';
import { sweepPointConfig } from '../../../lib/efficiency/sweepPlan';
import type { BenchRow } from '../../../worker/benchTypes';
import type { LineSeries } from '../../shared/charts';
import { fitTimeModel, rowFlops, type BenchShape } from './ratioAnalysis';

interface Group {
  label: string;
  k: number | null;
  rows: BenchRow[];
}

/** Rows by kind: standard first, then Linformer by increasing k; each group sorted by n. */
export function groupRows(rows: readonly BenchRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const label = row.k === null ? 'standard' : `Linformer k = ${row.k}`;
    const group = groups.get(label) ?? { label, k: row.k, rows: [] };
    group.rows.push(row);
    groups.set(label, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, rows: [...g.rows].sort((a, b) => a.n - b.n) }))
    .sort((a, b) => (a.k ?? -1) - (b.k ?? -1));
}

const colour = (index: number) => `var(--series-${(index % 8) + 1})`;

/**
 * Forward time against n. Theory is FLOPs turned into ms by one straight-line fit over every row
 * (fixed overhead + time per FLOP), so its slope, not its level, is the prediction to compare.
 */
export function timeSeries(rows: readonly BenchRow[], shape: BenchShape): LineSeries[] {
  const fit = fitTimeModel(rows, shape);
  return groupRows(rows).flatMap((group, index) => {
    const measured: LineSeries = {
      id: `measured-${group.label}`,
      name: `${group.label} (measured)`,
      colour: colour(index),
      markers: true,
      points: group.rows.map((row) => ({ x: row.n, y: row.msMedian, lo: row.msMin, hi: row.msMax })),
    };
    if (!fit) return [measured];
    const theory: LineSeries = {
      id: `theory-${group.label}`,
      name: `${group.label} (theory)`,
      colour: colour(index),
      dashed: true,
      points: group.rows.map((row) => ({ x: row.n, y: fit.overheadMs + fit.msPerFlop * rowFlops(row, shape) })),
    };
    return [measured, theory];
  });
}

/** Forward peak memory (above what was live before) against n, with the cost model's estimate. */
export function memorySeries(rows: readonly BenchRow[], shape: BenchShape): LineSeries[] {
  return groupRows(rows).flatMap((group, index) => [
    {
      id: `measured-${group.label}`,
      name: `${group.label} (measured)`,
      colour: colour(index),
      markers: true,
      points: group.rows.map((row) => ({ x: row.n, y: row.forwardPeakBytes })),
    },
    {
      id: `theory-${group.label}`,
      name: `${group.label} (theory)`,
      colour: colour(index),
      dashed: true,
      points: group.rows.map((row) => ({
        x: row.n,
        y: encoderCost(sweepPointConfig(shape, row), shape.batch).forwardPeakBytes,
      })),
    },
  ]);
}
