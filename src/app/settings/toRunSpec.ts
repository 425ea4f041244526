import type { TrainingRunSpec } from '../../worker/computeApi';
import type { ExperimentSettings } from './schema';

/** k for each layer: the explicit per-layer list when given, else k everywhere. */
export function kPerLayer(settings: ExperimentSettings): number[] {
  return settings.kPerLayer.length === settings.layers
    ? [...settings.kPerLayer]
    : Array.from({ length: settings.layers }, () => settings.k);
}

/** The worker's run spec for the experiment's settings. */
export function toRunSpec(settings: ExperimentSettings): TrainingRunSpec {
  return {
    corpus: settings.corpus,
    tokenizer: settings.tokenizer,
    model: {
      layers: settings.layers,
      heads: settings.heads,
      dModel: settings.dModel,
      dFF: settings.dFF,
      seqLen: settings.seqLen,
      dropout: settings.dropout,
      attention: settings.attention,
      sharing: settings.sharing,
      projection: settings.projection,
      projectionInit: settings.projectionInit,
      kPerLayer: kPerLayer(settings),
      seed: settings.seed,
    },
    train: {
      learningRate: settings.learningRate,
      totalSteps: settings.steps,
      warmupSteps: Math.min(settings.warmupSteps, settings.steps),
      evalInterval: settings.evalInterval,
      seed: settings.seed,
    },
    batchSize: settings.batchSize,
  };
}
