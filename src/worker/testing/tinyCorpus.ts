/**
 * A small corpus of the worker tests' own (two sentences of Moby-Dick, character tokens), so that session tests need
 * neither the prepared data files nor fetch: tests mock `./corpusCache`'s prepareCorpus to return it.
 */
import type { EncodedCorpus } from '../../lib/data/encodedCorpus';
import { buildCharTokenizer } from '../../lib/data/tokenizer';

const train =
  'call me ishmael. some years ago, never mind how long precisely, having little money in my purse. '.repeat(4);
export const tinyValidationText =
  'it is a way i have of driving off the spleen and regulating the circulation. whenever i find myself growing grim.';
const tokenizer = buildCharTokenizer(train + tinyValidationText);

export const tinyCorpus: EncodedCorpus = {
  id: 'moby-dick',
  tokenizer,
  trainIds: tokenizer.encode(train),
  validationIds: tokenizer.encode(tinyValidationText),
  unigramPerplexity: 1,
};
