/**
 * The context-blind floor: the best perplexity any predictor can reach on the scored positions of masked-LM
 * batches while looking only at the token at the position itself, never at its neighbours.
 *
 * It sits well below the unigram baseline, because the masking scheme leaks the answer: of the positions chosen
 * for prediction, 10% keep their true character and 10% show a random one, so a visible character is the right
 * answer far more often than its frequency says. A model that beats unigram may have learned only that; a model
 * below this floor must be reading the context. (On Moby-Dick's validation positions: floor ≈ 17.3, unigram ≈ 21.6.)
 *
 * The predictor is the Bayes posterior given the input token x at the position, with the training text's
 * add-one-smoothed unigram u (the same as unigramPerplexity's) as the prior over targets t:
 *   p(t | x) ∝ u(t) · P(x | t),   P(x | t) = m·[x = MASK] + k·[x = t] + (r / C)·[x is a character],
 * where m, r are the MASK and random-character fractions, k = 1 − m − r the kept fraction, and C the number of
 * character ids random replacements are drawn from. So p(t | MASK) = u(t), and for a visible character c,
 * p(t | c) = u(t)·(k·[t = c] + r/C) / (k·u(c) + r/C).
 */
import { MASKING_SCHEME, type MlmBatch } from './mlmBatch';
import { MASK_ID, SPECIAL_COUNT } from './tokenizer';
import { smoothedUnigram } from './unigramBaseline';

export interface MaskingFractions {
  /** Fraction of chosen positions replaced by MASK. */
  mask: number;
  /** Fraction replaced by a uniformly drawn character. */
  random: number;
}

/** exp of the mean −log p(target | input token) over every position the batches score (weight > 0). */
export function contextBlindPerplexity(
  trainIds: Int32Array,
  batches: readonly MlmBatch[],
  vocabSize: number,
  masking: MaskingFractions = MASKING_SCHEME,
): number {
  const predict = contextBlindPredictor(trainIds, vocabSize, masking);
  let negLogSum = 0;
  let scored = 0;
  for (const batch of batches) {
    for (let i = 0; i < batch.weights.length; i++) {
      if (!(batch.weights[i] > 0)) continue;
      negLogSum -= Math.log(predict(batch.tokens[i], batch.targets[i]));
      scored++;
    }
  }
  if (scored === 0) throw new Error('No scored positions: every weight in the batches is 0.');
  return Math.exp(negLogSum / scored);
}

/** The Bayes predictor above as a function: p(target | input) for one position. */
export function contextBlindPredictor(
  trainIds: Int32Array,
  vocabSize: number,
  masking: MaskingFractions = MASKING_SCHEME,
): (input: number, target: number) => number {
  const kept = 1 - masking.mask - masking.random;
  if (!(masking.mask >= 0 && masking.random >= 0 && kept >= 0)) {
    throw new Error(`Masking fractions must be non-negative and sum to at most 1 (got mask ${masking.mask}, random ${masking.random}).`);
  }
  const prior = smoothedUnigram(trainIds, vocabSize);
  const randomPerCharacter = masking.random / (vocabSize - SPECIAL_COUNT);
  return (input, target) => {
    if (input === MASK_ID) return prior[target];
    // A visible non-character (UNK) can only be the kept original.
    if (input < SPECIAL_COUNT) return input === target ? 1 : 0;
    const likelihood = (input === target ? kept : 0) + randomPerCharacter;
    return (prior[target] * likelihood) / (kept * prior[input] + randomPerCharacter);
  };
}
