import { describe, expect, it } from 'vitest';
import { MASK_ID, PAD_ID, UNK_ID, buildCharTokenizer } from '../data/tokenizer';
import { encodeExamples, selectRows } from './encodeExamples';

const tokenizer = buildCharTokenizer('abc ');

describe('encodeExamples', () => {
  it('puts the summary slot first, cuts to n − 1 characters and pads the rest', () => {
    const encoded = encodeExamples(tokenizer, ['ab', 'abcabc', 'a\u00e9'], [0, 1, 1], 5);
    const [a, b, c] = ['a', 'b', 'c'].map((char) => tokenizer.encode(char)[0]);
    expect([...encoded.tokens]).toEqual([
      MASK_ID,
      a,
      b,
      PAD_ID,
      PAD_ID,
      MASK_ID,
      a,
      b,
      c,
      a,
      MASK_ID,
      a,
      UNK_ID,
      PAD_ID,
      PAD_ID,
    ]);
    expect([...encoded.mask]).toEqual([1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect([...encoded.labels]).toEqual([0, 1, 1]);
    expect(encoded.truncated).toBe(1);
  });
  it('selects rows as a batch', () => {
    const encoded = encodeExamples(tokenizer, ['a', 'b', 'c'], [0, 1, 0], 3);
    const batch = selectRows(encoded, [2, 0]);
    expect([...batch.tokens]).toEqual([...encoded.tokens.subarray(6, 9), ...encoded.tokens.subarray(0, 3)]);
    expect([...batch.labels]).toEqual([0, 0]);
    expect(() => selectRows(encoded, [3])).toThrow(/outside/);
  });
});
