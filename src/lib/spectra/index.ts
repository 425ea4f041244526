/** Attention spectra (the paper's Figure 1): collect attention matrices from an encoder and summarise their spectra per head. */
export {
  attentionBatchSize,
  collectAttentionMatrices,
  type AttentionMatrix,
  type CollectOptions,
} from './attentionMatrices';
export {
  FLOAT32_ENTRY_ERROR,
  FLOAT32_GRAM_FLOOR,
  FLOAT32_PIPELINE,
  FLOAT64_GRAM_FLOOR,
  cumulativeAt,
  cumulativeAtKGrid,
  meanCumulativeCurve,
  relativeNoiseFloor,
  summarizeHead,
  summarizeSpectra,
  type HeadSummary,
  type MatrixSpectrum,
  type SpectrumPrecision,
} from './headSummary';
export {
  MAX_REFERENCE_WORK,
  REFERENCE_DRAWS,
  REFERENCE_SEED,
  randomSoftmaxAttention,
  randomSoftmaxSpectra,
  referenceCurves,
  referenceDraws,
  uniformAttention,
  uniformSpectrum,
  type ReferenceCurves,
  type ReferenceOptions,
} from './referenceSpectra';
