import { describe, expect, it } from 'vitest';
import { singularValues } from '../lib/numerics/singularValues';
import { createRng } from '../lib/random';
import { createSvdPool, defaultPoolSize, type SvdEndpoint, type SvdJob } from './svdPool';

/** A stand-in worker: computes on a later tick, counts its calls, and can be told to die or never load. */
function fakeEndpoint(log: { calls: number[]; inFlight: number; maxInFlight: number }, index: number, behaviour: 'ok' | 'dies' = 'ok'): SvdEndpoint {
  let failure: ((message: string) => void) | null = null;
  return {
    singularValues(job) {
      log.calls.push(index);
      log.inFlight += 1;
      log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
      return new Promise((resolve, reject) => {
        setTimeout(() => {
          log.inFlight -= 1;
          if (behaviour === 'dies') failure?.('worker crashed');
          else {
            try {
              resolve(singularValues(job.data, job.rows, job.cols));
            } catch (error) {
              reject(error);
            }
          }
        }, 1);
      });
    },
    onFailure(listener) {
      failure = listener;
    },
    terminate() {},
  };
}

function randomJobs(count: number): SvdJob[] {
  const rng = createRng(9);
  return Array.from({ length: count }, (_, i) => {
    const rows = 5 + (i % 3);
    const cols = 7;
    return { rows, cols, data: Float32Array.from({ length: rows * cols }, () => rng.normal()) };
  });
}

describe('createSvdPool', () => {
  it('returns each job its own spectrum and spreads the jobs over every worker, at most one each', async () => {
    const log = { calls: [] as number[], inFlight: 0, maxInFlight: 0 };
    const pool = createSvdPool(3, (i) => fakeEndpoint(log, i));
    const jobs = randomJobs(12);
    const results = await Promise.all(jobs.map((job) => pool.run(job)));
    results.forEach((sigma, i) => expect(Array.from(sigma)).toEqual(Array.from(singularValues(jobs[i].data, jobs[i].rows, jobs[i].cols))));
    expect(new Set(log.calls)).toEqual(new Set([0, 1, 2]));
    expect(log.maxInFlight).toBe(3);
    // The caller's matrices are untouched (workers get copies).
    expect(jobs.every((job) => job.data.length === job.rows * job.cols)).toBe(true);
    pool.dispose();
  });

  it('re-runs the job of a dying worker elsewhere, and computes inline when no worker is left', async () => {
    const log = { calls: [] as number[], inFlight: 0, maxInFlight: 0 };
    const mixed = createSvdPool(2, (i) => fakeEndpoint(log, i, i === 0 ? 'dies' : 'ok'));
    const jobs = randomJobs(5);
    const results = await Promise.all(jobs.map((job) => mixed.run(job)));
    expect(results.map((sigma) => sigma.length)).toEqual(jobs.map((job) => Math.min(job.rows, job.cols)));
    expect(mixed.size).toBe(1);

    const allDead = createSvdPool(2, (i) => fakeEndpoint(log, i, 'dies'));
    const sigma = await allDead.run(jobs[0]);
    expect(Array.from(sigma)).toEqual(Array.from(singularValues(jobs[0].data, jobs[0].rows, jobs[0].cols)));
    expect(allDead.size).toBe(0);

    const noWorkers = createSvdPool(2, () => {
      throw new Error('Worker is not defined');
    });
    expect((await noWorkers.run(jobs[1])).length).toBe(Math.min(jobs[1].rows, jobs[1].cols));
  });

  it('passes on a bad matrix as a rejection and refuses work after dispose', async () => {
    const log = { calls: [] as number[], inFlight: 0, maxInFlight: 0 };
    const pool = createSvdPool(1, (i) => fakeEndpoint(log, i));
    await expect(pool.run({ rows: 2, cols: 2, data: new Float32Array(3) })).rejects.toThrow();
    pool.dispose();
    await expect(pool.run(randomJobs(1)[0])).rejects.toThrow(/shut down/);
  });

  it('sizes the pool as min(4, hardwareConcurrency), at least 1', () => {
    expect(defaultPoolSize(2)).toBe(2);
    expect(defaultPoolSize(16)).toBe(4);
    expect(defaultPoolSize(undefined)).toBe(1);
  });
});
