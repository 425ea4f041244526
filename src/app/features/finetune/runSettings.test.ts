import { describe, expect, it } from 'vitest';
import { EXPERIMENT_FIELDS, defaultValues } from '../../settings/schema';
import { toRunSpec } from '../../settings/toRunSpec';
import { settingsOfRun } from './runSettings';

const base = defaultValues(EXPERIMENT_FIELDS);

describe('the settings of a kept run', () => {
  it('give back the run spec they were made from (uniform k, and k per layer)', () => {
    const uniform = {
      ...base,
      attention: 'linformer' as const,
      k: 8,
      seqLen: 64,
      layers: 2,
      seed: 7,
      steps: 300,
      corpus: 'sotu' as const,
    };
    const perLayer = { ...uniform, kPerLayer: [16, 8] };
    for (const settings of [uniform, perLayer]) {
      const spec = toRunSpec(settings);
      expect(toRunSpec(settingsOfRun(base, spec))).toEqual(spec);
    }
    expect(settingsOfRun(base, toRunSpec(perLayer)).kPerLayer).toEqual([16, 8]);
    expect(settingsOfRun(base, toRunSpec(uniform)).kPerLayer).toEqual([]);
  });
});
