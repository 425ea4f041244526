import { describe, expect, it } from 'vitest';
import { toCsv } from '../../shared/export/exportFigure';
import {
  LEGACY_STORAGE_KEY,
  attentionLabel,
  newestFirst,
  pretrainingLabel,
  readLegacyResults,
  resultsCsvRows,
  sharingLabel,
} from './finetuneResults';
import { result, stored } from './testFinetune';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

describe('results kept by older versions in localStorage', () => {
  it('are read back, with malformed entries skipped and garbage survived', () => {
    const storage = memoryStorage();
    const good = stored('ok');
    storage.setItem(LEGACY_STORAGE_KEY, JSON.stringify([good, { id: 3 }, null, { ...good, id: 'bad', result: {} }]));
    expect(readLegacyResults(storage)).toEqual([good]);
    storage.setItem(LEGACY_STORAGE_KEY, '{not json');
    expect(readLegacyResults(storage)).toEqual([]);
    expect(readLegacyResults(undefined)).toEqual([]);
  });

  it('sort newest first, ties by id', () => {
    const a = { ...stored('a'), finishedAt: '2026-01-02T00:00:00.000Z' };
    const b = { ...stored('b'), finishedAt: '2026-01-03T00:00:00.000Z' };
    const c = { ...stored('c'), finishedAt: '2026-01-02T00:00:00.000Z' };
    expect(newestFirst([a, b, c]).map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('table labels and CSV', () => {
  it('describe the attention, sharing and pretraining of a row', () => {
    expect(attentionLabel(result())).toBe('Linformer k = 8');
    expect(sharingLabel(result())).toBe('kv');
    expect(attentionLabel(result({ model: { ...result().model, attention: 'standard' } }))).toBe('standard');
    expect(sharingLabel(result({ model: { ...result().model, attention: 'standard' } }))).toBe('—');
    expect(pretrainingLabel(result())).toBe('no');
    expect(pretrainingLabel(result({ start: 'trained', pretrainingSteps: 300 }))).toBe(
      'yes (300 MLM steps on moby-dick)',
    );
  });

  it('name the run a trained start copied in the Pretrained label and the CSV, and leave both blank without one', () => {
    const fromRun = result({
      start: 'trained',
      pretrainingSteps: 200,
      trainedRunId: 'run-7',
      trainedRunLabel: 'linformer k=8, n=32, seed 1, moby-dick',
    });
    expect(pretrainingLabel(fromRun)).toBe(
      'yes (200 MLM steps on moby-dick, run "linformer k=8, n=32, seed 1, moby-dick")',
    );
    const csv = toCsv(resultsCsvRows([{ id: 'a', finishedAt: 't', result: fromRun }, stored('b')]));
    const [header, withRun, without] = csv.trim().split(/\r?\n/);
    const columns = header.split(',');
    const cell = (line: string, name: string) => line.split(',')[columns.indexOf(name)];
    expect(cell(withRun, 'trainedRunId')).toBe('run-7');
    // The label holds commas, so the CSV quotes it: read it as the one quoted field on the line.
    expect(withRun).toContain('"linformer k=8, n=32, seed 1, moby-dick"');
    expect(cell(without, 'trainedRunId')).toBe('');
    expect(cell(without, 'trainedRunLabel')).toBe('');
  });

  it('write one CSV line per result with its accuracy and baseline', () => {
    const csv = toCsv(resultsCsvRows([{ id: 'a', finishedAt: 't', result: result({ devAccuracy: 0.625 }) }]));
    const [header, line] = csv.trim().split(/\r?\n/);
    const columns = header.split(',');
    const values = line.split(',');
    expect(values[columns.indexOf('devAccuracy')]).toBe('0.625');
    expect(values[columns.indexOf('majorityAccuracy')]).toBe('0.5');
    expect(values[columns.indexOf('pretrained')]).toBe('no');
    expect(values[columns.indexOf('k')]).toBe('8');
    expect(values[columns.indexOf('link')]).toBe('');
  });

  it('writes a result whose text would run as a spreadsheet formula as inert text in the CSV', () => {
    const hostile = { ...stored('=cmd|calc', { dataset: 'uci-sentiment' }), backend: '@SUM(1+1)', link: '+HYPERLINK("x")' };
    const [header, row] = toCsv(resultsCsvRows([hostile])).split('\r\n');
    const cells = Object.fromEntries(header.split(',').map((name, i) => [name, row.split(',')[i]]));
    expect(cells.id).toBe("'=cmd|calc");
    expect(cells.backend).toBe("'@SUM(1+1)");
    // Numbers stay numbers.
    expect(cells.devAccuracy).toBe('0.6');
  });
});
