/**
 * Loads a corpus once per worker and keeps what every run on it needs: the fixed train/validation
 * split, the character tokenizer built on the training text, both texts encoded, and the unigram
 * baseline a trained model must beat.
 */
import { buildCharTokenizer, type Tokenizer } from '../lib/data/tokenizer';
import { loadCorpusText, splitForCorpus, type CorpusId } from '../lib/data/corpora';
import { unigramPerplexity } from '../lib/data/unigramBaseline';

export interface PreparedCorpus {
  id: CorpusId;
  tokenizer: Tokenizer;
  trainIds: Int32Array;
  validationIds: Int32Array;
  unigramPerplexity: number;
}

/** The split is part of the experiment's definition, so it is fixed, not tied to the run's seed. */
const SPLIT = { seed: 2020, validationFraction: 0.1, blockSize: 4096 };

const cache = new Map<CorpusId, Promise<PreparedCorpus>>();

export function prepareCorpus(id: CorpusId): Promise<PreparedCorpus> {
  let prepared = cache.get(id);
  if (!prepared) {
    prepared = load(id);
    // A failed load (say, data files missing) must not be cached: the next attempt tries again.
    prepared.catch(() => cache.delete(id));
    cache.set(id, prepared);
  }
  return prepared;
}

async function load(id: CorpusId): Promise<PreparedCorpus> {
  const base = new URL(import.meta.env.BASE_URL, self.location.href);
  const text = await loadCorpusText(id, base);
  const { train, validation } = splitForCorpus(id, text, SPLIT);
  const tokenizer = buildCharTokenizer(train);
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
