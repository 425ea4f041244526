/**
 * The data layer: corpora and their splits, the character tokenizer, masked-LM batches and the unigram
 * baseline. (testing/ is for tests only and is deliberately not exported: it reads files with node:fs.)
 */
export {
  CORPORA,
  MANIFEST_FILE,
  SOTU_VALIDATION_FROM_YEAR,
  corpusById,
  loadCorpusManifest,
  loadCorpusText,
  splitCorpus,
  splitForCorpus,
  type CorpusDescriptor,
  type CorpusId,
  type CorpusManifest,
  type CorpusManifestEntry,
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
  type CharTokenizerJSON,
  type Tokenizer,
} from './tokenizer';
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
