/**
 * One fine-tune at a time inside the compute worker: load a labelled sentence set, split it, encode it with
 * the starting model's corpus vocabulary, copy the chosen masked-LM run's model (this session's run, or one kept
 * in IndexedDB; or build fresh weights for the "no pretraining" baseline), train a classifier on it with its
 * curves (lib/finetune/fineTuneRun.ts) and score the dev split. The pretrained model itself is never changed: the
 * spectra and later fine-tunes still see it as trained. Also here: the list of trained models to start from, and
 * the timed estimate before a fine-tune starts.
 */
import * as tf from '@tensorflow/tfjs';
import type { CorpusId } from '../lib/data/corpora';
import { UNK_ID } from '../lib/data/tokenizer';
import {
  copyEncoder,
  encodeExamples,
  FineTuner,
  fineTuneConfigProblems,
  isClassificationDatasetId,
  loadClassificationDataset,
  majorityBaseline,
  selectRows,
  splitClassification,
  type ClassificationDataset,
  type ClassificationDatasetId,
  type EncodedExamples,
} from '../lib/finetune';
import { EVALUATION_BATCH } from '../lib/finetune/curves';
import { runFineTuneWithCurves } from '../lib/finetune/fineTuneRun';
import { createEncoder, type Encoder, type ModelConfig } from '../lib/model';
import { prepareCorpus } from './corpusCache';
import { guardGpuStep, throwIfGpuFault } from './gpuFault';
import {
  FINETUNE_LIMITS,
  type FineTuneEvents,
  type FineTuneRequest,
  type FineTuneResult,
  type FineTuneTiming,
  type TrainedModelChoice,
} from './finetuneTypes';
import { currentModel, currentRunSummary, restoreSavedModel } from './trainingSession';
import { describeSpec, listTrainedModels, restoreTrainedModel } from './savedModel';
import { KEPT_MODELS } from './savedModelDb';
import type { TokenizerKind, TrainingRunSpec } from '../lib/experiments/runSpec';

let busy = false;
let cancelRequested = false;
const datasets = new Map<ClassificationDatasetId, Promise<ClassificationDataset>>();

function dataset(id: ClassificationDatasetId): Promise<ClassificationDataset> {
  let loaded = datasets.get(id);
  if (!loaded) {
    loaded = loadClassificationDataset(id, new URL(import.meta.env.BASE_URL, self.location.href));
    loaded.catch(() => datasets.delete(id)); // a failed fetch is retried next time
    datasets.set(id, loaded);
  }
  return loaded;
}

/** Asks a running fine-tune to stop after its current step; it then still scores the dev split. */
export function cancelFineTune(): void {
  if (busy) cancelRequested = true;
}

/**
 * The trained models a fine-tune can start from, the latest first: this session's run (or the model restored for
 * it), then the others kept in IndexedDB.
 */
export async function trainedModels(): Promise<TrainedModelChoice[]> {
  await restoreSavedModel();
  const kept = await listTrainedModels();
  const choices: TrainedModelChoice[] = kept.map((info) => ({ ...info, current: false, training: false }));
  const run = currentRunSummary();
  if (run && currentModel()) {
    const saved = choices.findIndex((choice) => choice.id === run.id);
    const current: TrainedModelChoice = {
      id: run.id,
      label: describeSpec(run.spec),
      steps: run.steps,
      corpus: run.spec.corpus,
      spec: run.spec,
      savedAt: saved >= 0 ? choices[saved].savedAt : null,
      current: true,
      training: run.busy,
    };
    if (saved >= 0) choices.splice(saved, 1);
    choices.unshift(current);
  }
  return choices;
}

export async function runFineTune(request: FineTuneRequest, events: FineTuneEvents): Promise<FineTuneResult> {
  if (busy) throw new Error('A fine-tune is already running; wait for it to finish or stop it.');
  const problems = requestProblems(request);
  if (problems.length > 0) throw new Error(problems.join(' '));
  throwIfGpuFault();
  busy = true;
  cancelRequested = false;
  try {
    return await fineTune(request, events);
  } finally {
    busy = false;
  }
}

/**
 * Times a fine-tune of `request` on the active backend without running it: the same data and starting model, one
 * untimed step (it compiles the kernels), `steps` timed steps, then one dev batch of EVALUATION_BATCH twice (the
 * first compiles the forward kernels at that batch), the second timed and scaled to the dev split's batches. The
 * copy it trains is thrown away; the starting model is untouched.
 */
