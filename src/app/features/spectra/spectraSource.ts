/**
 * Which model the spectra section analyses when nobody has said: the trained one once a run has finished.
 *
 * Why not simply make 'trained' the field's default: a link without "ss" has always meant 'initialised', and the
 * link writer leaves default values out, so changing the default would change what every old link (and every
 * link written since) means — and on opening one there is no trained model yet, so it would ask for one that does
 * not exist. Instead the field keeps its default and the section *derives* its source: an explicit choice (an "ss"
 * in the link, or a pick in the control) always wins; without one, the source is 'trained' as soon as the last run
 * has finished or been stopped with its model kept, and 'initialised' before that. The derived choice is not
 * written into the link (it depends on this page session's run), so a shared link keeps meaning what it says.
 * Pure functions: the store and the component combine them with the run store's state.
 */
import type { RunStatus } from '../../../worker/computeApi';
import type { SpectraSource } from '../../../worker/spectraTypes';
import { SPECTRA_FIELDS } from './spectraFields';

const [SOURCE_FIELD] = SPECTRA_FIELDS;

/**
 * Where the worker's trained model stands: 'none' (no run in this page session, or it never got a model, and no
 * model kept in this browser from an earlier session),
 * 'training' (its model exists but is still being trained, or paused), 'ready' (finished or stopped: the worker
 * keeps its model) or 'failed' (the run broke off; its model is kept but may be half trained or diverged).
 */
export type TrainedModelState = 'none' | 'training' | 'ready' | 'failed';

/** The run store's current run, reduced to what decides whether the worker holds its model. */
export interface RunGlance {
  status: RunStatus;
  /** Set once the worker has built the run's model (startRun resolved). */
  info: unknown;
}

/**
 * `kept`: the worker restored a model saved by an earlier page session (the run store's savedModel). It counts as
 * a finished run's model until a run starts in this session.
 */
export function trainedModelState(run: RunGlance | null, kept = false): TrainedModelState {
  if (!run && kept) return 'ready';
  // Before startRun resolves the worker has disposed of the previous model and not yet built the next one.
  if (!run || run.info === null || run.info === undefined) return 'none';
  if (run.status === 'finished' || run.status === 'stopped') return 'ready';
  if (run.status === 'failed') return 'failed';
  return 'training';
}

/** The source to analyse: the explicit choice when there is one, else the trained model once it is ready. */
export function effectiveSource(choice: { source: SpectraSource; sourceChosen: boolean }, trained: TrainedModelState): SpectraSource {
  if (choice.sourceChosen) return choice.source;
  return trained === 'ready' ? 'trained' : choice.source;
}

/** The line about a model kept from an earlier session, or null when there is none (or a run of this session replaced it). */
export function keptModelNote(kept: { label: string; steps: number } | null, run: RunGlance | null): string | null {
  if (!kept || run) return null;
  return `Trained model from the last session: ${kept.label}, ${kept.steps} steps (kept in this browser).`;
}

/** Whether a query string chooses the source itself (a valid "ss"; a damaged one is repaired to the default, unchosen). */
export function linkChoosesSource(search: string): boolean {
  const raw = new URLSearchParams(search).get(SOURCE_FIELD.key);
  return raw !== null && (SOURCE_FIELD.choices as readonly string[]).includes(raw);
}

/**
 * The plain words next to the controls about the trained model, or null when there is nothing to say. `automatic`:
 * the source was not chosen, so `source` is the derived one.
 */
export function trainedModelNote(trained: TrainedModelState, source: SpectraSource, automatic: boolean): string | null {
  switch (trained) {
    case 'none':
      return 'No trained model yet in this session: only initialised models can be analysed, and their attention is near uniform (close to rank 1), so they cannot test Claim 1. Train a standard-attention run — the presets\u2019 claim size learns context — then analyse it.';
    case 'training':
      if (source === 'trained') return 'The current run is still training: its model is analysed as it is now, part-way.';
      return automatic ? 'A run is training: once it finishes, its model becomes the one analysed here (unless you pick one).' : null;
    case 'failed':
      return source === 'trained'
        ? 'The last run failed: its model is analysed as it was left, which may be half trained or diverged.'
        : null;
    case 'ready':
      return source === 'trained' && automatic
        ? "Analysing the last run's trained model, chosen because that run has finished; pick \u201cinitialised\u201d to analyse fresh weights instead."
        : null;
  }
}
