import type { HeadSummary } from '../../../lib/spectra';
import type { SpectraSnapshot } from './spectraStore';
import { AtKHeatmap } from './AtKHeatmap';
import { CumulativeCurves } from './CumulativeCurves';
import { HeadTable } from './HeadTable';

interface Props {
  snapshot: SpectraSnapshot;
  summaries: readonly HeadSummary[];
  k: number;
  domain?: [number, number];
  /** '' for the main column, '-compare' for the one beside it: keeps test ids unique. */
  testIdSuffix: string;
}

/** The three figures of one snapshot, stacked. */
export function SnapshotFigures({ snapshot, summaries, k, domain, testIdSuffix }: Props) {
  const { result, label } = snapshot;
  const { config } = result;
  const linformerNote =
    config.attention === 'linformer'
      ? ` Linformer's P̄ is n × k (k = ${[...new Set(config.kPerLayer)].join('/')}), so it has at most k singular values: at an index ≥ that k the share is 1 by construction.`
      : '';
  return (
    <div className="spectra-column">
      <h3>{label}</h3>
      <p className="muted">
        {result.sequences} validation sequence{result.sequences === 1 ? '' : 's'} of {result.corpus}, {result.backend} ·{' '}
        {(result.timing.totalMs / 1000).toFixed(2)} s ({(result.timing.attentionMs / 1000).toFixed(2)} s attention,{' '}
        {(result.timing.svdMs / 1000).toFixed(2)} s SVDs on {result.poolSize || 'no'} worker{result.poolSize === 1 ? '' : 's'}).
        Probabilities come from the GPU in float32; the Gram products and eigenvalues run in float64.{linformerNote}
      </p>
      <CumulativeCurves summaries={summaries} k={k} label={label} layers={config.layers} />
      <AtKHeatmap
        summaries={summaries}
        k={k}
        label={label}
        layers={config.layers}
        heads={config.heads}
        domain={domain}
        testId={`spectra-heatmap${testIdSuffix}`}
      />
      <HeadTable summaries={summaries} k={k} label={label} testId={`spectra-table${testIdSuffix}`} />
    </div>
  );
}