export async function timeFineTune(request: FineTuneRequest, steps = 3): Promise<FineTuneTiming> {
  if (busy) throw new Error('A fine-tune is running: wait for it to finish or stop it before timing one.');
  const problems = requestProblems(request);
  if (problems.length > 0) throw new Error(problems.join(' '));
  if (currentRunSummary()?.busy)
    throw new Error('A training run is stepping: pause or stop it before timing a fine-tune (both would share the GPU).');
  throwIfGpuFault();
  busy = true;
  try {
    const prepared = await prepare(request);
    try {
      const { tuner, dev } = prepared;
      // Every timed step and evaluation between two GPU fault checks: a time measured on a lost device or around a
      // rejected kernel is no estimate, so a fault rejects the estimate with its message instead (gpuFault.ts).
      await guardGpuStep(() => tuner.step());
      const started = performance.now();
      for (let i = 0; i < steps; i++) await guardGpuStep(() => tuner.step());
      const msPerStep = (performance.now() - started) / steps;
      const batch = selectRows(
        dev,
        Array.from({ length: Math.min(EVALUATION_BATCH, dev.count) }, (_, i) => i),
      );
      await guardGpuStep(() => tuner.evaluate(batch, EVALUATION_BATCH));
      const evaluated = performance.now();
      await guardGpuStep(() => tuner.evaluate(batch, EVALUATION_BATCH));
      const msPerBatch = performance.now() - evaluated;
      return {
        msPerStep,
        timedSteps: steps,
        msPerEvaluation: msPerBatch * Math.ceil(dev.count / EVALUATION_BATCH),
        devExamples: dev.count,
        backend: tf.getBackend(),
      };
    } finally {
      prepared.dispose();
    }
  } finally {
    busy = false;
  }
}

function requestProblems(request: FineTuneRequest): string[] {
  const problems = fineTuneConfigProblems({ ...request, classes: 2, totalSteps: request.steps });
  if (!isClassificationDatasetId(request.dataset))
    problems.push(`Unknown sentence set ${JSON.stringify(request.dataset)}.`);
  if (request.start !== 'trained' && request.start !== 'fresh')
    problems.push(`Unknown starting point ${JSON.stringify(request.start)}.`);
  if (request.trainedRunId !== undefined && typeof request.trainedRunId !== 'string')
    problems.push('The trained run to start from must be named by its id.');
  const { steps, batchSize } = FINETUNE_LIMITS;
  if (request.steps > steps.max) problems.push(`At most ${steps.max} steps (got ${request.steps}).`);
  if (request.batchSize > batchSize.max)
    problems.push(`A batch of at most ${batchSize.max} sentences (got ${request.batchSize}).`);
  if (!Number.isInteger(request.seed) || request.seed < 0)
    problems.push(`The seed must be a whole number ≥ 0 (got ${request.seed}).`);
  return problems;
}

interface StartingModel {
  model: Encoder;
  spec: TrainingRunSpec;
  steps: number;
  /** The training run the model is from: its id and the run in words (what the result records). */
  runId: string;
  label: string;
  /** Rebuilt from IndexedDB for this fine-tune alone: it may be trained itself and is disposed after it. */
  owned: boolean;
}

/** The trained model a request names (or the latest), read-only unless `owned`. */
async function startingModel(runId: string | undefined): Promise<StartingModel> {
  await restoreSavedModel(); // a model kept from an earlier session counts as trained
  const run = currentRunSummary();
  const current = currentModel();
  if (run && current && (runId === undefined || runId === run.id)) {
    if (run.busy) throw new Error('The training run is still going: pause or stop it before fine-tuning its model.');
    return {
      model: current,
      spec: run.spec,
      steps: run.steps,
      runId: run.id,
      label: describeSpec(run.spec),
      owned: false,
    };
  }
  if (runId === undefined)
    throw new Error('There is no trained model yet: train one in the lab above (Claim 2), or choose "no pretraining".');
  const kept = await restoreTrainedModel(runId);
  if (!kept)
    throw new Error(
      `That trained model is no longer kept in this browser (only the latest ${KEPT_MODELS} are, and a damaged one is dropped): choose another.`,
    );
  return {
    model: kept.model,
    spec: kept.spec,
    steps: kept.steps,
    runId: kept.info.id,
    label: kept.info.label,
    owned: true,
  };
}

interface PreparedFineTune {
  tuner: FineTuner;
  encoder: Encoder;
  train: EncodedExamples;
  dev: EncodedExamples;
  majorityAccuracy: number;
  corpusId: CorpusId;
  pretrainingSteps: number;
  /** For a trained start, the run the model came from. */
  startingRun: { id: string; label: string } | null;
  dispose(): void;
}

