// @vitest-environment node
/**
 * The pieces of `npm run reproduce` that decide what it runs and what it writes: its flags, its verdict table and
 * its figure (drawn by the app's line chart in jsdom). The training itself is the app's own (prepareTrainingRun),
 * tested with the model and the trainer.
 */
import { describe, expect, it } from 'vitest';
import { parseArguments } from './arguments';
import { figureSvg } from './figureSvg';
import { reportMarkdown } from './report';
import { presetById, presetSettings } from '../../src/app/features/training/presets';
import { groupPresetRuns, presetFigureSeries, presetVerdict } from '../../src/app/features/training/presetResults';
import { makeRun } from '../../src/app/features/training/testRun';

describe('npm run reproduce', () => {
  it('reads its flags, with 3 seeds and the fastest backend by default', () => {
    const parsed = parseArguments(['--preset', 'k-at-fixed-n', '--size', 'claim', '--out', 'out']);
    expect(parsed).toMatchObject({ size: 'claim', seeds: 3, backend: 'auto', out: 'out' });
    expect(parsed.preset.id).toBe('k-at-fixed-n');
    expect(
      parseArguments(['--preset', 'sharing', '--size', 'quick', '--seeds', '2', '--backend', 'wasm', '--out', 'o']),
    ).toMatchObject({ seeds: 2, backend: 'wasm' });
  });

  it('refuses bad flags with a message naming the fix', () => {
    const base = ['--preset', 'sharing', '--size', 'quick', '--out', 'o'];
    expect(() => parseArguments(['--preset', 'nope', '--size', 'quick', '--out', 'o'])).toThrow(
      /--preset must be one of k-at-fixed-n, n-at-fixed-k, sharing/,
    );
    expect(() => parseArguments(['--preset', 'sharing', '--size', 'huge', '--out', 'o'])).toThrow(
      /--size must be quick or claim/,
    );
    expect(() => parseArguments([...base, '--seeds', '0'])).toThrow(/--seeds must be a whole number/);
    expect(() => parseArguments([...base, '--backend', 'webgl'])).toThrow(/--backend must be one of/);
    expect(() => parseArguments([...base, '--steps', '3'])).toThrow(/Unknown flag --steps/);
    expect(() => parseArguments(['--preset', 'sharing', '--size', 'quick'])).toThrow(/--out DIR is required/);
    expect(() => parseArguments(['--preset'])).toThrow(/Expected "--flag value"/);
  });

  const preset = presetById('k-at-fixed-n')!;
  const runs = preset.runs.flatMap((_, index) =>
    [1, 2].map((seed) => {
      const settings = presetSettings(preset, 'claim', index, seed);
      return makeRun(
        {
          id: `r${index}-${seed}`,
          settings,
          validation: [100, 1200].map((step, i) => ({
            step,
            loss: 0,
            perplexity: i === 0 ? 20 : 12 + index + seed / 10,
          })),
        },
        settings,
      );
    }),
  );
  const groups = groupPresetRuns(preset, 'claim', runs);

  it('writes a table of every configuration over its seeds, with the verdict and the command', () => {
    const verdict = presetVerdict(preset, groups);
    const text = reportMarkdown(
      { preset, size: 'claim', seeds: 2, backend: 'wasm', command: 'npm run reproduce -- …', seconds: 125, trained: 6 },
      groups,
      verdict,
    );
    expect(text).toContain('| standard attention | 2 | 12.15 ± 0.07 | 12.10 – 12.20 | 18.40 | 0.66 | 2 of 2 |');
    expect(text).toContain('| k = 8 | 2 | 14.15 ± 0.07 |');
    // makeRun's three steps of 12.5 ms, six runs.
    expect(text).toContain(
      "`npm run reproduce -- …` — 2 seeds on wasm. The runs' training steps took 0 s in all (validation passes not counted); this invocation trained 6 of them in 2 min 5 s of wall time.",
    );
    expect(text).toContain(`**Verdict (clear).** ${verdict.headline}`);
  });

  it('draws the app figure as a standalone SVG file', async () => {
    const svg = await figureSvg('k varied at fixed n', 'test figure', presetFigureSeries(groups));
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    for (const name of [
      'standard attention (2 seeds)',
      'k = 4 (2 seeds)',
      'k = 8 (2 seeds)',
      'context-blind floor 18.4',
    ])
      expect(svg).toContain(name);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  });
});
