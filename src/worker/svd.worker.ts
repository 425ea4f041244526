/**
 * One member of the SVD pool: singular values of matrices sent by the compute worker. Plain float64
 * TypeScript (no tfjs), so each pool worker is small and starts fast.
 */
import * as Comlink from 'comlink';
import { singularValues } from '../lib/numerics/singularValues';

export interface SvdJob {
  rows: number;
  cols: number;
  data: Float32Array;
}

const api = {
  singularValues(job: SvdJob): Float64Array {
    const sigma = singularValues(job.data, job.rows, job.cols);
    return Comlink.transfer(sigma, [sigma.buffer]);
  },
};

export type SvdWorkerApi = typeof api;

Comlink.expose(api);
