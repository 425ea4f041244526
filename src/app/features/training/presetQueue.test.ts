import { describe, expect, it } from 'vitest';
import { parseStoredQueue, queueProgress, type PresetQueue } from './presetQueue';
import { makeRun } from './testRun';
import type { ExperimentSettings } from '../../settings/schema';
import type { RunRecord } from './runRecord';

const testRun = ({ id, settings, status }: { id: string; settings: ExperimentSettings; status: RunRecord['status'] }) =>
  makeRun({ id, status }, settings);

const queue: PresetQueue = { presetId: 'k-at-fixed-n', size: 'quick', seeds: 2 };

describe('preset queue', () => {
  it('lists every configuration once per seed, seed by seed', () => {
    const { jobs, next, done } = queueProgress(queue, []);
    expect(jobs.map((job) => job.label)).toEqual([
      'standard attention, seed 1',
      'k = 4, seed 1',
      'k = 8, seed 1',
      'standard attention, seed 2',
      'k = 4, seed 2',
      'k = 8, seed 2',
    ]);
    expect(jobs.map((job) => job.settings.seed)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(done).toEqual([]);
    expect(next?.position).toBe(1);
  });

  it('continues after the finished runs in the history, whatever order they were made in', () => {
    const { jobs } = queueProgress(queue, []);
    const finished = [jobs[0], jobs[2]].map((job, i) =>
      testRun({ id: `r${i}`, settings: job.settings, status: 'finished' }),
    );
    const progress = queueProgress(queue, finished);
    expect(progress.done.map((job) => job.position)).toEqual([1, 3]);
    expect(progress.next?.position).toBe(2);
  });

  it('does not count a stopped or failed run, or one of other settings, as done', () => {
    const { jobs } = queueProgress(queue, []);
    const runs = [
      testRun({ id: 'a', settings: jobs[0].settings, status: 'stopped' }),
      testRun({ id: 'b', settings: jobs[0].settings, status: 'failed' }),
      testRun({ id: 'c', settings: { ...jobs[0].settings, steps: jobs[0].settings.steps + 1 }, status: 'finished' }),
    ];
    expect(queueProgress(queue, runs).next?.position).toBe(1);
  });

  it('is finished when every job has a finished run', () => {
    const { jobs } = queueProgress(queue, []);
    const runs = jobs.map((job, i) => testRun({ id: `r${i}`, settings: job.settings, status: 'finished' }));
    expect(queueProgress(queue, runs)).toMatchObject({ next: null });
    expect(queueProgress(queue, runs).done).toHaveLength(6);
  });

  it('reads back only a well-formed stored queue', () => {
    expect(parseStoredQueue(JSON.stringify(queue))).toEqual(queue);
    for (const bad of [
      null,
      '',
      '{',
      '[]',
      '{"presetId":"nope","size":"quick","seeds":3}',
      '{"presetId":"sharing","size":"huge","seeds":3}',
      '{"presetId":"sharing","size":"quick","seeds":0}',
      '{"presetId":"sharing","size":"quick","seeds":2.5}',
    ]) {
      expect(parseStoredQueue(bad)).toBeNull();
    }
  });
});
