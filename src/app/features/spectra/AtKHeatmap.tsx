import { useMemo, useRef } from 'react';
import { createHeatmap, type HeatmapOptions } from '../../shared/charts';
import { useChart } from '../../shared/figure/useChart';
import { FigureExport } from '../../shared/figure/FigureExport';
import type { HeadSummary } from '../../../lib/spectra';
import { atKHeatmapData, headCsvRows, type HeatmapScale } from './spectraFigureData';
import { subscript } from './headViewData';

interface Props {
  summaries: readonly HeadSummary[];
  /** The index i (already clamped to the snapshot's spectrum); not the model's k. */
  index: number;
  label: string;
  layers: number;
  heads: number;
  /** Colours (shared with the snapshot shown beside it, or fixed to [0, 1]) and printed decimals. */
  scale: HeatmapScale;
  testId: string;
}

/** Figure 1 (right) of the paper for one snapshot: layers × heads, coloured by the cumulative value at index i. */
export function AtKHeatmap({ summaries, index, label, layers, heads, scale, testId }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const title = `Top-${index} share of Σσ per head`;
  const { domain, decimals, barDecimals, note } = scale;
  const options = useMemo<HeatmapOptions>(
    () => ({
      title,
      description: `${label}: for each layer and head, the mean over the sampled sequences of the share of Σσ held by the top ${index} singular values.`,
      rowTitle: 'layer',
      colTitle: 'head',
      valueLabel: `top-${index} share`,
      domain,
      format: (v: number) => v.toFixed(decimals),
      barFormat: (v: number) => v.toFixed(barDecimals),
      caption: `${label}. Mean over the sampled sequences of the share of Σσ held by the top ${index} singular values, (σ₁ + … + σ${subscript(index)}) / Σσ; near 1, they hold almost all of P. ${note}`,
    }),
    [title, label, index, decimals, barDecimals, domain, note],
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
        fileName={`spectra-heatmap-i${index}-${label}`}
        svg={() => svgRef.current}
        rows={() => headCsvRows(summaries, index).map(({ layer, head, i, top_i_share }) => ({ layer, head, i, top_i_share }))}
        flush={flush}
      />
    </figure>
  );
}
