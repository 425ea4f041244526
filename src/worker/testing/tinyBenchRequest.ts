/** The efficiency sweep the worker tests time: a 1-layer model small enough for the cpu backend, two lengths n. */
import type { BenchmarkRequest } from '../benchTypes';

export function tinyBenchRequest(overrides: Partial<BenchmarkRequest> = {}): BenchmarkRequest {
  return {
    ns: [16, 32],
    ks: [8],
    layers: 1,
    heads: 2,
    dModel: 16,
    dFF: 32,
    batch: 2,
    vocabSize: 20,
    sharing: 'none',
    projection: 'linear',
    warmup: 0,
    repeats: 1,
    training: false,
    budgetBytes: 2 ** 30,
    ...overrides,
  };
}
