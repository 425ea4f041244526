import { computeWorker } from '../../shared/compute/computeClient';
import { useBackendStore } from '../../shell/backendStore';
import { useMeasuredEstimate, type MeasuredEstimateState } from '../../shared/estimate/useMeasuredEstimate';
import type { FineTuneRequest } from '../../../worker/finetuneTypes';
import { FINETUNE_TIMED_STEPS, fineTuneEstimate } from './finetuneEstimate';

export const FINETUNE_ESTIMATE_HELP = `Times ${FINETUNE_TIMED_STEPS} fine-tune steps and one dev batch here, then scales by the run's steps and dev evaluations`;
export const FINETUNE_ESTIMATE_BUSY = `Timing ${FINETUNE_TIMED_STEPS} fine-tune steps and one dev batch…`;

/**
 * The estimate for the fine-tune as set (the request Start fine-tune would send). Dropped when anything its time
 * depends on changes: the request (the learning rate aside), the trained model on offer (`trainedModel`, the
 * resolved id, so a newer run counts as a change) and the backend.
 */
export function useFineTuneEstimate(request: FineTuneRequest, trainedModel: string | null): MeasuredEstimateState {
  const backend = useBackendStore((s) => s.report?.active ?? null);
  const { dataset, start, pooling, steps, batchSize, fresh } = request;
  // The learning rate and the seed do not change a step's time; the fresh model's settings matter only for 'fresh'.
  const key = JSON.stringify([
    dataset,
    start,
    pooling,
    steps,
    batchSize,
    start === 'trained' ? trainedModel : fresh,
    backend,
  ]);
  return useMeasuredEstimate(key, async () =>
    fineTuneEstimate(await computeWorker().timeFineTune(request, FINETUNE_TIMED_STEPS), request),
  );
}
