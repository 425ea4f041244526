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
import { validationBatchSize, type RunInfo, type TrainingRunSpec } from './runSpec';

export interface PreparedTrainingRun {
  /** Owned by the caller: dispose the trainer, then the model. */
  model: Encoder;
  trainer: Trainer;
  info: RunInfo;
}

/** A run's masked-LM batches (training and validation) from its corpus, as every trainer of a spec reads them. */
export function runDataSource(corpus: EncodedCorpus, spec: TrainingRunSpec): MlmDataSource {
  return new MlmDataSource({
    ids: corpus.trainIds,
    validationIds: corpus.validationIds,
    tokenizer: corpus.tokenizer,
    seqLen: spec.model.seqLen,
    batchSize: spec.batchSize,
    validationBatchSize: validationBatchSize(spec.batchSize, spec.model.seqLen),
    seed: spec.train.seed,
  });
}

/** Throws ConfigError (naming the problem) before anything is allocated if the config is impossible. */
export function prepareTrainingRun(corpus: EncodedCorpus, spec: TrainingRunSpec): PreparedTrainingRun {
  const model = createEncoder({ ...spec.model, vocabSize: corpus.tokenizer.vocabSize });
  try {
    const data = runDataSource(corpus, spec);
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
