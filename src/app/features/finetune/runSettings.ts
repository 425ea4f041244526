/**
 * The experiment settings a kept training run was trained with, rebuilt from its run spec (what the worker keeps
 * beside its weights), so that a fine-tune result's link sets up the run it started from even when that run is not
 * this session's. The inverse of settings/toRunSpec.ts; what a spec leaves out (an older spec's missing tokenizer or
 * warm-up) comes from `base`. Pure.
 */
import type { ExperimentSettings } from '../../settings/schema';
import type { TrainingRunSpec } from '../../../worker/computeApi';

export function settingsOfRun(base: ExperimentSettings, spec: TrainingRunSpec): ExperimentSettings {
  const { model, train } = spec;
  const ks = model.kPerLayer;
  const uniform = new Set(ks).size <= 1;
  return {
    ...base,
    corpus: spec.corpus,
    tokenizer: spec.tokenizer ?? 'char',
    attention: model.attention,
    sharing: model.sharing,
    projection: model.projection,
    projectionInit: model.projectionInit ?? base.projectionInit,
    seqLen: model.seqLen,
    k: ks[0] ?? base.k,
    // One k for every layer is the k field; a list only when the layers differ (toRunSpec reads it that way).
    kPerLayer: uniform ? [] : [...ks],
    layers: model.layers,
    heads: model.heads,
    dModel: model.dModel,
    dFF: model.dFF,
    dropout: model.dropout,
    learningRate: train.learningRate,
    batchSize: spec.batchSize,
    steps: train.totalSteps,
    warmupSteps: train.warmupSteps ?? base.warmupSteps,
    evalInterval: train.evalInterval ?? base.evalInterval,
    seed: model.seed,
  };
}
