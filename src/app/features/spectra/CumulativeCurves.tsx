import { useMemo, useRef } from 'react';
import { createLineChart, type LineChartOptions } from '../../shared/charts';
import { useChart } from '../../shared/figure/useChart';
import { FigureExport } from '../../shared/figure/FigureExport';
import type { HeadSummary } from '../../../lib/spectra';
import type { ReferenceCurves } from '../../../lib/spectra/referenceSpectra';
import {
  REFERENCE_COLOUR,
  cumulativeLegendKey,
  cumulativeSeries,
  curveCsvRows,
  curveLength,
  layerColour,
  noiseFromIndex,
} from './spectraFigureData';

interface Props {
  summaries: readonly HeadSummary[];
  /** The index i of the dashed marker (already clamped to the snapshot's spectrum). */
  index: number;
  label: string;
  layers: number;
  /** The reference curves for the snapshot's matrix shape; null when it is too large to compute on the page. */
  references: ReferenceCurves | null;
  /** The snapshot's matrix shape, named in the caption (also when there are no references). */
  shape: { rows: number; cols: number } | null;
}

/**
 * Figure 1 (left) of the paper for one snapshot: the mean normalised cumulative singular value of every head
 * against the index, coloured by layer and dashed by head, with two reference curves for a matrix of the same shape (uniform and
 * random softmax attention, dashed grey), and the index i and the float32 noise floor marked.
 */
export function CumulativeCurves({ summaries, index, label, layers, references, shape }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const title = 'Normalised cumulative singular value';
  const length = curveLength(summaries);
  const heads = Math.max(0, ...summaries.map((s) => s.head + 1));
  const referenceWords = references
    ? ` Dashed grey: reference curves for a ${references.rows} × ${references.cols} matrix, uniform attention (flat at 1: rank 1) and random softmax attention (rising: no structure beyond the row sums).`
    : '';
  const options = useMemo<LineChartOptions>(
    () => ({
      title,
      description: `${label}: for each layer and head, the share of the sum of singular values held by the largest j of them, averaged over the sampled sequences.${referenceWords}`,
      x: { label: 'index j of the singular value', min: 1, max: Math.max(2, length) },
      y: { label: 'share of Σσ in the top j values', max: 1 },
      // Drawn in the SVG so that an export carries it: layer colours and head dashes, not one entry per curve.
      legendKey: cumulativeLegendKey(layers, heads, references !== null),
      height: 320,
      emptyText: 'no spectra yet',
    }),
    [label, length, referenceWords, layers, heads, references],
  );
  const series = useMemo(() => cumulativeSeries(summaries, index, references), [summaries, index, references]);
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
        <span>
          The heads of a layer share its colour and differ by dash (head 1 solid; the figure&apos;s legend shows each
          dash{heads > 8 ? ', repeating every 8 heads' : ''}): point at a curve, or focus the figure and use the arrow
          keys, to read its layer and head.
        </span>
        {references ? (
          <span data-testid="spectra-reference-legend">
            <span className="swatch swatch-dashed" style={{ borderColor: REFERENCE_COLOUR }} aria-hidden="true" />
            dashed grey, references for a {references.rows} × {references.cols} matrix: flat at 1, uniform attention
            (every entry 1/{references.cols}: rank 1, where an initialised model sits); rising, random softmax attention
            (softmax of N(0, 1) logits, mean of {references.draws} seeded draw{references.draws === 1 ? '' : 's'}: no
            structure beyond the row sums). A head well above the rising one holds its mass in few values.
          </span>
        ) : (
          shape && (
            <span data-testid="spectra-reference-legend">
              No reference curves: a {shape.rows} × {shape.cols} matrix is larger than the page computes them for
              (at most the work of a 512 × 512 one).
            </span>
          )
        )}
        <span>dashed: i = {index}</span>
        {noisy !== null && <span className="spectra-noise">dashed amber: values from index {noisy + 1} on are float32 rounding noise in some sequences</span>}
      </figcaption>
      <FigureExport
        title={`${title} (${label})`}
        fileName={`spectra-cumulative-${label}`}
        svg={() => svgRef.current}
        rows={() => curveCsvRows(summaries, references)}
        flush={flush}
      />
    </figure>
  );
}
