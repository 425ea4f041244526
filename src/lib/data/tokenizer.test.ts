import { describe, expect, it } from 'vitest';
import { readMobyDick } from './testing/realCorpora';
import {
  MASK_DISPLAY,
  MASK_ID,
  PAD_ID,
  SPECIAL_COUNT,
  UNK_DISPLAY,
  UNK_ID,
  buildCharTokenizer,
  tokenizerFromJSON,
} from './tokenizer';

describe('character tokenizer', () => {
  it('round-trips the whole of Moby-Dick and has one id per distinct character plus three specials', () => {
    const text = readMobyDick();
    const tokenizer = buildCharTokenizer(text);
    const distinct = new Set(Array.from(text));
    expect(tokenizer.vocabSize).toBe(SPECIAL_COUNT + distinct.size);
    const ids = tokenizer.encode(text);
    expect(ids.length).toBe(Array.from(text).length);
    expect(Math.min(...ids.subarray(0, 100_000))).toBeGreaterThanOrEqual(SPECIAL_COUNT);
    expect(tokenizer.decode(ids)).toBe(text);
  });

  it('numbers characters by code point after PAD, MASK, UNK, whatever order the text shows them in', () => {
    const tokenizer = buildCharTokenizer('cab\n a');
    expect([tokenizer.padId, tokenizer.maskId, tokenizer.unkId]).toEqual([PAD_ID, MASK_ID, UNK_ID]);
    expect([PAD_ID, MASK_ID, UNK_ID]).toEqual([0, 1, 2]);
    // '\n' (10) < ' ' (32) < 'a' < 'b' < 'c'.
    expect(Array.from(tokenizer.encode('\n abc'))).toEqual([3, 4, 5, 6, 7]);
    expect(buildCharTokenizer('a\nbc a').toJSON()).toEqual(tokenizer.toJSON());
  });

  it('is deterministic: the same text gives the same vocabulary and ids', () => {
    const text = readMobyDick().slice(0, 200_000);
    const first = buildCharTokenizer(text);
    const second = buildCharTokenizer(text);
    expect(second.toJSON()).toEqual(first.toJSON());
    const a = first.encode(text);
    const b = second.encode(text);
    expect(a.length).toBe(b.length);
    expect(a.every((id, i) => id === b[i])).toBe(true);
  });

  it('maps characters it has not seen to UNK and shows specials visibly when decoding', () => {
    const tokenizer = buildCharTokenizer('ab');
    expect(Array.from(tokenizer.encode('axb'))).toEqual([3, UNK_ID, 4]);
    expect(tokenizer.decode([3, MASK_ID, PAD_ID, UNK_ID, 4, 999])).toBe(
      `a${MASK_DISPLAY}${UNK_DISPLAY}b${UNK_DISPLAY}`,
    );
  });

  it('treats a surrogate pair as one character', () => {
    const text = 'a\u{1F40B}b\u{1F40B}';
    const tokenizer = buildCharTokenizer(text);
    expect(tokenizer.vocabSize).toBe(SPECIAL_COUNT + 3);
    const ids = tokenizer.encode(text);
    expect(ids.length).toBe(4);
    expect(tokenizer.decode(ids)).toBe(text);
    // Unknown astral characters become a single UNK, not two.
    expect(Array.from(buildCharTokenizer('ab').encode('a\u{1F40B}b'))).toEqual([3, UNK_ID, 4]);
  });

  it('survives a JSON round trip', () => {
    const text = readMobyDick().slice(0, 50_000) + '\u{1F40B}';
    const tokenizer = buildCharTokenizer(text);
    const restored = tokenizerFromJSON(JSON.parse(JSON.stringify(tokenizer)));
    expect(restored.vocabSize).toBe(tokenizer.vocabSize);
    const expected = tokenizer.encode(text);
    expect(restored.encode(text).every((id, i) => id === expected[i])).toBe(true);
  });

  it('rejects malformed tokenizer JSON with a message naming the problem', () => {
    expect(() => tokenizerFromJSON({ kind: 'bpe', symbols: [] })).toThrow(/kind/);
    expect(() => tokenizerFromJSON({ kind: 'char', symbols: ['a', 'a'] })).toThrow(/twice/);
    expect(() => tokenizerFromJSON({ kind: 'char', symbols: ['ab'] })).toThrow(/one character/);
    expect(() => tokenizerFromJSON(null)).toThrow(/object/);
  });
});
