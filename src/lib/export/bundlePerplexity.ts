/**
 * The validation perplexity of a model (imported weights): scored by the trainer's own evaluation on the validation
 * batches a run of the same spec validates on, so it is comparable with the perplexities of runs trained here.
 */
import type { EncodedCorpus } from '../data/encodedCorpus';
import { runDataSource } from '../experiments/prepareTrainingRun';
import type { TrainingRunSpec } from '../experiments/runSpec';
import type { Encoder } from '../model/encoder';
import { defaultTrainConfig, Trainer } from '../train';

export async function validationPerplexity(
  model: Encoder,
  corpus: EncodedCorpus,
  spec: TrainingRunSpec,
): Promise<{ loss: number; perplexity: number }> {
  const data = runDataSource(corpus, spec);
  // The trainer's evaluation, not a copy of it; its optimizer state is allocated and freed at once.
  const trainer = new Trainer(model, data, defaultTrainConfig(spec.train));
  try {
    return await trainer.evaluate();
  } finally {
    trainer.dispose();
  }
}