/** Data, starting model and tuner of a request; the caller disposes what it returns. */
async function prepare(request: FineTuneRequest): Promise<PreparedFineTune> {
  // The starting point decides the corpus (vocabulary) and the architecture.
  let corpusId: CorpusId;
  let tokenizer: TokenizerKind = 'char';
  let modelConfig: Omit<ModelConfig, 'vocabSize'>;
  let pretrainingSteps = 0;
  let source: StartingModel | null = null;
  if (request.start === 'trained') {
    source = await startingModel(request.trainedRunId);
    corpusId = source.spec.corpus;
    tokenizer = source.spec.tokenizer ?? 'char';
    modelConfig = source.model.config;
    pretrainingSteps = source.steps;
  } else {
    corpusId = request.fresh.corpus;
    modelConfig = request.fresh.model;
  }
  let encoder: Encoder | null = null;
  try {
    const [sentences, corpus] = await Promise.all([dataset(request.dataset), prepareCorpus(corpusId, tokenizer)]);
    const { seqLen } = modelConfig;
    const split = splitClassification(sentences.labels);
    const encode = (indices: number[]): EncodedExamples =>
      encodeExamples(
        corpus.tokenizer,
        indices.map((i) => sentences.texts[i]),
        indices.map((i) => sentences.labels[i]),
        seqLen,
      );
    const train = encode(split.train);
    const dev = encode(split.dev);
    const majority = majorityBaseline(train.labels, dev.labels);

    // A model rebuilt for this fine-tune alone is trained as it is; this session's run's model is copied first.
    // Throws ConfigError (naming the problem) for an impossible fresh config, before anything else is allocated.
    encoder = source
      ? source.owned
        ? source.model
        : copyEncoder(source.model)
      : createEncoder({ ...modelConfig, vocabSize: corpus.tokenizer.vocabSize });
    const tuner = new FineTuner(encoder, train, {
      pooling: request.pooling,
      classes: sentences.classes.length,
      batchSize: request.batchSize,
      totalSteps: request.steps,
      learningRate: request.learningRate,
      seed: request.seed,
    });
    const owned = encoder;
    return {
      tuner,
      encoder,
      train,
      dev,
      majorityAccuracy: majority.accuracy,
      corpusId,
      pretrainingSteps,
      startingRun: source ? { id: source.runId, label: source.label } : null,
      dispose() {
        tuner.dispose();
        owned.dispose();
      },
    };
  } catch (error) {
    encoder?.dispose();
    if (source?.owned && source.model !== encoder) source.model.dispose();
    throw error;
  }
}

async function fineTune(request: FineTuneRequest, events: FineTuneEvents): Promise<FineTuneResult> {
  const started = performance.now();
  const totalSteps = request.steps;
  events.progress({ stage: 'preparing', step: 0, totalSteps, message: 'Loading the sentences and the model…' });
  const { tuner, encoder, train, dev, majorityAccuracy, corpusId, pretrainingSteps, startingRun, dispose } =
    await prepare(request);
  try {
    let lastReport = 0;
    // Between two GPU fault checks, and one before every step: after a lost device or a rejected kernel the
    // fine-tune stops with the fault's message (gpuFault.ts).
    const outcome = await guardGpuStep(() => runFineTuneWithCurves(tuner, dev, {
      shouldStop: () => {
        throwIfGpuFault();
        return cancelRequested;
      },
      onEvaluating: (step) =>
        events.progress({
          stage: 'evaluating',
          step,
          totalSteps,
          message: `Step ${step} of ${totalSteps}: scoring ${dev.count} dev sentences…`,
        }),
      onStep: (step, loss, curves) => {
        const now = performance.now();
        // A progress message at most every 100 ms (and after each evaluation): the page need not redraw for each
        // of fast cpu steps. The curves are cloned with the message, so later pushes do not reach the page early.
        const evaluatedNow = curves.dev.at(-1)?.step === step;
        if (now - lastReport > 100 || step === totalSteps || evaluatedNow) {
          lastReport = now;
          events.progress({
            stage: 'training',
            step,
            totalSteps,
            loss,
            message: `Step ${step} of ${totalSteps}`,
            curves,
            majorityAccuracy,
          });
        }
      },
    }));
    const { steps: step, evaluation, curves } = outcome;
    events.progress({ stage: 'done', step, totalSteps, message: 'Done', curves, majorityAccuracy });
    return {
      dataset: request.dataset,
      start: request.start,
      model: encoder.config,
      corpus: corpusId,
      pretrainingSteps,
      ...(startingRun && { trainedRunId: startingRun.id, trainedRunLabel: startingRun.label }),
      pooling: request.pooling,
      steps: step,
      learningRate: request.learningRate,
      batchSize: request.batchSize,
      seed: request.seed,
      trainExamples: train.count,
      devExamples: dev.count,
      devTruncated: dev.truncated / dev.count,
      devAccuracy: evaluation.accuracy,
      devLoss: evaluation.loss,
      majorityAccuracy,
      unknownCharacters: unknownFraction(dev),
      seconds: (performance.now() - started) / 1000,
      stoppedEarly: step < totalSteps,
    };
  } finally {
    dispose();
  }
}

/** Share of real character positions (summary slots excluded) that read as UNK. */
function unknownFraction(examples: EncodedExamples): number {
  let unknown = 0;
  let real = 0;
  for (let i = 0; i < examples.tokens.length; i++) {
    if (examples.mask[i] === 0 || i % examples.seqLen === 0) continue;
    real++;
    if (examples.tokens[i] === UNK_ID) unknown++;
  }
  return real === 0 ? 0 : unknown / real;
}
