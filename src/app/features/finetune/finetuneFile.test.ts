import { describe, expect, it } from 'vitest';
import { FINETUNE_FILE_FORMAT, MAX_FINETUNE_FILE_BYTES, readFineTuneFile, toFineTuneFile } from './finetuneFile';
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
        '"result.dataset" must be a known sentence set',
      ],
      [{ ...stored('x'), result: result({ steps: 2.5 }) }, '"result.steps" must be a whole number'],
      [{ ...stored('x'), id: '' }, '"id" must be non-empty text'],
      [{ ...stored('x'), finishedAt: 'yesterday' }, '"finishedAt" must be a date'],
      [{ ...stored('x'), link: 42 }, '"link" must be text'],
      [
        { ...stored('x'), result: result({ model: { ...result().model, kPerLayer: [64] } }) },
        'the model is impossible: k in layer 1 (64) is larger than n (32)',
      ],
      [
        { ...stored('x'), result: result({ model: { ...result().model, attention: 'sparse' as never } }) },
        '"model.attention" is not one of standard, linformer',
      ],
    ];
    for (const [entry, message] of cases) {
      const error = refusal(fileText([stored('fine'), entry]));
      expect(error).toContain('Result 2 cannot be read');
      expect(error).toContain(message);
    }
  });
});
