import { describe, expect, it } from 'vitest';
import { MAX_POINTS, readRunFile, toRunFile } from './runFile';
import { makeRun } from './testRun';
import { parseSettings } from '../../settings/urlState';

const roundTrip = (value: unknown) => readRunFile(JSON.stringify(value));

describe('run files', () => {
  it('write config, seed, backend, adapter, app version and series, and read back the same run', () => {
    const run = makeRun({}, { attention: 'linformer', sharing: 'kv', kPerLayer: [16, 8], layers: 2 });
    const file = toRunFile(run, new Date('2025-02-03T00:00:00Z'));
    expect(file).toMatchObject({
      format: 'linformer-lab-run',
      seed: 7,
      backend: 'webgpu',
      adapter: 'google swiftshader',
      appVersion: '0.1.0',
      config: run.settings,
      series: { training: run.training, validation: run.validation },
    });
    // The link in the file opens the same experiment.
    expect(parseSettings(file.link)).toEqual({ settings: run.settings, notices: [] });
    expect(roundTrip(file)).toEqual({ ok: true, run });
  });

  it("carry the context-blind floor and each step's gradient norm and clipping, and read them back", () => {
    const run = makeRun();
    const file = toRunFile(run);
    expect(file.info).toMatchObject({
      unigramPerplexity: 23.5,
      scoredUnigramPerplexity: 22.9,
      contextBlindPerplexity: 18.4,
    });
    expect(file.series.training.map((p) => [p.gradNorm, p.clipped])).toEqual([
      [2, true],
      [1.5, true],
      [1, false],
    ]);
    const result = roundTrip(file);
    expect(result).toEqual({ ok: true, run });
    expect(result.ok && result.run.info?.contextBlindPerplexity).toBe(18.4);
  });

  it('load a file written before the floor, the scored baseline and the clipping fields existed', () => {
    const file = toRunFile(makeRun()) as unknown as {
      info: Record<string, unknown>;
      series: { training: Record<string, unknown>[] };
    };
    delete file.info.contextBlindPerplexity;
    delete file.info.scoredUnigramPerplexity;
    for (const point of file.series.training) {
      delete point.gradNorm;
      delete point.clipped;
    }
    const result = roundTrip(file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.run.info).toEqual({
      vocabSize: 81,
      parameters: { total: 1000, trainable: 900 },
      trainTokens: 5000,
      validationTokens: 500,
      unigramPerplexity: 23.5,
    });
    expect(result.run.training).toHaveLength(3);
    result.run.training.forEach((point) => {
      expect(point).not.toHaveProperty('gradNorm');
      expect(point).not.toHaveProperty('clipped');
    });
  });

  it('reads a file written before the projection init was a setting as N(0, 1/k), how those runs were trained', () => {
    const file = toRunFile(makeRun()) as unknown as { config: Record<string, unknown> };
    delete file.config.projectionInit;
    const result = roundTrip(file);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.run.settings.projectionInit).toBe('normal');
  });

  it('reads a file written before subwords existed as a character run, and keeps a BPE run as one', () => {
    const file = toRunFile(makeRun()) as unknown as { config: Record<string, unknown> };
    delete file.config.tokenizer;
    const old = roundTrip(file);
    expect(old.ok && old.run.settings.tokenizer).toBe('char');
    const bpe = roundTrip(toRunFile(makeRun({}, { tokenizer: 'bpe512' })));
    expect(bpe.ok && bpe.run.settings.tokenizer).toBe('bpe512');
  });

  it('keeps a run that was still going as stopped (it cannot be resumed from a file)', () => {
    const result = roundTrip(toRunFile(makeRun({ status: 'running' })));
    expect(result.ok && result.run.status).toBe('stopped');
  });

  it('regenerates the label from the settings, so a file cannot label a run as something else', () => {
    const file = { ...toRunFile(makeRun()), label: 'standard, n=4096' };
    const result = roundTrip(file);
    expect(result.ok && result.run.label).toBe(makeRun().label);
  });

  const malformed: [string, string | (() => unknown), RegExp][] = [
    ['not JSON', '{"format": ', /not valid JSON/],
    ['another JSON file', () => ({ name: 'package' }), /not a Linformer Lab run file/],
    ['an array', () => [1, 2], /not a Linformer Lab run file/],
    ['a newer format', () => ({ ...toRunFile(makeRun()), formatVersion: 9 }), /format version 9/],
    [
      'an out-of-range setting',
      () => withConfig({ seqLen: 1e9 }),
      /"config.seqLen" must be at most 8192 \(it is 1000000000\)/,
    ],
    ['k above n', () => withConfig({ k: 128, seqLen: 64 }), /cannot exceed n/],
    ['a setting of the wrong type', () => withConfig({ layers: '2' }), /"config.layers" must be a number, not text/],
    [
      'markup as a choice',
      () => withConfig({ corpus: '<img src=x onerror=alert(1)>' }),
      /"config.corpus" must be one of moby-dick, sotu/,
    ],
    ['an unknown setting', () => withConfig({ evil: 1 }), /"config" has unknown fields: evil/],
    ['a missing setting', () => withConfig({ seed: undefined }), /"config.seed" is missing/],
    ['a seed that disagrees', () => ({ ...toRunFile(makeRun()), seed: 99 }), /seed/],
    [
      'an unknown status',
      () => ({ ...toRunFile(makeRun()), status: 'exploded' }),
      /"status" must be one of preparing, idle, running/,
    ],
    [
      'series that are not lists',
      () => ({ ...toRunFile(makeRun()), series: { training: 5, validation: [] } }),
      /must be a list/,
    ],
    ['a non-numeric loss', () => withValidation([{ step: 1, loss: 'x', perplexity: 2 }]), /"loss" must be a number/],
    ['NaN written as null', () => withValidation([{ step: 1, loss: null, perplexity: 2 }]), /"loss" must be a number/],
    [
      'steps out of order',
      () =>
        withValidation([
          { step: 5, loss: 1, perplexity: 2 },
          { step: 4, loss: 1, perplexity: 2 },
        ]),
      /increasing order/,
    ],
    ['a bad date', () => ({ ...toRunFile(makeRun()), startedAt: 'yesterday' }), /not a date/],
    ['no info parameters', () => ({ ...toRunFile(makeRun()), info: { vocabSize: 3 } }), /parameter counts/],
    [
      'a floor that is text',
      () => withInfo({ contextBlindPerplexity: '17.3' }),
      /"info.contextBlindPerplexity" must be a number/,
    ],
    [
      'a floor written as null (NaN)',
      () => withInfo({ contextBlindPerplexity: null }),
      /"info.contextBlindPerplexity" must be a number/,
    ],
    [
      'a floor of zero',
      () => withInfo({ contextBlindPerplexity: 0 }),
      /"info.contextBlindPerplexity" must be a positive number/,
    ],
    [
      'a negative floor',
      () => withInfo({ contextBlindPerplexity: -2 }),
      /"info.contextBlindPerplexity" must be a positive number/,
    ],
    [
      'a negative unigram baseline',
      () => withInfo({ unigramPerplexity: -1 }),
      /"info.unigramPerplexity" must be a positive number/,
    ],
    ['a clipping flag that is text', () => withTrainingPoint({ clipped: 'yes' }), /"clipped" must be true or false/],
    ['a gradient norm that is text', () => withTrainingPoint({ gradNorm: 'big' }), /"gradNorm" must be a number/],
    ['a negative gradient norm', () => withTrainingPoint({ gradNorm: -1 }), /"gradNorm" must not be negative/],
  ];

  /** Files the settings schema alone would let through, but no run can have produced. */
  const impossible: [string, string | (() => unknown), RegExp][] = [
    [
      'heads that do not divide dModel',
      () => withConfig({ heads: 3 }),
      /"config" describes an impossible model: heads \(3\) must divide dModel \(64\)/,
    ],
    [
      'a standard model whose heads do not divide dModel',
      () => withConfig({ attention: 'standard', heads: 5 }),
      /heads \(5\) must divide dModel \(64\)/,
    ],
    [
      'mean-pooling with n not divisible by k',
      () => withConfig({ projection: 'mean-pool', k: 12 }),
      /impossible model: n \(64\) is not divisible by k in layer 1 \(12\), which mean-pool needs/,
    ],
    [
      'a per-layer k above n',
      () => withConfig({ kPerLayer: [16, 128] }),
      /"config.kPerLayer\[1\]" cannot exceed n = 64 \(it is 128\)/,
    ],
    [
      'a per-layer k list of the wrong length',
      () => withConfig({ kPerLayer: [16, 8, 4] }),
      /"config.kPerLayer" lists 3 values for 2 layers/,
    ],
    [
      'layerwise sharing with different k per layer',
      () => withConfig({ sharing: 'layerwise', kPerLayer: [16, 8] }),
      /layerwise sharing uses one projection for every layer/,
    ],
    [
      'a fractional step',
      () => withValidation([{ step: 1.5, loss: 1, perplexity: 3 }]),
      /Point 1 of the validation series: "step" must be a whole number \(it is 1.5\)/,
    ],
    [
      'a negative step',
      () => withValidation([{ step: -1, loss: 1, perplexity: 3 }]),
      /"step" must not be negative \(it is -1\)/,
    ],
    [
      'a validation step beyond the run',
      () => withValidation([{ step: 21, loss: 1, perplexity: 3 }]),
      /Point 1 of the validation series: "step" is beyond the run's 20 steps \(it is 21\)/,
    ],
    [
      'a training step beyond the run',
      () => withTraining((point, i) => ({ ...point, step: 19 + i })),
      /Point 3 of the training series: "step" is beyond the run's 20 steps \(it is 21\)/,
    ],
    [
      'a negative loss',
      () => withValidation([{ step: 1, loss: -0.5, perplexity: 2 }]),
      /"loss" must not be negative \(it is -0.5\)/,
    ],
    [
      'a perplexity below 1',
      () => withValidation([{ step: 1, loss: 0.1, perplexity: 0.9 }]),
      /"perplexity" must be at least 1 \(it is 0.9\)/,
    ],
    [
      'an infinite perplexity (1e400 parses as Infinity)',
      JSON.stringify(withValidation([{ step: 1, loss: 1, perplexity: 'INF' }])).replace('"INF"', '1e400'),
      /Point 1 of the validation series: "perplexity" must be a finite number/,
    ],
    [
      'an infinite training loss',
      JSON.stringify(withTrainingPoint({ loss: 'INF' })).replace('"INF"', '1e400'),
      /Point 1 of the training series: "loss" must be a finite number/,
    ],
    [
      'a negative time per step',
      () => withTrainingPoint({ msPerStep: -3 }),
      /Point 1 of the training series: "msPerStep" must not be negative/,
    ],
    [
      'a negative throughput',
      () => withTrainingPoint({ tokensPerSecond: -1 }),
      /"tokensPerSecond" must not be negative/,
    ],
    [
      'a negative learning rate',
      () => withTrainingPoint({ learningRate: -1e-3 }),
      /"learningRate" must not be negative/,
    ],
    [
      'a floor below 1',
      () => withInfo({ contextBlindPerplexity: 0.5 }),
      /"info.contextBlindPerplexity" must be at least 1/,
    ],
    [
      'a fractional parameter count',
      () => withInfo({ parameters: { total: 10.5, trainable: 9 } }),
      /"info.parameters.total" must be a whole number/,
    ],
  ];

  function withInfo(patch: Record<string, unknown>) {
    const file = toRunFile(makeRun());
    return { ...file, info: { ...file.info, ...patch } };
  }
  function withTrainingPoint(patch: Record<string, unknown>) {
    const file = toRunFile(makeRun());
    const [first, ...rest] = file.series.training;
    return { ...file, series: { ...file.series, training: [{ ...first, ...patch }, ...rest] } };
  }

  function withTraining(change: (point: Record<string, unknown>, index: number) => Record<string, unknown>) {
    const file = toRunFile(makeRun());
    return {
      ...file,
      series: { ...file.series, training: file.series.training.map((point, i) => change({ ...point }, i)) },
    };
  }

  function withConfig(patch: Record<string, unknown>) {
    const file = toRunFile(makeRun());
    return { ...file, config: { ...file.config, ...patch } };
  }
  function withValidation(validation: unknown[]) {
    const file = toRunFile(makeRun());
    return { ...file, series: { ...file.series, validation } };
  }

  it.each([...malformed, ...impossible])('refuses %s with a message, without throwing', (_name, content, message) => {
    const text = typeof content === 'string' ? content : JSON.stringify(content());
    const result = readRunFile(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('drops fields it does not know outside the config (a newer file, a hand edit), so none reach storage', () => {
    const file = toRunFile(makeRun());
    const [first, ...rest] = file.series.training;
    const result = roundTrip({
      ...file,
      note: 'hello',
      info: { ...file.info, extra: { deep: 1 } },
      series: { ...file.series, training: [{ ...first, secret: 'x' }, ...rest] },
    });
    expect(result).toEqual({ ok: true, run: makeRun() });
  });

  it('refuses a file nested deeper than any run file, before reading it', () => {
    // Written as text: JSON.stringify itself recurses, and would overflow the stack on a value this deep.
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const result = readRunFile(JSON.stringify({ ...toRunFile(makeRun()), extra: 'DEEP' }).replace('"DEEP"', deep));
    expect(result).toEqual({
      ok: false,
      error: 'The file nests values more than 16 levels deep; no run file does, so it was not read.',
    });
  });

  it('refuses a series longer than any run can record, naming the series and its length', () => {
    const file = toRunFile(makeRun());
    const point = file.series.validation[0];
    const validation = Array.from({ length: MAX_POINTS + 1 }, (_, step) => ({ ...point, step }));
    const result = roundTrip({ ...file, series: { ...file.series, validation } });
    expect(result).toEqual({
      ok: false,
      error: `The validation series holds ${MAX_POINTS + 1} points; a run records at most one per step, and no run has more than 100000 steps, so the file was not imported.`,
    });
  });

  it('refuses a vocabulary larger than any corpus this app builds', () => {
    const result = roundTrip(withInfo({ vocabSize: 2 ** 40 }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('"info.vocabSize" must be at most 65536');
  });

  it('accepts points up to the last step of the run, and a step 0', () => {
    const file = withTraining((point, i) => ({ ...point, step: 18 + i }));
    const result = roundTrip({
      ...file,
      series: {
        ...file.series,
        validation: [
          { step: 0, loss: 4, perplexity: 60 },
          { step: 20, loss: 0, perplexity: 1 },
        ],
      },
    });
    expect(result.ok).toBe(true);
  });
});
