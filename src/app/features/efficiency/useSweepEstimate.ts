import { computeWorker } from '../../shared/compute/computeClient';
import { useExperimentStore } from '../../settings/experimentStore';
import { useBackendStore } from '../../shell/backendStore';
import { useMeasuredEstimate, type MeasuredEstimateState } from '../../shared/estimate/useMeasuredEstimate';
import { sweepRequest, useEfficiencyStore } from './efficiencyStore';
import { sweepEstimate } from './sweepEstimate';

export const SWEEP_ESTIMATE_HELP =
  "Times the sweep's costliest point once here (a warm-up, then one forward and training step) and bounds the sweep by it";
export const SWEEP_ESTIMATE_BUSY = "Timing the sweep's costliest point…";

/**
 * The estimate for the sweep as set: the worker times its costliest point once and the sweep is bounded by every
 * point being as slow (sweepEstimate.ts). Dropped when the lists, the timing options, the model shape (the
 * experiment settings) or the backend change.
 */
export function useSweepEstimate(): MeasuredEstimateState {
  const { sweepNs, sweepKs, options } = useEfficiencyStore();
  // Read so that a change of the model shape renders again, and so changes the key.
  useExperimentStore((s) => s.settings);
  const backend = useBackendStore((s) => s.report?.active ?? null);
  const request = sweepRequest(sweepNs, sweepKs, options);
  return useMeasuredEstimate(JSON.stringify([request, backend]), async () =>
    sweepEstimate(await computeWorker().timeCostliestPoint(request), options),
  );
}
