import { describe, expect, it } from 'vitest';
import { parseClassificationDataset } from '../finetune/classificationDataset';
import {
  classificationJson,
  prepareImdbSample,
  prepareUciSentiment,
  tidyReview,
  truncateAtWord,
} from './prepareClassification';

const PACKAGE = { name: 'pkg', version: '1.0.0', license: 'MIT' };

describe('prepareUciSentiment', () => {
  it('joins the files, drops empty trailing entries and repeats, tidies whitespace', () => {
    const dataset = prepareUciSentiment(
      [
        {
          name: 'imdb',
          entries: [
            { text: 'Great  film.  ', class: 1 },
            { text: 'Dull.', class: 0 },
            { text: '', class: null },
          ],
        },
        {
          name: 'yelp',
          entries: [
            { text: 'Great film.', class: 1 },
            { text: 'Cold food.', class: 0 },
            { text: '', class: null },
          ],
        },
      ],
      PACKAGE,
    );
    expect(dataset.texts).toEqual(['Great film.', 'Dull.', 'Cold food.']);
    expect(dataset.labels).toEqual([1, 0, 0]);
    expect(dataset.source.files).toBe('test/fixtures/imdb.json, test/fixtures/yelp.json');
    expect(parseClassificationDataset(JSON.parse(classificationJson(dataset)))).toEqual(dataset);
  });
});

describe('prepareImdbSample', () => {
  const reviews = Array.from({ length: 40 }, (_, i) => ({
    t: `Review number ${i % 30}<br /><br />is ${i % 2 ? 'good' : 'bad'} indeed`,
    s: i % 2,
  }));

  it('draws a balanced, shuffled, de-duplicated, truncated sample, the same for the same seed', () => {
    const options = { perClass: 10, maxCharacters: 20, seed: 5 };
    const dataset = prepareImdbSample(reviews, PACKAGE, options);
    expect(dataset.labels.filter((label) => label === 1)).toHaveLength(10);
    expect(dataset.labels.filter((label) => label === 0)).toHaveLength(10);
    expect(new Set(dataset.texts).size).toBe(20);
    for (const text of dataset.texts) {
      expect(text.length).toBeLessThanOrEqual(20);
      expect(text).not.toMatch(/<br|\s\s/);
    }
    // Shuffled: not all of one class first.
    expect(dataset.labels.slice(0, 10)).not.toEqual(Array.from({ length: 10 }, () => dataset.labels[0]));
    expect(prepareImdbSample(reviews, PACKAGE, options)).toEqual(dataset);
  });

  it('says so when the reviews cannot fill the sample', () => {
    expect(() => prepareImdbSample(reviews, PACKAGE, { perClass: 16, maxCharacters: 400, seed: 1 })).toThrow(
      /only 15 negative and 15 positive/,
    );
  });
});

describe('text tidying', () => {
  it('turns HTML breaks into spaces and cuts at a word boundary', () => {
    expect(tidyReview('One.<br /><br />Two.<BR>Three')).toBe('One. Two. Three');
    expect(truncateAtWord('the quick brown fox', 12)).toBe('the quick');
    expect(truncateAtWord('the quick', 12)).toBe('the quick');
    expect(truncateAtWord('abcdefghij', 4)).toBe('abcd');
  });
});
