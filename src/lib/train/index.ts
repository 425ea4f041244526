export { AdamW, decaysByRank, type AdamWOptions } from './adamw';
export { predictedPositions, repeatingBatchSource, type BatchSource } from './batchSource';
export { clipByGlobalNorm, globalNormAndClipScale } from './clipByGlobalNorm';
export { TrainConfigError, TrainingDivergedError } from './errors';
export { learningRateAt, type LearningRateSchedule } from './schedule';
export {
  assertValidTrainConfig,
  DEFAULT_FINAL_LEARNING_RATE_FRACTION,
  defaultTrainConfig,
  trainConfigProblems,
  type TrainConfig,
} from './trainConfig';
export { Trainer, type MemoryReport, type StepReport, type ValidationReport } from './trainer';
export {
  TrainingLoop,
  type LoopStatus,
  type ReportListener,
  type StatusListener,
  type StepRunner,
  type TrainingLoopOptions,
} from './trainingLoop';
export { yieldToEventLoop } from './yieldToEventLoop';
export {
  compareTrajectories,
  parityTrajectory,
  PARITY_STEPS,
  PARITY_TOLERANCE,
  withinParityTolerance,
  type ParityComparison,
  type ParityTrajectory,
} from './backendParity';
export {
  parityRow,
  runParityCheck,
  PARITY_ATTENTION_KINDS,
  PARITY_REFERENCE_BACKEND,
  PARITY_TEXT_CHARACTERS,
  type ParityCheckOptions,
  type ParityCheckResult,
  type ParityProgress,
  type ParityRow,
} from './parityCheck';
