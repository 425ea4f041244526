import { useMemo, useRef } from 'react';
import { createLineChart, type LineChartOptions } from '../../shared/charts';
import { useChart } from '../../shared/figure/useChart';
import { FigureExport } from '../../shared/figure/FigureExport';
import { spectrumCsvRows, spectrumSeries } from './headViewData';

interface Props {
  sigma: Float64Array;
  /** errors[i]: the Eckart–Young error of the best rank-i approximation (i = 0..p). */
  errors: Float64Array;
  rank: number;
  /** What the head is ("initialised standard, layer 1 · head 2, …"), for the description and file names. */
  label: string;
  matrixName: string;
  fileName: string;
}

/** The singular values of the head's matrix beside it, with the error of each rank and the chosen r marked. */
export function HeadSpectrumFigure({ sigma, errors, rank, label, matrixName, fileName }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const title = `Singular values of ${matrixName}`;
  const options = useMemo<LineChartOptions>(
    () => ({
      title,
      description: `${label}: the singular values σᵢ of ${matrixName} relative to the largest, and the relative Frobenius error of its best rank-i approximation, against i, on a log axis; dashed, the chosen r.`,
      x: { label: 'index i', min: 1, max: Math.max(2, sigma.length) },
      y: { label: 'relative to σ₁, or error', scale: 'log', max: 1 },
      height: 300,
      emptyText: 'no singular values',
    }),
    [title, label, matrixName, sigma.length],
  );
  const series = useMemo(() => spectrumSeries(sigma, errors, rank), [sigma, errors, rank]);
  const flush = useChart(svgRef, createLineChart, options, series);
  return (
    <figure className="spectra-figure head-figure" data-testid="head-spectrum">
      <svg ref={svgRef} />
      <FigureExport
        title={`${title} (${label})`}
        fileName={fileName}
        svg={() => svgRef.current}
        rows={() => spectrumCsvRows(sigma, errors, rank)}
        flush={flush}
      />
    </figure>
  );
}
