/**
 * The estimate shown before a spectrum analysis starts, from the worker's timing of one forward pass and one SVD
 * (spectraSession.timeSpectra): the forward passes the analysis makes, plus every matrix's SVD shared among the
 * SVD workers. The analysis overlaps a batch's forward with the previous batch's SVDs, so adding the two
 * over-counts a little: the estimate leans long. Pure.
 */
import type { SpectraTiming } from '../../../worker/spectraTypes';
import { formatCount, formatMs } from '../../shared/format/format';
import type { MeasuredEstimate } from '../../shared/estimate/measuredEstimate';

export function spectraEstimate(timing: SpectraTiming): MeasuredEstimate {
  const workers = Math.max(1, timing.poolSize);
  const forwardMs = timing.forwards * timing.forwardMs;
  const svdMs = Math.ceil(timing.matrices / workers) * timing.svdMs;
  const sharing =
    timing.poolSize > 0
      ? `shared by ${formatCount(timing.poolSize, 'SVD worker')}`
      : 'one at a time in the compute worker';
  return {
    seconds: (forwardMs + svdMs) / 1000,
    basis:
      `measured: one forward of ${formatCount(timing.sequencesPerForward, 'sequence')} ${formatMs(timing.forwardMs)} ` +
      `and one SVD ${formatMs(timing.svdMs)} on ${timing.backend}; × ${formatCount(timing.forwards, 'forward')} ` +
      `and × ${formatCount(timing.matrices, 'matrix', 'matrices')} ${sharing}`,
  };
}
