import { computeWorker } from '../../shared/compute/computeClient';
import { toRunSpec } from '../../settings/toRunSpec';
import { useExperimentStore } from '../../settings/experimentStore';
import { useBackendStore } from '../../shell/backendStore';
import { useMeasuredEstimate, type MeasuredEstimateState } from '../../shared/estimate/useMeasuredEstimate';
import { RUN_TIMED_STEPS, runEstimate } from './runEstimate';

export const RUN_ESTIMATE_HELP = `Times ${RUN_TIMED_STEPS} training steps and one validation pass of these settings here, on a model of their own`;
export const RUN_ESTIMATE_BUSY = `Timing ${RUN_TIMED_STEPS} training steps and one validation pass…`;

/**
 * The estimate for a run of the current settings: the worker times a few training steps and one validation pass
 * on a model of its own (timeSteps), so a paused run is left as it is. Dropped when the settings or backend change.
 */
export function useRunEstimate(): MeasuredEstimateState {
  const settings = useExperimentStore((s) => s.settings);
  const backend = useBackendStore((s) => s.report?.active ?? null);
  const spec = toRunSpec(settings);
  return useMeasuredEstimate(JSON.stringify([spec, backend]), async () => {
    const timing = await computeWorker().timeSteps(spec, RUN_TIMED_STEPS, { validation: true });
    return runEstimate(settings, timing, RUN_TIMED_STEPS, backend ?? 'this backend');
  });
}
