/**
 * A preset queue: every configuration of a preset at one size, once per seed, run one after another. The queue
 * itself is only what was asked (preset, size, seeds); which runs remain is read from the run history each time
 * (a job is done when a finished run of exactly its settings exists), so a reload, a stopped queue or runs made
 * by hand all continue where the history stands. Pure, so it is tested without a DOM.
 */
import {
  presetById,
  presetJobs,
  presetSettings,
  sameExperiment,
  type PresetId,
  type PresetJob,
  type PresetSize,
} from './presets';
import type { ExperimentSettings } from '../../settings/schema';
import type { RunRecord } from './runRecord';

export interface PresetQueue {
  presetId: PresetId;
  size: PresetSize;
  seeds: number;
}

export interface QueuedJob extends PresetJob {
  /** 1-based place in the queue. */
  position: number;
  label: string;
  settings: ExperimentSettings;
}

export interface QueueProgress {
  jobs: QueuedJob[];
  done: QueuedJob[];
  /** The jobs without a finished run, in queue order. */
  remaining: QueuedJob[];
  /** The next job to run, or null when every job has a finished run. */
  next: QueuedJob | null;
}

export function queueProgress(queue: PresetQueue, runs: readonly RunRecord[]): QueueProgress {
  const preset = presetById(queue.presetId);
  if (!preset) return { jobs: [], done: [], remaining: [], next: null };
  const finished = runs.filter((run) => run.status === 'finished');
  const jobs = presetJobs(preset, queue.seeds).map((job, index) => ({
    ...job,
    position: index + 1,
    label: `${preset.runs[job.runIndex].label}, seed ${job.seed}`,
    settings: presetSettings(preset, queue.size, job.runIndex, job.seed),
  }));
  const isDone = (job: QueuedJob) => finished.some((run) => sameExperiment(run.settings, job.settings));
  const done = jobs.filter(isDone);
  const remaining = jobs.filter((job) => !isDone(job));
  return { jobs, done, remaining, next: remaining[0] ?? null };
}

/** The current run first, then the history without it: the current run reaches the history only after a delay. */
export function withCurrentRun(current: RunRecord | null, history: readonly RunRecord[]): RunRecord[] {
  return current ? [current, ...history.filter((run) => run.id !== current.id)] : [...history];
}

const SIZES: readonly PresetSize[] = ['quick', 'claim'];

/** A stored queue read back (localStorage is user-editable): anything malformed is no queue. */
export function parseStoredQueue(text: string | null): PresetQueue | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<PresetQueue>;
    if (!value || typeof value !== 'object') return null;
    if (!presetById(String(value.presetId))) return null;
    if (!SIZES.includes(value.size as PresetSize)) return null;
    if (!Number.isInteger(value.seeds) || (value.seeds as number) < 1 || (value.seeds as number) > MAX_SEEDS)
      return null;
    return { presetId: value.presetId as PresetId, size: value.size as PresetSize, seeds: value.seeds as number };
  } catch {
    return null;
  }
}

export const MAX_SEEDS = 10;
