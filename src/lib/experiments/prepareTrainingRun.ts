/**
 * Builds one training run from its spec on an encoded corpus: the model, the masked-LM data source, the trainer,
 * and the run's references (unigram and context-blind floor on exactly the positions validation scores). The
 * compute worker and `npm run reproduce` both start runs here, so a run means the same in the app and in Node.
 */
import { contextBlindPerplexity } from '../data/contextBlindFloor';
import type { EncodedCorpus } from '../data/encodedCorpus';
import { MlmDataSource } from '../data/mlmBatch';
import { scoredUnigramPerplexity } from '../data/unigramBaseline';
import { createEncoder, parameterCount, type Encoder } from '../model';
import { defaultTrainConfig, Trainer } from '../train';
import type { RunInfo, TrainingRunSpec } from './runSpec';

export interface PreparedTrainingRun {
  /** Owned by the caller: dispose the trainer, then the model. */
  model: Encoder;
  trainer: Trainer;
  info: RunInfo;
}

/** Throws ConfigError (naming the problem) before anything is allocated if the config is impossible. */
export function prepareTrainingRun(corpus: EncodedCorpus, spec: TrainingRunSpec): PreparedTrainingRun {
  const model = createEncoder({ ...spec.model, vocabSize: corpus.tokenizer.vocabSize });
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
    const trainer = new Trainer(model, data, defaultTrainConfig(spec.train));
    // Both references are scored on the very batches validation uses (masked once, shared with the trainer).
    const scored = trainer.validationBatches();
    const info: RunInfo = {
      vocabSize: corpus.tokenizer.vocabSize,
      parameters: parameterCount(model),
      trainTokens: corpus.trainIds.length,
      validationTokens: corpus.validationIds.length,
      unigramPerplexity: corpus.unigramPerplexity,
      scoredUnigramPerplexity: scoredUnigramPerplexity(corpus.trainIds, scored, corpus.tokenizer.vocabSize),
      contextBlindPerplexity: contextBlindPerplexity(corpus.trainIds, scored, corpus.tokenizer.vocabSize),
    };
    return { model, trainer, info };
  } catch (error) {
    model.dispose();
    throw error;
  }
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
