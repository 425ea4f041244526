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
import { guardGpuStep, throwIfGpuFault } from './gpuFault';
import { restoreTrainedModel, saveTrainedModel, type RestoredModel, type SavedModelInfo } from './savedModel';

interface ActiveRun {
  /** The page's run id (the key its weights are kept under). */
  id: string;
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
export async function startRun(spec: TrainingRunSpec, events: TrainingEvents, runId?: string): Promise<RunInfo> {
  throwIfGpuFault();
  await restoreSavedModel();
  await disposeRun();
  restored?.model.dispose();
  restored = null;
  imported?.model.dispose(); // weights opened from a bundle are on offer only until a run starts
  imported = null;
  events.status('preparing', `Loading and tokenising ${spec.corpus}${spec.tokenizer === 'bpe512' ? ' (BPE subwords)' : ''}…`);
  const corpus = await prepareCorpus(spec.corpus, spec.tokenizer);
  const { model, trainer, info } = prepareTrainingRun(corpus, spec);
  // Each step runs between two GPU fault checks: after a lost device or a rejected kernel the run fails with the
  // fault's message, and the steps reported before it stay the page's.
  const guarded = { step: () => guardGpuStep(() => trainer.step()), get stepCount() { return trainer.stepCount; } };
  const loop = new TrainingLoop(guarded, { totalSteps: spec.train.totalSteps });
  loop.onReport((report) => events.report(report));
  const run: ActiveRun = { id: runId ?? `run-${Date.now().toString(36)}`, spec, model, trainer, loop, saved: Promise.resolve() };
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
 * model stay as they are), for the preset queue's and the training lab's estimates. The first step compiles kernels
 * and is not counted. With `validation`, one validation pass (the run's own evaluation batches, forward only) is
 * timed after the steps, whose forward kernels it reuses. Refused while a run is stepping: both would share the GPU,
 * and the time would be wrong.
 */
export async function timeSteps(
  spec: TrainingRunSpec,
  steps: number,
  options: { validation?: boolean } = {},
): Promise<{ msPerStep: number; msPerValidation?: number }> {
  if (active?.loop.status === 'running') throw new Error('A run is training: pause or stop it before timing steps.');
  throwIfGpuFault();
  const corpus = await prepareCorpus(spec.corpus, spec.tokenizer);
  const { model, trainer } = prepareTrainingRun(corpus, {
    ...spec,
    // No validation: only the training step is timed.
    train: { ...spec.train, evalInterval: 0, totalSteps: Math.max(spec.train.totalSteps, steps + 1) },
  });
  try {
    // Every timed step between two GPU fault checks: a time measured on a lost device or around a rejected kernel
    // is no estimate, so a fault rejects the estimate with its message instead (gpuFault.ts).
    await guardGpuStep(() => trainer.step());
    const started = performance.now();
    for (let i = 0; i < steps; i++) await guardGpuStep(() => trainer.step());
    const msPerStep = (performance.now() - started) / steps;
    if (!options.validation) return { msPerStep };
    const validationStarted = performance.now();
    await guardGpuStep(() => trainer.evaluate());
    return { msPerStep, msPerValidation: performance.now() - validationStarted };
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
export function currentRunSummary(): { id: string; spec: TrainingRunSpec; steps: number; busy: boolean } | null {
  if (imported) return { id: imported.id, spec: imported.spec, steps: imported.steps, busy: false };
  if (!active) return restored ? { id: restored.info.id, spec: restored.spec, steps: restored.steps, busy: false } : null;
  return { id: active.id, spec: active.spec, steps: active.trainer.stepCount, busy: active.loop.status === 'running' };
}

/**
 * The model of the current or last run, for analyses, else the one restored from an earlier session; null when
 * there is neither. Callers await restoreSavedModel() first, so that a kept model is found.
 */
export function currentModel(): Encoder | null {
  return imported?.model ?? active?.model ?? restored?.model ?? null;
}

/** Weights opened from a PyTorch bundle (importedModel.ts): the trained model on offer, ahead of any run's, until a run starts. */
let imported: { id: string; spec: TrainingRunSpec; steps: number; model: Encoder } | null = null;

/** Makes imported weights the trained model on offer (refused while a run trains); frees weights imported before. */
export function offerImportedModel(entry: { id: string; spec: TrainingRunSpec; steps: number; model: Encoder }): void {
  if (active?.loop.status === 'running') throw new Error('A run is training: pause or stop it before opening other weights.');
  imported?.model.dispose();
  imported = entry;
}

/** The model the worker holds for run `id` (the current or last run of this session, or the one kept from an earlier one). */
export function heldRun(id: string): { spec: TrainingRunSpec; steps: number; busy: boolean; model: Encoder } | null {
  if (active?.id === id) return { spec: active.spec, steps: active.trainer.stepCount, busy: active.loop.status === 'running', model: active.model };
  if (!active && restored?.info.id === id) return { spec: restored.spec, steps: restored.steps, busy: false, model: restored.model };
  return null;
}

/**
 * Saves the ended run's model once the step in flight has finished ('stopped' is reported before it has). A failed
 * save is only logged: the model is still in memory for this session.
 */
async function saveWhenSettled(run: ActiveRun): Promise<void> {
  await run.loop.settled();
  try {
    await saveTrainedModel(run.id, run.spec, run.trainer.stepCount, run.model);
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
