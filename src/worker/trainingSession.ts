/**
 * One training run at a time inside the compute worker: builds the data source, model and trainer from
 * a run spec, drives them with a TrainingLoop, and forwards reports and status changes to the page.
 * The last run's model stays loaded after it ends, so later analyses (attention spectra) can use it.
 */
import { contextBlindPerplexity } from '../lib/data/contextBlindFloor';
import { MlmDataSource } from '../lib/data/mlmBatch';
import { scoredUnigramPerplexity } from '../lib/data/unigramBaseline';
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
  let sampleBaseline: number;
  let floor: number;
  try {
    const data = new MlmDataSource({
      ids: corpus.trainIds,
      validationIds: corpus.validationIds,
      tokenizer: corpus.tokenizer,
      seqLen: spec.model.seqLen,
      batchSize: spec.batchSize,
      validationBatchSize: validationBatchSize(spec),
      seed: spec.train.seed,
    });
    const trainConfig = defaultTrainConfig(spec.train);
    trainer = new Trainer(model, data, trainConfig);
    // Both references are scored on the very batches validation uses (masked once, shared with the trainer).
    const scored = trainer.validationBatches();
    sampleBaseline = scoredUnigramPerplexity(corpus.trainIds, scored, corpus.tokenizer.vocabSize);
    floor = contextBlindPerplexity(corpus.trainIds, scored, corpus.tokenizer.vocabSize);
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
    scoredUnigramPerplexity: sampleBaseline,
    contextBlindPerplexity: floor,
  };
  if (spec.startPaused) events.status('paused');
  else void loop.start();
  return info;
}

/**
 * Validation runs forward only, so it takes larger batches than training: up to 64 windows, or about 8k
 * tokens per batch at long n (so that an n×n attention map of every head still fits), never fewer than the
 * training batch. At n = 32 that is ~1,200 predicted tokens per evaluation of 4 batches, enough to
 * hold the sampling noise of the perplexity to a few per cent.
 */
function validationBatchSize(spec: TrainingRunSpec): number {
  return Math.max(spec.batchSize, Math.min(64, Math.floor(8192 / spec.model.seqLen)));
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
