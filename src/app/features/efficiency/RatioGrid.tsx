import { useMemo, useRef } from 'react';
import { PAPER_TABLE_3, type PaperGrid } from '../../../lib/efficiency/paperReference';
import type { BenchRow } from '../../../worker/benchTypes';
import { createHeatmap, type HeatmapData, type HeatmapOptions } from '../../shared/charts';
import { FigureExport } from '../../shared/figure/FigureExport';
import { MISSING_TEXT } from '../../shared/format/format';
import { TableScroll } from '../../shared/table/TableScroll';
import { ratioCells, type BenchShape, type RatioCell } from './ratioAnalysis';
import { useChart } from '../../shared/figure/useChart';

const REFERENCE_LABEL = 'reference: V100, larger model';
const fmt = (value: number | null | undefined) =>
  value == null || !Number.isFinite(value) ? MISSING_TEXT : `${value.toPrecision(3)}×`;

function measuredGrid(cells: readonly RatioCell[], pick: (cell: RatioCell) => number): HeatmapData {
  const ns = [...new Set(cells.map((c) => c.n))].sort((a, b) => a - b);
  const ks = [...new Set(cells.map((c) => c.k))].sort((a, b) => a - b);
  return {
    rowLabels: ns.map(String),
    colLabels: ks.map(String),
    values: ns.map((n) =>
      ks.map((k) => {
        const cell = cells.find((c) => c.n === n && c.k === k);
        return cell ? pick(cell) : null;
      }),
    ),
  };
}

function paperGrid(grid: PaperGrid): HeatmapData {
  return { rowLabels: grid.ns.map(String), colLabels: grid.ks.map(String), values: grid.values.map((row) => [...row]) };
}

function GridHeatmap({ data, options, name }: { data: HeatmapData; options: HeatmapOptions; name: string }) {
  const svg = useRef<SVGSVGElement>(null);
  const flush = useChart(svg, createHeatmap, options, data);
  return (
    <figure className="efficiency-figure">
      <svg ref={svg} />
      <FigureExport
        title={options.title}
        fileName={name}
        svg={() => svg.current}
        flush={flush}
        rows={() =>
          data.rowLabels.flatMap((n, r) => data.colLabels.map((k, c) => ({ n, k, value: data.values[r][c] })))
        }
      />
    </figure>
  );
}

const heatmapOptions = (title: string, valueLabel: string, caption: string): HeatmapOptions => ({
  title,
  rowTitle: 'sequence length n',
  colTitle: 'projected length k',
  valueLabel,
  colourScale: 'log',
  palette: 'viridis',
  format: (v: number) => `${v.toPrecision(2)}×`,
  caption,
  width: 420,
});

/**
 * Table 3, measured here: Linformer's speed-up and memory saving over standard attention at each (n, k),
 * with the theory for this model and the paper's V100 figures beside them.
 */
export function RatioGrid({ rows, shape }: { rows: readonly BenchRow[]; shape: BenchShape }) {
  const cells = useMemo(() => ratioCells(rows, shape), [rows, shape]);
  const speed = useMemo(() => measuredGrid(cells, (c) => c.speedup), [cells]);
  const memory = useMemo(() => measuredGrid(cells, (c) => c.memorySaving), [cells]);
  const options = useMemo(
    () => ({
      speed: heatmapOptions(
        'Speed-up, measured here',
        'speed-up (×)',
        'Standard forward time / Linformer forward time (medians).',
      ),
      memory: heatmapOptions(
        'Memory saving, measured here',
        'memory saving (×)',
        'Standard / Linformer forward peak bytes (tf.profile, above what was live before).',
      ),
      paperSpeed: heatmapOptions(`Speed-up — ${REFERENCE_LABEL}`, 'speed-up (×)', PAPER_TABLE_3.source),
      paperMemory: heatmapOptions(
        `Memory saving — ${REFERENCE_LABEL}`,
        'memory saving (×)',
        'Ratio of the largest batch sizes that fit, from the same table.',
      ),
    }),
    [],
  );
  const paper = useMemo(
    () => ({ speed: paperGrid(PAPER_TABLE_3.speedup), memory: paperGrid(PAPER_TABLE_3.memorySaving) }),
    [],
  );
  return (
    <div className="efficiency-grid" data-testid="efficiency-grid">
      <TableScroll label="Speed-up and memory saving per (n, k)">
        <table className="data-table ratio-table">
          <caption>
            Linformer against standard attention at each measured (n, k): measured, this model&apos;s theory, and the
            paper&apos;s Table 3 ({REFERENCE_LABEL}).
          </caption>
          <thead>
            <tr>
              <th scope="col">n</th>
              <th scope="col">k</th>
              <th scope="col">speed-up measured</th>
              <th scope="col">theory</th>
              <th scope="col">training step</th>
              <th scope="col">memory saving measured</th>
              <th scope="col">theory</th>
              <th scope="col">{REFERENCE_LABEL}: speed-up / memory</th>
            </tr>
          </thead>
          <tbody>
            {cells.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  No (n, k) pair measured yet: each cell needs a standard and a Linformer row at the same n.
                </td>
              </tr>
            )}
            {cells.map((cell) => {
              const paperSpeed =
                PAPER_TABLE_3.speedup.values[PAPER_TABLE_3.speedup.ns.indexOf(cell.n)]?.[
                  PAPER_TABLE_3.speedup.ks.indexOf(cell.k)
                ];
              const paperMemory =
                PAPER_TABLE_3.memorySaving.values[PAPER_TABLE_3.memorySaving.ns.indexOf(cell.n)]?.[
                  PAPER_TABLE_3.memorySaving.ks.indexOf(cell.k)
                ];
              return (
                <tr key={`${cell.n}-${cell.k}`} data-testid="ratio-cell">
                  <td>{cell.n}</td>
                  <td>{cell.k}</td>
                  <td>{fmt(cell.speedup)}</td>
                  <td>{fmt(cell.theorySpeedup)}</td>
                  <td>{fmt(cell.trainSpeedup)}</td>
                  <td>{fmt(cell.memorySaving)}</td>
                  <td>{fmt(cell.theoryMemorySaving)}</td>
                  <td>
                    {fmt(paperSpeed)} / {fmt(paperMemory)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <div className="heatmap-pair">
        <GridHeatmap data={speed} options={options.speed} name="efficiency-speedup-measured" />
        <GridHeatmap data={paper.speed} options={options.paperSpeed} name="paper-table3-speedup-reference" />
      </div>
      <div className="heatmap-pair">
        <GridHeatmap data={memory} options={options.memory} name="efficiency-memory-measured" />
        <GridHeatmap data={paper.memory} options={options.paperMemory} name="paper-table3-memory-reference" />
      </div>
    </div>
  );
}
