import { TrainConfigError } from './errors';

/** Everything that controls a training run apart from the model and the data. */
export interface TrainConfig {
  /** The peak learning rate, reached at the end of warm-up. */
  learningRate: number;
  warmupSteps: number;
  /** Updates in the run; the learning rate reaches its floor here and the training loop stops. */
  totalSteps: number;
  /** AdamW's decoupled decay rate λ, applied to weight matrices only. */
  weightDecay: number;
  /** Maximum global gradient norm; 0 turns clipping off. */
  clipNorm: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Validate every this many steps (and after the last); 0 never validates during training. */
  evalInterval: number;
  /** How many fixed validation batches each evaluation averages over. */
  evalBatches: number;
  /** Measure each step's peak memory with tf.profile. It slows every step, so keep it off when timing. */
  profileMemory: boolean;
  /** Seeds dropout: with the same model, data and seed, a run repeats exactly on the same backend. */
  seed: number;
  /** The floor of the linear decay as a fraction of learningRate (default 0.1). */
  finalLearningRateFraction?: number;
}

export const DEFAULT_FINAL_LEARNING_RATE_FRACTION = 0.1;

/** Settings that train the small models of this project well; override what you need. */
export function defaultTrainConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    learningRate: 1e-3,
    warmupSteps: 100,
    totalSteps: 2000,
    weightDecay: 0.01,
    clipNorm: 1,
    beta1: 0.9,
    beta2: 0.98,
    epsilon: 1e-6,
    evalInterval: 100,
    evalBatches: 4,
    profileMemory: false,
    seed: 1,
    ...overrides,
  };
}

/** The problems with a training config, one sentence per offending field; empty when it is usable. */
export function trainConfigProblems(config: TrainConfig): string[] {
  const problems: string[] = [];
  const wholeNumber = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) problems.push(`${name} must be a whole number ≥ ${min} (got ${value}).`);
  };
  if (!(config.learningRate > 0 && Number.isFinite(config.learningRate))) {
    problems.push(`learning rate must be a positive number (got ${config.learningRate}).`);
  }
  wholeNumber('warm-up steps', config.warmupSteps, 0);
  wholeNumber('total steps', config.totalSteps, 1);
  if (!(config.weightDecay >= 0 && Number.isFinite(config.weightDecay))) problems.push(`weight decay must be ≥ 0 (got ${config.weightDecay}).`);
  if (!(config.clipNorm >= 0)) problems.push(`clip norm must be ≥ 0, with 0 meaning no clipping (got ${config.clipNorm}).`);
  if (!(config.beta1 >= 0 && config.beta1 < 1)) problems.push(`beta1 must be in [0, 1) (got ${config.beta1}).`);
  if (!(config.beta2 >= 0 && config.beta2 < 1)) problems.push(`beta2 must be in [0, 1) (got ${config.beta2}).`);
  if (!(config.epsilon > 0)) problems.push(`epsilon must be positive (got ${config.epsilon}).`);
  wholeNumber('evaluation interval', config.evalInterval, 0);
  wholeNumber('evaluation batches', config.evalBatches, 1);
  if (!Number.isInteger(config.seed)) problems.push(`seed must be a whole number (got ${config.seed}).`);
  const fraction = config.finalLearningRateFraction;
  if (fraction !== undefined && !(fraction >= 0 && fraction <= 1)) {
    problems.push(`final learning-rate fraction must be in [0, 1] (got ${fraction}).`);
  }
  return problems;
}

/** Throws a TrainConfigError listing every problem, or returns the config unchanged. */
export function assertValidTrainConfig(config: TrainConfig): TrainConfig {
  const problems = trainConfigProblems(config);
  if (problems.length > 0) throw new TrainConfigError(problems);
  return config;
}
