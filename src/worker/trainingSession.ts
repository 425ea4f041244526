/**
 * One training run at a time inside the compute worker: builds the data source, model and trainer from
 * a run spec, drives them with a TrainingLoop, and forwards reports and status changes to the page.
 * The last run's model stays loaded after it ends, so later analyses (attention spectra) can use it.
 */
import { prepareTrainingRun } from '../lib/experiments/prepareTrainingRun';
import type { Encoder } from '../lib/model';
import { Trainer, TrainingLoop } from '../lib/train';
import { prepareCorpus } from './corpusCache';
import type { RunInfo, TrainingEvents, TrainingRunSpec } from './computeApi';

interface ActiveRun {
  spec: TrainingRunSpec;
  model: Encoder;
  trainer: Trainer;
  loop: TrainingLoop;
}

let active: ActiveRun | null = null;

/** Prepares a run (data, model, trainer) and starts training it; resolves once training has begun. */
export async function startRun(spec: TrainingRunSpec, events: TrainingEvents): Promise<RunInfo> {
  await disposeRun();
  events.status('preparing', `Loading and tokenising ${spec.corpus}${spec.tokenizer === 'bpe512' ? ' (BPE subwords)' : ''}…`);
  const corpus = await prepareCorpus(spec.corpus, spec.tokenizer);
  const { model, trainer, info } = prepareTrainingRun(corpus, spec);
  const loop = new TrainingLoop(trainer, { totalSteps: spec.train.totalSteps });
  loop.onReport((report) => events.report(report));
  loop.onStatus((status, message) => events.status(status, message));
  active = { spec, model, trainer, loop };
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
  if (!active) return null;
  return { spec: active.spec, steps: active.trainer.stepCount, busy: active.loop.status === 'running' };
}

/** The model of the current or last run, for analyses; null before any run. */
export function currentModel(): Encoder | null {
  return active?.model ?? null;
}

async function disposeRun(): Promise<void> {
  if (!active) return;
  const run = active;
  active = null;
  // The step in flight must finish before its tensors (and the model's) can be released.
  await run.loop.stop();
  run.trainer.dispose();
  run.model.dispose();
}
