import { computeWorker } from '../../shared/compute/computeClient';
import { toRunSpec } from '../../settings/toRunSpec';
import type { ExperimentSettings } from '../../settings/schema';
import { useBackendStore } from '../../shell/backendStore';
import { useMeasuredEstimate, type MeasuredEstimateState } from '../../shared/estimate/useMeasuredEstimate';
import type { SpectraSource } from '../../../worker/spectraTypes';
import { useSpectraStore } from './spectraStore';
import { spectraEstimate } from './spectraEstimate';

export const SPECTRA_ESTIMATE_HELP =
  'Times one forward pass and one SVD of this analysis here, then scales by its counts';
export const SPECTRA_ESTIMATE_BUSY = 'Timing one forward pass and one SVD…';

/**
 * The estimate for the analysis as set (the same request Compute spectra sends). Dropped when the analysed
 * settings, the sample count, the source, the trained model (`trainedModel`: which one is on offer) or the
 * backend change.
 */
export function useSpectraEstimate(
  settings: ExperimentSettings,
  source: SpectraSource,
  trainedModel: string,
): MeasuredEstimateState {
  const samples = useSpectraStore((s) => s.samples);
  const backend = useBackendStore((s) => s.report?.active ?? null);
  const spec = toRunSpec(settings);
  const request = { source, corpus: spec.corpus, model: spec.model, samples };
  const key = JSON.stringify([request, source === 'trained' ? trainedModel : null, backend]);
  return useMeasuredEstimate(key, async () => spectraEstimate(await computeWorker().timeSpectra(request)));
}
