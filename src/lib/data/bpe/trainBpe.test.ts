import { describe, expect, it } from 'vitest';
import { splitForCorpus } from '../corpora';
import { CORPUS_SPLIT } from '../encodedCorpus';
import { readMobyDick } from '../testing/realCorpora';
import { SPECIAL_COUNT } from '../tokenizer';
import { DEFAULT_BPE_VOCAB_SIZE, trainBpe } from './trainBpe';
import { BPE_SPECIAL_TOKENS } from './vocabulary';

describe('trainBpe', () => {
  it('learns the merges a hand count predicts, most frequent pair first', () => {
    // Pieces "ab", " ab", " ab", " abc". Pair counts: (a,b) 4, (" ",a) 3, (b,c) 1 → merge a+b.
    // Then (" ",ab) 3, (ab,c) 1 → " ab"; then (" ab",c) 1 → " abc"; then no pair is left.
    const vocabulary = trainBpe('ab ab ab abc', { vocabSize: 10 });
    expect(vocabulary.merges).toEqual([
      ['a', 'b'],
      [' ', 'ab'],
      [' ab', 'c'],
    ]);
    expect(vocabulary.tokens).toEqual([...BPE_SPECIAL_TOKENS, ' ', 'a', 'b', 'c', 'ab', ' ab', ' abc']);
  });

  it('stops early when the text has no pair left, and refuses a size below its characters', () => {
    expect(trainBpe('ab ab ab abc', { vocabSize: 50 }).tokens).toHaveLength(10);
    expect(() => trainBpe('abcdef', { vocabSize: 8 })).toThrow(/too small.*6 distinct characters.*need 9/);
    expect(() => trainBpe('', { vocabSize: 8 })).toThrow(/empty/);
    expect(() => trainBpe('ab', { vocabSize: 7.5 })).toThrow(/whole number/);
  });

  it('breaks ties between equally frequent pairs by the tokens’ text, not by where they first appear', () => {
    // (c,d) and (a,b) both occur twice; "a" < "c", so a+b comes first whichever word comes first.
    const cdFirst = trainBpe('cd\nab\ncd\nab', { vocabSize: SPECIAL_COUNT + 5 + 2 });
    expect(cdFirst.merges).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(trainBpe('ab\ncd\nab\ncd', { vocabSize: SPECIAL_COUNT + 5 + 2 })).toEqual(cdFirst);
  });

  it('merges within pieces only: never across a space, a newline or punctuation', () => {
    const { tokens } = trainBpe('hello, world.\nhello, world.\n', { vocabSize: 60 });
    for (const token of tokens.slice(SPECIAL_COUNT)) {
      expect(token).not.toMatch(/\S\s|[a-z][,.]|[,.][a-z ]|\n./);
    }
    expect(tokens).toContain(' world');
    expect(tokens).toContain('hello');
  });

  it('learns the asked-for vocabulary size on the whole Moby-Dick training split, quickly', () => {
    const { train } = splitForCorpus('moby-dick', readMobyDick(), CORPUS_SPLIT);
    const started = performance.now();
    const vocabulary = trainBpe(train);
    const seconds = (performance.now() - started) / 1000;
    expect(vocabulary.tokens).toHaveLength(DEFAULT_BPE_VOCAB_SIZE);
    expect(new Set(vocabulary.tokens).size).toBe(DEFAULT_BPE_VOCAB_SIZE);
    // Every character of the training text is a token, so only characters it lacks can become UNK.
    for (const char of new Set(train)) expect(vocabulary.tokens).toContain(char);
    // The most frequent English words are whole tokens by 512.
    for (const word of [' the', ' and', ' of', ' whale']) expect(vocabulary.tokens).toContain(word);
    // A few hundred milliseconds on a desktop core; the bound leaves room for a slow, busy machine.
    expect(seconds).toBeLessThan(5);
  });

  it('is deterministic: the same text learns the same tokens and merges', () => {
    const text = readMobyDick().slice(0, 100_000);
    expect(trainBpe(text, { vocabSize: 300 })).toEqual(trainBpe(text, { vocabSize: 300 }));
  });
});
