/**
 * The perplexity of predicting every token from how often it occurs in the training text. It is the headline
 * reference for a corpus, but beating it on masked-LM positions does NOT show that a model uses context: the
 * masking scheme leaves the true character visible at 10% of the scored positions, and a predictor that reads
 * only its own position exploits that (contextBlindFloor.ts computes the best such predictor, which is the line a
 * model must get below to show it reads the surrounding characters).
 */
import type { MlmBatch } from './mlmBatch';
import { MASK_ID, PAD_ID, SPECIAL_COUNT } from './tokenizer';

/**
 * exp of the mean negative log-probability of `evalIds` under the unigram distribution of `trainIds`,
 * add-one smoothed over all `vocabSize` ids (the same support as a model's softmax):
 * p(id) = (count(id) + 1) / (N + vocabSize), where counts and N come from the character ids of the
 * training text only (special ids there are not text). PAD and MASK in `evalIds` are skipped: they are not
 * text to predict. UNK is scored, as a model must predict it too where the validation text has a
 * character the training text lacks.
 */
export function unigramPerplexity(trainIds: Int32Array, evalIds: Int32Array, vocabSize: number): number {
  const probabilities = smoothedUnigram(trainIds, vocabSize);
  let negLogSum = 0;
  let scored = 0;
  for (const id of evalIds) {
    checkId(id, vocabSize);
    if (id === PAD_ID || id === MASK_ID) continue;
    negLogSum -= Math.log(probabilities[id]);
    scored++;
  }
  if (scored === 0) throw new Error('No tokens to score: the evaluation ids are empty or all padding/mask.');
  return Math.exp(negLogSum / scored);
}

/**
 * The unigram baseline on exactly the positions a set of masked-LM batches scores (weight > 0). The corpus-wide
 * figure is the headline, but validation perplexity is measured on a sample of a few thousand masked positions,
 * whose own unigram perplexity can sit a few per cent away from the whole text's: this is the like-for-like
 * comparison for a model's validation perplexity.
 */
export function scoredUnigramPerplexity(trainIds: Int32Array, batches: readonly MlmBatch[], vocabSize: number): number {
  const scored: number[] = [];
  for (const batch of batches) {
    batch.weights.forEach((weight, i) => {
      if (weight > 0) scored.push(batch.targets[i]);
    });
  }
  return unigramPerplexity(trainIds, Int32Array.from(scored), vocabSize);
}

/** p(id) = (count(id) + 1) / (N + vocabSize) over every id, counting the character ids of `trainIds` only. */
export function smoothedUnigram(trainIds: Int32Array, vocabSize: number): Float64Array {
  if (!Number.isInteger(vocabSize) || vocabSize <= SPECIAL_COUNT)
    throw new Error(`vocabSize must exceed ${SPECIAL_COUNT} (got ${vocabSize}).`);
  const counts = new Float64Array(vocabSize);
  let total = 0;
  for (const id of trainIds) {
    checkId(id, vocabSize);
    if (id >= SPECIAL_COUNT) {
      counts[id]++;
      total++;
    }
  }
  return counts.map((count) => (count + 1) / (total + vocabSize));
}

function checkId(id: number, vocabSize: number): void {
  if (!(id >= 0 && id < vocabSize)) throw new Error(`Token id ${id} is outside the vocabulary of ${vocabSize}.`);
}
