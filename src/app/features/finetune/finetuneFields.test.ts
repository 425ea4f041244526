import { describe, expect, it } from 'vitest';
import { CLASSIFICATION_DATASETS } from '../../../lib/finetune/classificationDataset';
import { POOLINGS } from '../../../lib/finetune/pooling';
import { EXPERIMENT_FIELDS, defaultSettings } from '../../settings/schema';
import { parseSettings, serializeSettings } from '../../settings/urlState';
import { FINETUNE_FIELDS, FINETUNE_KEYS, defaultFineTuneChoices, fineTuneParams, parseFineTuneChoices, type FineTuneChoices } from './finetuneFields';

describe('fine-tune settings in the link', () => {
  it('travel beside the experiment settings and read back exactly, without notices on either side', () => {
    const choices: FineTuneChoices = {
      ...defaultFineTuneChoices(),
      dataset: 'imdb-sample',
      start: 'fresh',
      steps: 37,
      learningRate: 0.002,
    };
    const query = serializeSettings({ ...defaultSettings(), seqLen: 16, k: 8 }, fineTuneParams(choices));
    expect(query).toBe('?v=2&n=16&k=8&ft=imdb-sample&fs=fresh&fn=37&flr=0.002');
    expect(parseFineTuneChoices(query)).toEqual({ choices, notices: [] });
    expect(parseSettings(query, FINETUNE_KEYS).notices).toEqual([]);
    expect(fineTuneParams(defaultFineTuneChoices())).toEqual({});
  });

  it('a damaged fine-tune value is repaired and named, and leaves the experiment settings alone', () => {
    const { choices, notices } = parseFineTuneChoices('?n=16&fn=abc&fb=999&fp=cls&zz=1');
    expect(choices.steps).toBe(200);
    expect(choices.batchSize).toBe(64);
    expect(choices.pooling).toBe('mean');
    expect(notices).toEqual([
      'Fine-tune steps: ignored "abc" (not a number); using 200.',
      'Batch size: "999" is out of range 1–64; clamped to 64.',
      'Pooling: ignored "cls" (expected one of mean, first); using mean.',
    ]);
    // The unknown key is the experiment parser's to report, once.
    expect(parseSettings('?n=64&fn=abc&zz=1', FINETUNE_KEYS).notices).toEqual(['Ignored unknown setting "zz".']);
  });

  it('offer exactly the sentence sets and poolings the library has', () => {
    const field = (name: string) => FINETUNE_FIELDS.find((f) => f.name === name);
    const choicesOf = (name: string) => {
      const spec = field(name);
      return spec?.type === 'choice' ? [...spec.choices].sort() : [];
    };
    expect(choicesOf('dataset')).toEqual(CLASSIFICATION_DATASETS.map((d) => d.id).sort());
    expect(choicesOf('pooling')).toEqual([...POOLINGS].sort());
    // Keys never collide with the experiment's.
    const experimentKeys = new Set<string>(EXPERIMENT_FIELDS.map((f) => f.key));
    expect(FINETUNE_FIELDS.filter((f) => experimentKeys.has(f.key))).toEqual([]);
  });
});
