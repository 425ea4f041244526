import { useMemo, useRef } from 'react';
import { createHeatmap, type HeatmapHover, type HeatmapOptions } from '../../shared/charts';
import { useChart } from '../../shared/figure/useChart';
import { FigureExport } from '../../shared/figure/FigureExport';
import type { MatrixBlock } from '../../../lib/numerics/lowRank';
import { heatmapData, matrixCsvRows } from './headViewData';

interface Props {
  title: string;
  description: string;
  caption: string;
  /** The drawn block's values, rows of the heatmap. */
  values: number[][];
  block: MatrixBlock;
  labels: { rowLabels: string[]; colLabels: string[] };
  /** Linformer's P̄: columns are compressed key positions, not tokens. */
  compressed: boolean;
  /** Shared with the figure beside it, so equal colours mean equal values. */
  domain: [number, number];
  valueLabel: string;
  /** The CSV column of the values ("p", "p_r"). */
  csvValueName: string;
  fileName: string;
  testId: string;
  /** The cell under the pointer or keyboard cursor, in positions of the whole matrix (0-based), or null. */
  onHover(cell: { row: number; col: number } | null): void;
}

/** One attention matrix (P, P̄ or an approximation of it) as a heatmap over the sequence's tokens, with its exports. */
export function HeadMatrixFigure(props: Props) {
  const { title, description, caption, values, block, labels, compressed, domain, valueLabel, csvValueName, fileName, testId, onHover } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const options = useMemo<HeatmapOptions>(
    () => ({
      title,
      description,
      caption,
      rowTitle: 'query (token)',
      colTitle: compressed ? 'compressed key position j (row j of E·K)' : 'key (token)',
      valueLabel,
      domain,
      showValues: false,
      // Square cells for P (n × n); P̄ has only k columns, whose square cells would make it k/n times too tall:
      // its rows get the height P's would have at the same n (about 480 px in all, 6–16 px each).
      cellHeight: compressed ? Math.max(6, Math.min(16, 480 / Math.max(1, values.length))) : 'square',
      format: (v: number) => v.toPrecision(3),
      onHover: (hover: HeatmapHover | null) =>
        onHover(hover ? { row: block.rowStart + hover.row, col: block.colStart + hover.col } : null),
    }),
    [title, description, caption, compressed, valueLabel, domain, onHover, block, values.length],
  );
  const data = useMemo(() => heatmapData(values, labels), [values, labels]);
  const flush = useChart(svgRef, createHeatmap, options, data);
  return (
    <figure className="spectra-figure head-figure">
      <div data-testid={testId}>
        <svg ref={svgRef} />
      </div>
      <FigureExport
        title={title}
        fileName={fileName}
        svg={() => svgRef.current}
        rows={() => matrixCsvRows(values, block, labels, compressed, csvValueName)}
        flush={flush}
      />
    </figure>
  );
}
