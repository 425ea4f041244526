/** Tiny configs for tests: small enough that a forward and backward pass on the cpu backend take milliseconds. */
import type { ModelConfig } from './config';

export function tinyConfig(overrides: Partial<ModelConfig> = {}): ModelConfig {
  const layers = overrides.layers ?? 2;
  return {
    layers,
    heads: 2,
    dModel: 8,
    dFF: 16,
    seqLen: 8,
    vocabSize: 11,
    dropout: 0,
    attention: 'standard',
    sharing: 'none',
    projection: 'linear',
    kPerLayer: Array.from({ length: layers }, () => 4),
    seed: 1234,
    ...overrides,
  };
}
