/**
 * One fine-tune at a time inside the compute worker: load a labelled sentence set, split it, encode it with
 * the starting model's corpus vocabulary, copy the last masked-LM run's model (or build fresh weights for the
 * "no pretraining" baseline), train a classifier on it and score the dev split. The pretrained model itself is
 * never changed: the spectra and later fine-tunes still see it as trained.
 */
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
  splitClassification,
  type ClassificationDataset,
  type ClassificationDatasetId,
  type EncodedExamples,
} from '../lib/finetune';
import { createEncoder, type Encoder, type ModelConfig } from '../lib/model';
import { yieldToEventLoop } from '../lib/train/yieldToEventLoop';
import { prepareCorpus } from './corpusCache';
import { FINETUNE_LIMITS, type FineTuneEvents, type FineTuneRequest, type FineTuneResult } from './finetuneTypes';
import { currentModel, currentRunSummary, restoreSavedModel } from './trainingSession';
import type { TokenizerKind } from '../lib/experiments/runSpec';

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

export async function runFineTune(request: FineTuneRequest, events: FineTuneEvents): Promise<FineTuneResult> {
  if (busy) throw new Error('A fine-tune is already running; wait for it to finish or stop it.');
  const problems = requestProblems(request);
  if (problems.length > 0) throw new Error(problems.join(' '));
  busy = true;
  cancelRequested = false;
  try {
    return await fineTune(request, events);
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
  const { steps, batchSize } = FINETUNE_LIMITS;
  if (request.steps > steps.max) problems.push(`At most ${steps.max} steps (got ${request.steps}).`);
  if (request.batchSize > batchSize.max)
    problems.push(`A batch of at most ${batchSize.max} sentences (got ${request.batchSize}).`);
  if (!Number.isInteger(request.seed) || request.seed < 0)
    problems.push(`The seed must be a whole number ≥ 0 (got ${request.seed}).`);
  return problems;
}

async function fineTune(request: FineTuneRequest, events: FineTuneEvents): Promise<FineTuneResult> {
  const started = performance.now();
  const totalSteps = request.steps;
  events.progress({ stage: 'preparing', step: 0, totalSteps, message: 'Loading the sentences and the model…' });

  // The starting point decides the corpus (vocabulary) and the architecture.
  let corpusId: CorpusId;
  let tokenizer: TokenizerKind = 'char';
  let modelConfig: Omit<ModelConfig, 'vocabSize'>;
  let pretrainingSteps = 0;
  let source: Encoder | null = null;
  if (request.start === 'trained') {
    await restoreSavedModel(); // a model kept from an earlier session counts as trained
    const run = currentRunSummary();
    source = currentModel();
    if (!run || !source)
      throw new Error(
        'There is no trained model yet: train one in the lab above (Claim 2), or choose "no pretraining".',
      );
    if (run.busy) throw new Error('The training run is still going: pause or stop it before fine-tuning its model.');
    corpusId = run.spec.corpus;
    tokenizer = run.spec.tokenizer ?? 'char';
    modelConfig = source.config;
    pretrainingSteps = run.steps;
  } else {
    corpusId = request.fresh.corpus;
    modelConfig = request.fresh.model;
  }
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

  // Throws ConfigError (naming the problem) for an impossible fresh config, before anything else is allocated.
  const encoder = source
    ? copyEncoder(source)
    : createEncoder({ ...modelConfig, vocabSize: corpus.tokenizer.vocabSize });
  let tuner: FineTuner;
  try {
    tuner = new FineTuner(encoder, train, {
      pooling: request.pooling,
      classes: sentences.classes.length,
      batchSize: request.batchSize,
      totalSteps,
      learningRate: request.learningRate,
      seed: request.seed,
    });
  } catch (error) {
    encoder.dispose();
    throw error;
  }
  try {
    let step = 0;
    let lastReport = 0;
    while (step < totalSteps && !cancelRequested) {
      const report = await tuner.step();
      step = report.step;
      const now = performance.now();
      // A progress message at most every 100 ms: the page need not redraw for each of fast cpu steps.
      if (now - lastReport > 100 || step === totalSteps) {
        lastReport = now;
        events.progress({
          stage: 'training',
          step,
          totalSteps,
          loss: report.loss,
          message: `Step ${step} of ${totalSteps}`,
        });
      }
      await yieldToEventLoop(); // lets a stop request in
    }
    events.progress({ stage: 'evaluating', step, totalSteps, message: `Scoring ${dev.count} dev sentences…` });
    const evaluation = await tuner.evaluate(dev);
    events.progress({ stage: 'done', step, totalSteps, message: 'Done' });
    return {
      dataset: request.dataset,
      start: request.start,
      model: encoder.config,
      corpus: corpusId,
      pretrainingSteps,
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
      majorityAccuracy: majority.accuracy,
      unknownCharacters: unknownFraction(dev),
      seconds: (performance.now() - started) / 1000,
      stoppedEarly: step < totalSteps,
    };
  } finally {
    tuner.dispose();
    encoder.dispose();
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
