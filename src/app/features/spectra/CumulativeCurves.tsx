import { useMemo, useRef } from 'react';
import { createLineChart, type LineChartOptions } from '../../shared/charts';
import { useChart } from '../../shared/figure/useChart';
import { FigureExport } from '../../shared/figure/FigureExport';
import type { HeadSummary } from '../../../lib/spectra';
import { cumulativeSeries, curveCsvRows, curveLength, layerColour, noiseFromIndex } from './spectraFigureData';

interface Props {
  summaries: readonly HeadSummary[];
  k: number;
  label: string;
  layers: number;
}

/**
 * Figure 1 (left) of the paper for one snapshot: the mean normalised cumulative singular value of every head
 * against the index, coloured by layer, with k and the float32 noise floor marked.
 */
export function CumulativeCurves({ summaries, k, label, layers }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const title = 'Normalised cumulative singular value';
  const length = curveLength(summaries);
  const options = useMemo<LineChartOptions>(
    () => ({
      title,
      description: `${label}: for each layer and head, the share of the sum of singular values held by the largest j of them, averaged over the sampled sequences.`,
      x: { label: 'index j of the singular value', min: 1, max: Math.max(2, length) },
      y: { label: 'Σ_{i≤j} σᵢ / Σ σᵢ', max: 1 },
      legend: false,
      height: 320,
      emptyText: 'no spectra yet',
    }),
    [label, length],
  );
  const series = useMemo(() => cumulativeSeries(summaries, k), [summaries, k]);
  const flush = useChart(svgRef, createLineChart, options, series);

  const noisy = noiseFromIndex(summaries);
  return (
    <figure className="spectra-figure">
      <svg ref={svgRef} />
      <figcaption className="spectra-legend">
        {Array.from({ length: Math.min(layers, 8) }, (_, layer) => (
          <span key={layer}>
            <span className="swatch" style={{ background: layerColour(layer) }} aria-hidden="true" />
            layer {layer + 1}
          </span>
        ))}
        {layers > 8 && <span>(colours repeat every 8 layers)</span>}
        <span>dashed: k = {k}</span>
        {noisy !== null && <span className="spectra-noise">dashed amber: values from index {noisy + 1} on are float32 rounding noise in some sequences</span>}
      </figcaption>
      <FigureExport
        title={`${title} (${label})`}
        fileName={`spectra-cumulative-${label}`}
        svg={() => svgRef.current}
        rows={() => curveCsvRows(summaries)}
        flush={flush}
      />
    </figure>
  );
}
