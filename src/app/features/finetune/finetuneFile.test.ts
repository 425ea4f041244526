import { describe, expect, it } from 'vitest';
import {
  FINETUNE_FILE_FORMAT,
  MAX_FINETUNE_FILE_BYTES,
  MAX_FINETUNE_RESULTS_PER_FILE,
  readFineTuneFile,
  storedFineTuneProblem,
  toFineTuneFile,
} from './finetuneFile';
import { result, stored } from './testFinetune';

const fileText = (results: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ...toFineTuneFile([], '0.1.0', new Date('2026-02-03T04:05:06Z')), results, ...extra });

function refusal(text: string): string {
  const read = readFineTuneFile(text);
  if (read.ok) throw new Error('expected the file to be refused');
  return read.error;
}

describe('fine-tune results file', () => {
  it('round-trips results exactly, through JSON text', () => {
    const results = [stored('a'), stored('b', { start: 'trained', pretrainingSteps: 300, stoppedEarly: true })];
    const file = toFineTuneFile(results, '0.1.0', new Date('2026-02-03T04:05:06Z'));
    expect(file.format).toBe(FINETUNE_FILE_FORMAT);
    expect(file.exportedAt).toBe('2026-02-03T04:05:06.000Z');
    const read = readFineTuneFile(JSON.stringify(file));
    expect(read).toEqual({ ok: true, results });
  });

  it('round-trips the trained run a result started from, and accepts a trained result from before it was recorded', () => {
    const fromRun = stored('r', {
      start: 'trained',
      pretrainingSteps: 200,
      trainedRunId: 'run-7',
      trainedRunLabel: 'standard, n=32, seed 3, moby-dick',
    });
    expect(readFineTuneFile(JSON.stringify(toFineTuneFile([fromRun], '0.1.0')))).toEqual({
      ok: true,
      results: [fromRun],
    });
    const older = stored('old', { start: 'trained', pretrainingSteps: 200 });
    expect(readFineTuneFile(fileText([older]))).toEqual({ ok: true, results: [older] });
    expect(storedFineTuneProblem({ ...fromRun, result: { ...fromRun.result, trainedRunLabel: ' ' } })).toContain(
      '"result.trainedRunLabel" must be non-empty text',
    );
    expect(storedFineTuneProblem({ ...fromRun, result: { ...fromRun.result, trainedRunId: 7 } })).toContain(
      '"result.trainedRunId" must be text',
    );
  });

  it('accepts results from before links and backends were recorded', () => {
    const { link: _link, ...old } = stored('old');
    expect(readFineTuneFile(fileText([old])).ok).toBe(true);
  });

  it('refuses text that is not a results file, naming why', () => {
    expect(refusal('{not json')).toBe('The file is not valid JSON.');
    expect(refusal(JSON.stringify({ format: 'linformer-lab-run', formatVersion: 1 }))).toContain('not a fine-tune');
    expect(refusal(fileText([], { formatVersion: 7 }))).toContain('format version 7');
    expect(refusal(fileText([], { results: 'none' }))).toContain('no "results" list');
    expect(refusal(' '.repeat(MAX_FINETUNE_FILE_BYTES + 1))).toContain('too large');
  });

  it('refuses a file with any impossible result, naming the result and the field', () => {
    const cases: [unknown, string][] = [
      [{ ...stored('x'), result: result({ devAccuracy: 1.5 }) }, '"result.devAccuracy" must be a fraction'],
      [
        { ...stored('x'), result: result({ dataset: 'sst-2' as never }) },
        '"result.dataset" must be one of uci-sentiment, imdb-sample (it is "sst-2")',
      ],
      [{ ...stored('x'), result: result({ steps: 2.5 }) }, '"result.steps" must be a whole number'],
      [{ ...stored('x'), id: '' }, '"id" must be non-empty text'],
      [{ ...stored('x'), finishedAt: 'yesterday' }, '"finishedAt" must be a date'],
      [{ ...stored('x'), link: 42 }, '"link" must be text'],
      [
        { ...stored('x'), result: result({ model: { ...result().model, kPerLayer: [64] } }) },
        '"result.model" is an impossible model: k in layer 1 (64) is larger than n (32)',
      ],
      [
        { ...stored('x'), result: result({ model: { ...result().model, attention: 'sparse' as never } }) },
        '"result.model.attention" must be one of standard, linformer (it is "sparse")',
      ],
    ];
    for (const [entry, message] of cases) {
      const error = refusal(fileText([stored('fine'), entry]));
      expect(error).toContain('Result 2 cannot be read');
      expect(error).toContain(message);
    }
  });

  it('refuses a model larger than the settings allow or one the encoder cannot build, naming the field', () => {
    const model = (patch: Record<string, unknown>) => ({
      ...stored('x'),
      result: { ...result(), model: { ...result().model, ...patch } },
    });
    const cases: [unknown, string][] = [
      [model({ layers: 1e6 }), '"result.model.layers" must be at most 24 (it is 1000000)'],
      [model({ dModel: 2 ** 40 }), '"result.model.dModel" must be at most 1024 (it is 1099511627776)'],
      [model({ dFF: 2 ** 20 }), '"result.model.dFF" must be at most 4096'],
      [model({ seqLen: 1e5 }), '"result.model.seqLen" must be at most 8192'],
      [model({ vocabSize: 2 ** 30 }), '"result.model.vocabSize" must be at most 65536'],
      [model({ heads: 0 }), '"result.model.heads" must be at least 1 (it is 0)'],
      [model({ kPerLayer: [8, 8] }), '"result.model" is an impossible model: k per layer lists 2 values for 1 layer.'],
      [model({ heads: 3 }), '"result.model" is an impossible model: heads (3) must divide dModel (32).'],
      [
        model({ attention: 'standard', heads: 5 }),
        '"result.model" is an impossible model: heads (5) must divide dModel (32).',
      ],
      [
        model({ projection: 'mean-pool', kPerLayer: [12] }),
        'is an impossible model: n (32) is not divisible by k in layer 1 (12), which mean-pool needs',
      ],
      [model({ dropout: 1 }), 'is an impossible model: dropout must be in [0, 1) (got 1).'],
      [model({ dModel: 'wide' }), '"result.model.dModel" must be a number, not text'],
      [{ ...stored('x'), result: result({ steps: 1e9 }) }, '"result.steps" must be at most 20000'],
      [{ ...stored('x'), result: result({ batchSize: 4096 }) }, '"result.batchSize" must be at most 256'],
      [{ ...stored('x'), result: result({ devLoss: -1 }) }, '"result.devLoss" must not be negative'],
      [{ ...stored('x'), result: result({ learningRate: 0 }) }, '"result.learningRate" must be a positive number'],
    ];
    for (const [entry, message] of cases) {
      const error = refusal(fileText([stored('fine'), entry]));
      expect(error).toContain('Result 2 cannot be read');
      expect(error).toContain(message);
    }
  });

  it(`refuses a file of more than ${MAX_FINETUNE_RESULTS_PER_FILE} results whole, saying how many it holds`, () => {
    const many = Array.from({ length: MAX_FINETUNE_RESULTS_PER_FILE + 1 }, (_, i) => stored(`r${i}`));
    expect(refusal(fileText(many))).toBe(
      `The file holds ${MAX_FINETUNE_RESULTS_PER_FILE + 1} results; this app imports at most ${MAX_FINETUNE_RESULTS_PER_FILE} from one file, so none were imported. Split it into smaller files.`,
    );
    const most = readFineTuneFile(fileText(many.slice(0, MAX_FINETUNE_RESULTS_PER_FILE)));
    expect(most.ok && most.results.length).toBe(MAX_FINETUNE_RESULTS_PER_FILE);
  });

  it('refuses a result nested thousands of levels deep, so it never reaches storage or an export', () => {
    // Written as text: JSON.stringify itself recurses, and would overflow the stack on a value this deep.
    const deep = `${'{"deep":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const text = fileText([{ ...stored('x'), result: { ...result(), notes: 'DEEP' } }]).replace('"DEEP"', deep);
    expect(refusal(text)).toBe('The file nests values more than 16 levels deep; no results file does, so it was not read.');
  });

  it('drops fields it does not know, so a result is stored exactly as the app describes one', () => {
    const read = readFineTuneFile(fileText([{ ...stored('x'), extra: 1, result: { ...result(), note: 'hi' } }]));
    expect(read).toEqual({ ok: true, results: [stored('x')] });
  });

  it('refuses a result with an infinite number (JSON reads 1e400 as Infinity)', () => {
    const text = fileText([{ ...stored('x'), result: result({ seconds: 'INF' as never }) }]).replace('"INF"', '1e400');
    expect(refusal(text)).toBe('Result 1 cannot be read: "result.seconds" must be a finite number (it is Infinity).');
  });

  it('keeps storedFineTuneProblem for stored records: null for a good one, the field for a bad one', () => {
    expect(storedFineTuneProblem(stored('a'))).toBeNull();
    expect(storedFineTuneProblem({ ...stored('a'), result: result({ devAccuracy: 2 }) })).toBe(
      '"result.devAccuracy" must be a fraction from 0 to 1 (it is 2).',
    );
    expect(storedFineTuneProblem(null)).toBe('It must be an object, not null.');
  });
});
