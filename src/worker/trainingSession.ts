/**
 * One training run at a time inside the compute worker: builds the data source, model and trainer from
 * a run spec, drives them with a TrainingLoop, and forwards reports and status changes to the page.
 * The last run's model stays loaded after it ends, so later analyses (attention spectra) can use it; when it
 * finishes or is stopped its weights are also saved to IndexedDB (savedModel.ts), and a later page session that has
 * not trained yet gets that model back (restored on first need), so it can still be analysed after a reload.
 */
import { prepareTrainingRun } from '../lib/experiments/prepareTrainingRun';
import type { Encoder } from '../lib/model';
import { Trainer, TrainingLoop } from '../lib/train';
import { prepareCorpus } from './corpusCache';
import type { RunInfo, TrainingEvents, TrainingRunSpec } from './computeApi';
import { restoreTrainedModel, saveTrainedModel, type RestoredModel, type SavedModelInfo } from './savedModel';

interface ActiveRun {
  spec: TrainingRunSpec;
  model: Encoder;
  trainer: Trainer;
  loop: TrainingLoop;
  /** The save of the model once the run ended (finished or stopped); the model is disposed only after it. */
  saved: Promise<void>;
}

let active: ActiveRun | null = null;
/** The model of an earlier page session, rebuilt from IndexedDB; only while no run has started in this one. */
let restored: RestoredModel | null = null;
let restoring: Promise<void> | null = null;

/**
 * Rebuilds the kept model once, on first need (the backend is chosen by then: the page calls start first). Every
 * reader of the trained model awaits it; a run started in this session replaces it.
 */
export function restoreSavedModel(): Promise<void> {
  restoring ??= restoreTrainedModel().then(
    (model) => {
      if (active) model?.model.dispose(); // a run started meanwhile wins
      else restored = model;
    },
    (error) => console.warn('The saved trained model could not be restored:', error),
  );
  return restoring;
}

/** The model restored from an earlier session, while it is the trained model on offer; null otherwise. */
export async function savedModelInfo(): Promise<SavedModelInfo | null> {
  await restoreSavedModel();
  return !active && restored ? { ...restored.info } : null;
}

/** Prepares a run (data, model, trainer) and starts training it; resolves once training has begun. */
export async function startRun(spec: TrainingRunSpec, events: TrainingEvents): Promise<RunInfo> {
  await restoreSavedModel();
  await disposeRun();
  restored?.model.dispose();
  restored = null;
  events.status('preparing', `Loading and tokenising ${spec.corpus}${spec.tokenizer === 'bpe512' ? ' (BPE subwords)' : ''}…`);
  const corpus = await prepareCorpus(spec.corpus, spec.tokenizer);
  const { model, trainer, info } = prepareTrainingRun(corpus, spec);
  const loop = new TrainingLoop(trainer, { totalSteps: spec.train.totalSteps });
  loop.onReport((report) => events.report(report));
  const run: ActiveRun = { spec, model, trainer, loop, saved: Promise.resolve() };
  loop.onStatus((status, message) => {
    events.status(status, message);
    if (status === 'finished' || status === 'stopped') run.saved = saveWhenSettled(run);
  });
  active = run;
  if (spec.startPaused) events.status('paused');
  else void loop.start();
  return info;
}

/**
 * Times `steps` training steps of a spec on the active backend, on a model of its own (the current run and its
 * model stay as they are), for the preset queue's estimate. The first step compiles kernels and is not counted.
 * Refused while a run is stepping: both would share the GPU, and the time would be wrong.
 */
export async function timeSteps(spec: TrainingRunSpec, steps: number): Promise<{ msPerStep: number }> {
  if (active?.loop.status === 'running') throw new Error('A run is training: pause or stop it before timing steps.');
  const corpus = await prepareCorpus(spec.corpus, spec.tokenizer);
  const { model, trainer } = prepareTrainingRun(corpus, {
    ...spec,
    // No validation: only the training step is timed.
    train: { ...spec.train, evalInterval: 0, totalSteps: Math.max(spec.train.totalSteps, steps + 1) },
  });
  try {
    await trainer.step();
    const started = performance.now();
    for (let i = 0; i < steps; i++) await trainer.step();
    return { msPerStep: (performance.now() - started) / steps };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}

export function pauseRun(): void {
  active?.loop.pause();
}

export function resumeRun(): void {
  void active?.loop.resume();
}

export async function stepRun(): Promise<void> {
  await active?.loop.stepOnce();
}

export async function stopRun(): Promise<void> {
  await active?.loop.stop();
}

/** What the current or last run trained, how far, and whether it is still stepping (fine-tuning needs it idle). */
export function currentRunSummary(): { spec: TrainingRunSpec; steps: number; busy: boolean } | null {
  if (!active) return restored ? { spec: restored.spec, steps: restored.steps, busy: false } : null;
  return { spec: active.spec, steps: active.trainer.stepCount, busy: active.loop.status === 'running' };
}

/**
 * The model of the current or last run, for analyses, else the one restored from an earlier session; null when
 * there is neither. Callers await restoreSavedModel() first, so that a kept model is found.
 */
export function currentModel(): Encoder | null {
  return active?.model ?? restored?.model ?? null;
}

/**
 * Saves the ended run's model once the step in flight has finished ('stopped' is reported before it has). A failed
 * save is only logged: the model is still in memory for this session.
 */
async function saveWhenSettled(run: ActiveRun): Promise<void> {
  await run.loop.settled();
  try {
    await saveTrainedModel(run.spec, run.trainer.stepCount, run.model);
  } catch (error) {
    console.warn('The trained model could not be saved in this browser:', error);
  }
}

async function disposeRun(): Promise<void> {
  if (!active) return;
  const run = active;
  active = null;
  // The step in flight must finish before its tensors (and the model's) can be released.
  await run.loop.stop();
  await run.saved;
  run.trainer.dispose();
  run.model.dispose();
}
