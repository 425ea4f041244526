/**
 * A corpus as every training run on it sees it: the fixed train/validation split, the tokenizer (by default the
 * character tokenizer built on the training text; or a ready one, such as the corpus's BPE vocabulary from
 * `loadBpeTokenizer`), both texts encoded, and the unigram baseline a trained model must beat. The compute
 * worker and the headless reproduction (`npm run reproduce`) both build it here, so a run in Node and the same
 * run in the app read the very same ids.
 */
import { splitForCorpus, type CorpusId } from './corpora';
import { buildCharTokenizer, type Tokenizer } from './tokenizer';
import { unigramPerplexity } from './unigramBaseline';

export interface EncodedCorpus {
  id: CorpusId;
  tokenizer: Tokenizer;
  trainIds: Int32Array;
  validationIds: Int32Array;
  /** Perplexity of the whole validation text under the training text's smoothed unigram. */
  unigramPerplexity: number;
}

/** The split is part of the experiment's definition, so it is fixed, not tied to the run's seed. */
export const CORPUS_SPLIT = { seed: 2020, validationFraction: 0.1, blockSize: 4096 } as const;

/**
 * Splits, tokenises and encodes the prepared text of corpus `id` (as written by `npm run data`). Without
 * `tokenizer`, the character tokenizer of the training text; with one, that tokenizer, which should have been
 * learned on this same training split (the BPE files are), or the validation ids would measure another split.
 */
export function encodeCorpus(id: CorpusId, text: string, tokenizer?: Tokenizer): EncodedCorpus {
  const { train, validation } = splitForCorpus(id, text, CORPUS_SPLIT);
  tokenizer ??= buildCharTokenizer(train);
  const trainIds = tokenizer.encode(train);
  const validationIds = tokenizer.encode(validation);
  return {
    id,
    tokenizer,
    trainIds,
    validationIds,
    unigramPerplexity: unigramPerplexity(trainIds, validationIds, tokenizer.vocabSize),
  };
}
