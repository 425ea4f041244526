/**
 * Experiments: what defines a run, how one is built on an encoded corpus, and the verdicts drawn from a
 * preset's runs over seeds.
 */
export type { RunInfo, TokenizerKind, TrainingRunSpec } from './runSpec';
export { prepareTrainingRun, type PreparedTrainingRun } from './prepareTrainingRun';
export { seedStatistics, type SeedStatistics } from './seedStatistics';
export {
  CLEARLY_BELOW,
  claimVerdict,
  meanWithSpread,
  summarise,
  type ClaimKind,
  type ClaimVerdict,
  type ConfigurationRuns,
  type ConfigurationSummary,
  type SeedRun,
  type VerdictStatus,
} from './claimVerdict';
