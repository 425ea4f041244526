import { describe, expect, it } from 'vitest';
import { splitForCorpus } from '../corpora';
import { CORPUS_SPLIT } from '../encodedCorpus';
import { readMobyDick } from '../testing/realCorpora';
import { MASK_DISPLAY, MASK_ID, PAD_ID, SPECIAL_COUNT, UNK_DISPLAY, UNK_ID, buildCharTokenizer } from '../tokenizer';
import { bpeTokenizerFromVocabulary, buildBpeTokenizer } from './bpeTokenizer';
import { BPE_SPECIAL_TOKENS, type BpeVocabulary } from './vocabulary';

/** Specials, then the characters, then the merges' tokens, as training lays a vocabulary out. */
function vocabularyOf(chars: string[], merges: [string, string][]): BpeVocabulary {
  const tokens = [...BPE_SPECIAL_TOKENS, ...chars];
  for (const [left, right] of merges) if (!tokens.includes(left + right)) tokens.push(left + right);
  return { tokens, merges };
}

describe('BPE tokenizer', () => {
  it('applies merges in rank order, not in reading order', () => {
    // "abc": reading left to right would join a+b first; rank 0 is b+c, so b+c fires first and a+b never can.
    const tokenizer = bpeTokenizerFromVocabulary(
      vocabularyOf(
        ['a', 'b', 'c'],
        [
          ['b', 'c'],
          ['a', 'b'],
        ],
      ),
    );
    expect(tokenizer.tokenize('abc')).toEqual(['a', 'bc']);
    expect(tokenizer.tokenize('abd')).toEqual(['ab', 'd']);
    // With a+b ranked first the same word splits the other way.
    const swapped = bpeTokenizerFromVocabulary(
      vocabularyOf(
        ['a', 'b', 'c'],
        [
          ['a', 'b'],
          ['b', 'c'],
        ],
      ),
    );
    expect(swapped.tokenize('abc')).toEqual(['ab', 'c']);
  });

  it('joins the leftmost of overlapping equal pairs first, and chains merges to whole words', () => {
    const tokenizer = bpeTokenizerFromVocabulary(
      vocabularyOf(
        ['a', ' '],
        [
          ['a', 'a'],
          ['aa', 'a'],
          [' ', 'aaa'],
        ],
      ),
    );
    expect(tokenizer.tokenize('aaa')).toEqual(['aaa']);
    expect(tokenizer.tokenize('aaaa')).toEqual(['aa', 'aa']);
    expect(tokenizer.tokenize('aaaaa')).toEqual(['aa', 'aaa']);
    expect(tokenizer.tokenize(' aaa')).toEqual([' aaa']);
    // Ids: specials 0–2, 'a' 3, ' ' 4, then 'aa' 5, 'aaa' 6, ' aaa' 7.
    expect(Array.from(tokenizer.encode(' aaa aa'))).toEqual([7, 4, 5]);
  });

  it('keeps the character tokenizer’s special ids and its UNK rule for unseen characters', () => {
    const tokenizer = buildBpeTokenizer('the cat the hat', { vocabSize: 20 });
    expect([tokenizer.padId, tokenizer.maskId, tokenizer.unkId]).toEqual([PAD_ID, MASK_ID, UNK_ID]);
    expect(tokenizer.vocabulary.tokens.slice(0, SPECIAL_COUNT)).toEqual(['[PAD]', '[MASK]', '[UNK]']);
    // Single characters sit where the character tokenizer puts them: by code point, right after the specials.
    const chars = buildCharTokenizer('the cat the hat');
    for (const char of ' acht') expect(Array.from(tokenizer.encode(char))).toEqual(Array.from(chars.encode(char)));
    // 'é' and '€' are not in the training text: each is one UNK, and the letters around still merge.
    const ids = tokenizer.encode('é the c€at');
    expect(Array.from(ids).filter((id) => id === UNK_ID)).toHaveLength(2);
    expect(tokenizer.tokenize('é the c€at')).toEqual(['é', ' the', ' c', '€', 'at']);
    expect(tokenizer.decode(ids)).toBe(`${UNK_DISPLAY} the c${UNK_DISPLAY}at`);
    // An astral character (outside the BMP) is one code point, so one UNK.
    expect(Array.from(tokenizer.encode('🐋'))).toEqual([UNK_ID]);
  });

  it('decodes PAD as nothing and MASK / UNK / out-of-range ids as symbols, like the character tokenizer', () => {
    const tokenizer = buildBpeTokenizer('the cat the hat', { vocabSize: 20 });
    const the = Array.from(tokenizer.encode('the'));
    expect(tokenizer.decode([PAD_ID, ...the, MASK_ID, UNK_ID, tokenizer.vocabSize, -1, PAD_ID])).toBe(
      `the${MASK_DISPLAY}${UNK_DISPLAY}${UNK_DISPLAY}${UNK_DISPLAY}`,
    );
  });

  it('round-trips Moby-Dick’s validation text exactly and shortens it about 2.3×', () => {
    const { train, validation } = splitForCorpus('moby-dick', readMobyDick(), CORPUS_SPLIT);
    const tokenizer = buildBpeTokenizer(train);
    expect(tokenizer.vocabSize).toBe(512);
    // The validation text has one character the training text lacks ('$'); apart from it, decoding is exact.
    const known = validation.replace(/\$/g, 'S');
    const ids = tokenizer.encode(known);
    expect(tokenizer.decode(ids)).toBe(known);
    expect(Math.min(...ids)).toBeGreaterThanOrEqual(SPECIAL_COUNT);
    expect(Math.max(...ids)).toBeLessThan(tokenizer.vocabSize);
    expect(known.length / ids.length).toBeGreaterThan(2);
    expect(tokenizer.tokenize(known).join('')).toBe(known);
    const withDollar = tokenizer.encode(validation);
    expect(Array.from(withDollar).filter((id) => id === UNK_ID)).toHaveLength(validation.split('$').length - 1);
  });

  it('refuses a vocabulary that breaks its rules, saying which rule', () => {
    const good = vocabularyOf(['a', 'b'], [['a', 'b']]);
    expect(() => bpeTokenizerFromVocabulary({ ...good, tokens: ['[PAD]', '[UNK]', '[MASK]', 'a', 'b', 'ab'] })).toThrow(
      /token 1 must be "\[MASK\]"/,
    );
    expect(() => bpeTokenizerFromVocabulary({ ...good, tokens: [...good.tokens, 'a'] })).toThrow(/"a" has two ids/);
    expect(() => bpeTokenizerFromVocabulary({ ...good, merges: [['a', 'c']] })).toThrow(/"c", which is not in/);
    expect(() =>
      bpeTokenizerFromVocabulary({
        ...good,
        merges: [
          ['a', 'b'],
          ['a', 'b'],
        ],
      }),
    ).toThrow(/repeats merge 0/);
    expect(() => bpeTokenizerFromVocabulary({ tokens: [...BPE_SPECIAL_TOKENS], merges: [] })).toThrow(/at least one/);
  });
});
