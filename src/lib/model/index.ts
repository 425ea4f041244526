/** The model core: encoder, attention, projections, loss and the config they share. */
export * from './config';
export { standardAttention, linformerAttention, compressedAttention, type AttentionResult } from './attention';
export {
  MASKED,
  projectSequence,
  projectSequencePerHead,
  convolveSequence,
  meanPoolSequence,
  maxPoolSequence,
  type SequenceCompressor,
} from './sequenceCompression';
export {
  projectionSpecs,
  projectionParameterCount,
  projectionWeightName,
  type ProjectionSpec,
  type ProjectionCount,
  type ProjectionRole,
  type LayerCompression,
} from './projections';
export {
  createEncoder,
  encoderForward,
  encoderHiddenStates,
  projectionWeights,
  parameterCount,
  type Encoder,
  type ForwardOptions,
  type ForwardResult,
  type HiddenStatesResult,
} from './encoder';
export { maskedLmLoss, perplexity } from './mlmLoss';
export { exportWeights, importWeights, type SavedWeight } from './savedWeights';
