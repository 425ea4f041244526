import { useMemo, useRef } from 'react';
import { createHeatmap, type HeatmapOptions } from '../../shared/charts';
import { useChart } from '../../shared/figure/useChart';
import { FigureExport } from '../../shared/figure/FigureExport';
import type { HeadSummary } from '../../../lib/spectra';
import { atKHeatmapData, decimalsFor, headCsvRows } from './spectraFigureData';

interface Props {
  summaries: readonly HeadSummary[];
  k: number;
  label: string;
  layers: number;
  heads: number;
  /** Colour range shared with the snapshot shown beside it. */
  domain?: [number, number];
  testId: string;
}

/** Figure 1 (right) of the paper for one snapshot: layers × heads, coloured by the cumulative value at index k. */
export function AtKHeatmap({ summaries, k, label, layers, heads, domain, testId }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const title = `Top-${k} share of Σσ per head`;
  const decimals = decimalsFor(domain);
  const options = useMemo<HeatmapOptions>(
    () => ({
      title,
      description: `${label}: for each layer and head, the mean over the sampled sequences of Σ_{i≤k} σᵢ / Σ σᵢ.`,
      rowTitle: 'layer',
      colTitle: 'head',
      valueLabel: `top-${k} share`,
      domain,
      format: (v: number) => v.toFixed(decimals),
      caption: `${label}. Mean over the sampled sequences of Σ_{i≤k} σᵢ / Σ σᵢ; near 1, the top k singular values hold almost all of P.`,
    }),
    [title, label, k, decimals, domain],
  );
  const data = useMemo(() => atKHeatmapData(summaries, layers, heads), [summaries, layers, heads]);
  const flush = useChart(svgRef, createHeatmap, options, data);

  return (
    <figure className="spectra-figure">
      <div data-testid={testId}>
        <svg ref={svgRef} />
      </div>
      <FigureExport
        title={`${title} (${label})`}
        fileName={`spectra-heatmap-k${k}-${label}`}
        svg={() => svgRef.current}
        rows={() => headCsvRows(summaries, k).map(({ layer, head, cumulative_at_k }) => ({ layer, head, k, cumulative_at_k }))}
        flush={flush}
      />
    </figure>
  );
}
