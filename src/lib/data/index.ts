/**
 * The data layer: corpora and their splits, the character and BPE tokenizers, masked-LM batches and the unigram
 * baseline. (testing/ is for tests only and is deliberately not exported: it reads files with node:fs.)
 */
export {
  CORPORA,
  MANIFEST_FILE,
  SOTU_VALIDATION_FROM_YEAR,
  bpeTokenizerFile,
  corpusById,
  loadBpeTokenizer,
  loadCorpusManifest,
  loadCorpusText,
  splitCorpus,
  splitForCorpus,
  type CorpusDescriptor,
  type CorpusId,
  type CorpusManifest,
  type CorpusManifestEntry,
  type CorpusTokenizerEntry,
  type HoldOutRule,
  type SplitOptions,
  type TextSplit,
} from './corpora';
export { countCodePoints, foldTypographicPunctuation, normalizeText } from './normalizeText';
export { sotuSections, sotuSeparatorLine, splitSotuByYear, type SotuSection } from './sotuSections';
export {
  MASK_DISPLAY,
  MASK_ID,
  PAD_ID,
  SPECIAL_COUNT,
  UNK_DISPLAY,
  UNK_ID,
  buildCharTokenizer,
  tokenizerFromJSON,
  type CharTokenizer,
  type CharTokenizerJSON,
  type Tokenizer,
} from './tokenizer';
export { buildBpeTokenizer, bpeTokenizerFromVocabulary, type BpeTokenizer } from './bpe/bpeTokenizer';
export { DEFAULT_BPE_VOCAB_SIZE, trainBpe, type TrainBpeOptions } from './bpe/trainBpe';
export { PRE_TOKENIZER_PATTERN, preTokenize } from './bpe/preTokenize';
export { BPE_SPECIAL_TOKENS, type BpeVocabulary } from './bpe/vocabulary';
export { HF_TOKENIZER_CONFIG, toTokenizerJson, tokenizerJsonText } from './bpe/writeTokenizerJson';
export { bpeTokenizerFromJson } from './bpe/readTokenizerJson';
export type { BpeTokenizerJson } from './bpe/tokenizerJsonTypes';
export {
  DEFAULT_MASK_RATE,
  MASKING_SCHEME,
  MlmDataSource,
  VALIDATION_SEED,
  makePaddedBatch,
  maskTokens,
  type MlmBatch,
  type MlmDataSourceOptions,
  type PaddedBatch,
} from './mlmBatch';
export { scoredUnigramPerplexity, smoothedUnigram, unigramPerplexity } from './unigramBaseline';
export { contextBlindPerplexity, contextBlindPredictor, type MaskingFractions } from './contextBlindFloor';
export { CORPUS_SPLIT, encodeCorpus, type EncodedCorpus } from './encodedCorpus';
