/**
 * One training run at a time inside the compute worker: builds the data source, model and trainer from
 * a run spec, drives them with a TrainingLoop, and forwards reports and status changes to the page.
 * The last run's model stays loaded after it ends, so later analyses (attention spectra) can use it.
 */
import { MlmDataSource } from '../lib/data/mlmBatch';
import { createEncoder, parameterCount, type Encoder } from '../lib/model';
import { Trainer, TrainingLoop, defaultTrainConfig } from '../lib/train';
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
  events.status('preparing', `Loading and tokenising ${spec.corpus}…`);
  const corpus = await prepareCorpus(spec.corpus);
  // Throws ConfigError (naming the problem) before anything is allocated if the config is impossible.
  const model = createEncoder({ ...spec.model, vocabSize: corpus.tokenizer.vocabSize });
  let trainer: Trainer;
  try {
    const data = new MlmDataSource({
      ids: corpus.trainIds,
      validationIds: corpus.validationIds,
      tokenizer: corpus.tokenizer,
      seqLen: spec.model.seqLen,
      batchSize: spec.batchSize,
      seed: spec.train.seed,
    });
    trainer = new Trainer(model, data, defaultTrainConfig(spec.train));
  } catch (error) {
    model.dispose();
    throw error;
  }
  const loop = new TrainingLoop(trainer, { totalSteps: spec.train.totalSteps });
  loop.onReport((report) => events.report(report));
  loop.onStatus((status, message) => events.status(status, message));
  active = { spec, model, trainer, loop };
  const info: RunInfo = {
    vocabSize: corpus.tokenizer.vocabSize,
    parameters: parameterCount(model),
    trainTokens: corpus.trainIds.length,
    validationTokens: corpus.validationIds.length,
    unigramPerplexity: corpus.unigramPerplexity,
  };
  if (spec.startPaused) events.status('paused');
  else void loop.start();
  return info;
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
