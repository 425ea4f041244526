import { describe, expect, it } from 'vitest';
import {
  PRESET_SIZES,
  PRESETS,
  presetJobs,
  presetSettings,
  sameConfiguration,
  sameExperiment,
  type PresetSize,
} from './presets';
import { parseSettings, reconcile, serializeSettings } from '../../settings/urlState';
import type { ExperimentSettings } from '../../settings/schema';

const byId = (id: string) => PRESETS.find((p) => p.id === id)!;
const all = (id: string, size: PresetSize) => byId(id).runs.map((_, i) => presetSettings(byId(id), size, i));
const distinct = (values: unknown[]) => new Set(values.map((v) => JSON.stringify(v))).size;

/** The settings that differ between two runs. */
function differences(a: ExperimentSettings, b: ExperimentSettings): string[] {
  return (Object.keys(a) as (keyof ExperimentSettings)[]).filter(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
}

describe('presets', () => {
  it('give valid settings at every size and seed that survive a link round trip unchanged', () => {
    for (const preset of PRESETS) {
      for (const size of PRESET_SIZES) {
        for (const seed of [1, 3]) {
          preset.runs.forEach((_, i) => {
            const settings = presetSettings(preset, size, i, seed);
            expect(settings.seed).toBe(seed);
            expect(reconcile({ ...settings })).toEqual([]);
            expect(parseSettings(serializeSettings(settings))).toEqual({ settings, notices: [] });
          });
        }
      }
    }
  });

  it('the claim size trains a larger model for longer than the quick look, on the same configurations', () => {
    for (const preset of PRESETS) {
      preset.runs.forEach((_, i) => {
        const quick = presetSettings(preset, 'quick', i);
        const claim = presetSettings(preset, 'claim', i);
        expect(claim.steps * claim.batchSize * claim.seqLen).toBeGreaterThan(
          10 * quick.steps * quick.batchSize * quick.seqLen,
        );
        expect(claim.dModel).toBeGreaterThan(quick.dModel);
        for (const key of ['attention', 'seqLen', 'k', 'sharing', 'projection', 'projectionInit'] as const)
          expect(claim[key]).toEqual(quick[key]);
      });
    }
  });

  it('(a) varies k at one n, against standard attention', () => {
    for (const size of PRESET_SIZES) {
      const runs = all('k-at-fixed-n', size);
      expect(distinct(runs.map((s) => s.seqLen))).toBe(1);
      const linformer = runs.filter((s) => s.attention === 'linformer');
      expect(distinct(linformer.map((s) => s.k))).toBe(linformer.length);
      expect(runs.filter((s) => s.attention === 'standard')).toHaveLength(1);
      for (const run of linformer.slice(1)) expect(differences(linformer[0], run)).toEqual(['k']);
    }
  });

  it('(d) varies n at one k, with the batch following n so that every run sees the same tokens per step', () => {
    for (const size of PRESET_SIZES) {
      const runs = all('n-at-fixed-k', size);
      for (const run of runs.slice(1)) expect(differences(runs[0], run).sort()).toEqual(['batchSize', 'seqLen']);
      expect(distinct(runs.map((s) => s.seqLen * s.batchSize))).toBe(1);
      expect(runs.every((s) => s.k < s.seqLen && s.attention === 'linformer')).toBe(true);
    }
  });

  it('(c) compares every sharing mode and nothing else', () => {
    for (const size of PRESET_SIZES) {
      const runs = all('sharing', size);
      expect(runs.map((s) => s.sharing).sort()).toEqual(['headwise', 'kv', 'layerwise', 'none']);
      for (const run of runs.slice(1)) expect(differences(runs[0], run)).toEqual(['sharing']);
    }
  });

  it('queues every configuration once per seed', () => {
    const preset = byId('sharing');
    const jobs = presetJobs(preset, 3);
    expect(jobs).toHaveLength(12);
    expect(distinct(jobs.map((job) => presetSettings(preset, 'quick', job.runIndex, job.seed)))).toBe(12);
  });

  it('tells the same experiment (every setting) from the same configuration (all but the seed)', () => {
    const [a, b] = all('sharing', 'quick');
    expect(sameExperiment(a, { ...a })).toBe(true);
    expect(sameExperiment(a, b)).toBe(false);
    expect(sameExperiment(a, { ...a, seed: a.seed + 1 })).toBe(false);
    expect(sameConfiguration(a, { ...a, seed: a.seed + 1 })).toBe(true);
    expect(sameConfiguration(a, b)).toBe(false);
  });
});
