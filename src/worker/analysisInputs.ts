/**
 * What an attention analysis reads, shared by the spectrum analysis (spectraSession.ts) and the head view
 * (headSession.ts) so that both see the same thing: the model (the last run's, or a fresh one from the request)
 * with the corpus it reads, and the masked validation windows, batched exactly as the spectrum analysis batches
 * them. The batching matters: the windows are spread evenly over the validation text by their total count, which
 * depends on the batch size, so "sequence 3 of 8" is the same window in both only if both batch alike.
 */
import { MlmDataSource, type MlmBatch } from '../lib/data/mlmBatch';
import type { CorpusId } from '../lib/data/corpora';
import { createEncoder, type Encoder } from '../lib/model';
import type { ModelConfig } from '../lib/model/config';
import { attentionBatchSize } from '../lib/spectra/attentionMatrices';
import { prepareCorpus, type PreparedCorpus } from './corpusCache';
import type { SpectraSource } from './spectraTypes';
import { currentModel, currentRunSummary, restoreSavedModel } from './trainingSession';

export interface AnalysedModel {
  model: Encoder;
  /** The corpus as the model reads it (a trained model: with the tokenizer it was trained with). */
  corpus: PreparedCorpus;
  /** The corpus read: the request's, or for a trained model the one it was trained on. */
  corpusId: CorpusId;
  /** True for a fresh model, which the caller must dispose; the trained one belongs to the training session. */
  owned: boolean;
}

/** Throws a readable message when there is no trained model, or it was trained on another vocabulary. */
export async function analysedModel(request: {
  source: SpectraSource;
  corpus: CorpusId;
  model: Omit<ModelConfig, 'vocabSize'>;
}): Promise<AnalysedModel> {
  // A model kept from an earlier session is rebuilt first, so that it counts as the trained model.
  if (request.source === 'trained') await restoreSavedModel();
  const trainedSpec = request.source === 'trained' ? currentRunSummary()?.spec : undefined;
  // A trained model reads the corpus it was trained on (the page asks for it; after a reload it may not know it).
  const corpusId = trainedSpec?.corpus ?? request.corpus;
  const corpus = await prepareCorpus(corpusId, request.source === 'trained' ? trainedSpec?.tokenizer : 'char');
  if (request.source === 'trained') {
    const trained = currentModel();
    if (!trained) throw new Error('There is no trained model yet: start a run in the training lab first, or choose "initialised".');
    if (trained.config.vocabSize !== corpus.tokenizer.vocabSize) {
      throw new Error(`The last run's model was trained on another corpus (vocabulary ${trained.config.vocabSize}, ${corpusId} has ${corpus.tokenizer.vocabSize}): pick the run's corpus.`);
    }
    return { model: trained, corpus, corpusId, owned: false };
  }
  // Throws a ConfigError naming the problem before anything is allocated.
  return { model: createEncoder({ ...request.model, vocabSize: corpus.tokenizer.vocabSize }), corpus, corpusId, owned: true };
}

/** Sequences per forward pass of an analysis of `samples` sequences (keeps one batch's read-back near 32 MiB). */
export function analysisBatchSize(config: ModelConfig, samples: number): number {
  const widest = config.attention === 'standard' ? config.seqLen : Math.max(...config.kPerLayer);
  return Math.min(samples, attentionBatchSize(config.layers, config.heads, config.seqLen, widest));
}

/**
 * The masked validation batches an analysis of `samples` sequences reads: the batches validation perplexity is
 * measured on (fixed seeds), so analyses compare. Sequence s is row s % batchSize of batch ⌊s / batchSize⌋.
 */
export function analysisBatches(corpus: PreparedCorpus, config: ModelConfig, samples: number): { batchSize: number; batches: MlmBatch[] } {
  const batchSize = analysisBatchSize(config, samples);
  const data = new MlmDataSource({
    ids: corpus.trainIds,
    validationIds: corpus.validationIds,
    tokenizer: corpus.tokenizer,
    seqLen: config.seqLen,
    batchSize,
    seed: 0,
  });
  return { batchSize, batches: data.validationBatches(Math.ceil(samples / batchSize)) };
}
