import { useMemo } from 'react';
import type { HeadSummary } from '../../../lib/spectra';
import type { SpectraSnapshot } from './spectraStore';
import { AtKHeatmap } from './AtKHeatmap';
import { CumulativeCurves } from './CumulativeCurves';
import { HeadTable } from './HeadTable';
import { cachedReferenceCurves } from './referenceCache';
import { referenceShape, spectrumLength, type HeatmapScale } from './spectraFigureData';

interface Props {
  snapshot: SpectraSnapshot;
  summaries: readonly HeadSummary[];
  /** The index i the figures show (the chosen one, clamped to this snapshot's spectrum). */
  index: number;
  /** The index as chosen, when it was more than this snapshot has (it is then shown at `index`). */
  requestedIndex: number;
  /** The heatmap's colours and decimals, shared by the snapshots on show. */
  heatmapScale: HeatmapScale;
  /** '' for the main column, '-compare' for the one beside it: keeps test ids unique. */
  testIdSuffix: string;
}

/** The three figures of one snapshot, stacked. */
export function SnapshotFigures({ snapshot, summaries, index, requestedIndex, heatmapScale, testIdSuffix }: Props) {
  const { result, label } = snapshot;
  const { config } = result;
  const shape = useMemo(() => referenceShape(result), [result]);
  const references = useMemo(() => (shape ? cachedReferenceCurves(shape.rows, shape.cols) : null), [shape]);
  const linformerNote =
    config.attention === 'linformer'
      ? ` Linformer's P̄ is n × k (k = ${[...new Set(config.kPerLayer)].join('/')}), so it has at most k singular values: at an index ≥ that k the share is 1 by construction.`
      : '';
  const length = spectrumLength(result);
  return (
    <div className="spectra-column">
      <h3>{label}</h3>
      <p className="muted">
        {result.sequences} validation sequence{result.sequences === 1 ? '' : 's'} of {result.corpus}, {result.backend} ·{' '}
        {(result.timing.totalMs / 1000).toFixed(2)} s ({(result.timing.attentionMs / 1000).toFixed(2)} s attention,{' '}
        {(result.timing.svdMs / 1000).toFixed(2)} s SVDs on {result.poolSize || 'no'} worker{result.poolSize === 1 ? '' : 's'}).
        Probabilities come from the GPU in float32; the Gram products and eigenvalues run in float64.{linformerNote}
      </p>
      {requestedIndex > index && (
        <p className="notice" role="note" data-testid={`spectra-index-note${testIdSuffix}`}>
          Index i = {requestedIndex} is more than the {length} singular values this snapshot&apos;s matrices have
          ({config.attention === 'linformer' ? 'min(n, k) for the n × k P̄' : 'n for the n × n P'}): its figures show i ={' '}
          {index}.
        </p>
      )}
      <CumulativeCurves
        summaries={summaries}
        index={index}
        label={label}
        layers={config.layers}
        references={references}
        shape={shape}
      />
      <AtKHeatmap
        summaries={summaries}
        index={index}
        label={label}
        layers={config.layers}
        heads={config.heads}
        scale={heatmapScale}
        testId={`spectra-heatmap${testIdSuffix}`}
      />
      <HeadTable summaries={summaries} index={index} label={label} testId={`spectra-table${testIdSuffix}`} />
    </div>
  );
}
