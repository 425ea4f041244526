import { describe, expect, it } from 'vitest';
import { PRESETS, presetSettings, sameExperiment } from './presets';
import { parseSettings, reconcile, serializeSettings } from '../../settings/urlState';
import type { ExperimentSettings } from '../../settings/schema';

const byId = (id: string) => PRESETS.find((p) => p.id === id)!;
const all = (id: string) => byId(id).runs.map((_, i) => presetSettings(byId(id), i));
const distinct = (values: unknown[]) => new Set(values.map((v) => JSON.stringify(v))).size;

/** The settings that differ between two runs. */
function differences(a: ExperimentSettings, b: ExperimentSettings): string[] {
  return (Object.keys(a) as (keyof ExperimentSettings)[]).filter(
    (key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]),
  );
}

describe('presets', () => {
  it('give valid settings that survive a link round trip unchanged', () => {
    for (const preset of PRESETS) {
      preset.runs.forEach((_, i) => {
        const settings = presetSettings(preset, i);
        expect(reconcile({ ...settings })).toEqual([]);
        expect(parseSettings(serializeSettings(settings))).toEqual({ settings, notices: [] });
      });
    }
  });

  it('(a) varies k at one n, against standard attention', () => {
    const runs = all('k-at-fixed-n');
    expect(distinct(runs.map((s) => s.seqLen))).toBe(1);
    const linformer = runs.filter((s) => s.attention === 'linformer');
    expect(distinct(linformer.map((s) => s.k))).toBe(linformer.length);
    expect(runs.some((s) => s.attention === 'standard')).toBe(true);
    for (const run of linformer.slice(1)) expect(differences(linformer[0], run)).toEqual(['k']);
  });

  it('(b) varies only n at one k', () => {
    const runs = all('n-at-fixed-k');
    for (const run of runs.slice(1)) expect(differences(runs[0], run)).toEqual(['seqLen']);
    expect(runs.every((s) => s.k <= s.seqLen && s.attention === 'linformer')).toBe(true);
  });

  it('(c) compares every sharing mode and nothing else', () => {
    const runs = all('sharing');
    expect(runs.map((s) => s.sharing).sort()).toEqual(['headwise', 'kv', 'layerwise', 'none']);
    for (const run of runs.slice(1)) expect(differences(runs[0], run)).toEqual(['sharing']);
  });

  it('recognises a run as the same experiment only when every setting matches', () => {
    const [a, b] = all('sharing');
    expect(sameExperiment(a, { ...a })).toBe(true);
    expect(sameExperiment(a, b)).toBe(false);
    expect(sameExperiment(a, { ...a, seed: a.seed + 1 })).toBe(false);
  });
});
