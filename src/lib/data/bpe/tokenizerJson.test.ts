import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitForCorpus } from '../corpora';
import { CORPUS_SPLIT } from '../encodedCorpus';
import { readMobyDick } from '../testing/realCorpora';
import { UNK_ID } from '../tokenizer';
import { bpeTokenizerFromVocabulary, type BpeTokenizer } from './bpeTokenizer';
import { preTokenize } from './preTokenize';
import { bpeTokenizerFromJson } from './readTokenizerJson';
import { trainBpe } from './trainBpe';
import type { BpeVocabulary } from './vocabulary';
import { HF_TOKENIZER_CONFIG, toTokenizerJson, tokenizerJsonText } from './writeTokenizerJson';

let vocabulary: BpeVocabulary;
let ours: BpeTokenizer;
let jsonText: string;
let hf: HfTokenizer;
let validation: string;

beforeAll(() => {
  const split = splitForCorpus('moby-dick', readMobyDick(), CORPUS_SPLIT);
  validation = split.validation;
  vocabulary = trainBpe(split.train);
  ours = bpeTokenizerFromVocabulary(vocabulary);
  jsonText = tokenizerJsonText(vocabulary);
  hf = new HfTokenizer(JSON.parse(jsonText), HF_TOKENIZER_CONFIG);
});

/** Text with awkward whitespace, punctuation runs, digits, marks and characters Moby-Dick lacks. */
const AWKWARD = 'a  b\n\n  c\t\td —“x”  \n 1851,  $20,000! (naïve—café) \u00e9\u0301 🐋 \u00a0x\n';

describe('tokenizer.json and @huggingface/tokenizers', () => {
  it('gives exactly our ids for Moby-Dick’s validation text, learned on its training split', () => {
    // The whole validation split: 118 k characters in ~29 blocks of running text.
    const expected = Array.from(ours.encode(validation));
    expect(hf.encode(validation).ids).toEqual(expected);
    expect(expected.length).toBeGreaterThan(40_000);
  });

  it('cuts text into the same pieces with its Split pre-tokenizer, including awkward whitespace', () => {
    const pieces = hf.pre_tokenizer!.pre_tokenize(AWKWARD);
    expect(pieces).toEqual(preTokenize(AWKWARD));
    expect(pieces.join('')).toBe(AWKWARD);
    expect(preTokenize('Call me  Ishmael.\n\nSome')).toEqual(['Call', ' me', ' ', ' Ishmael', '.', '\n\n', 'Some']);
  });

  it('agrees on unknown characters (one UNK each) and decodes both ways back to the exact text', () => {
    const ids = Array.from(ours.encode(AWKWARD));
    expect(hf.encode(AWKWARD).ids).toEqual(ids);
    expect(ids.filter((id) => id === UNK_ID).length).toBeGreaterThanOrEqual(3);
    // Without unknown characters both decoders restore the text byte for byte.
    const known = validation.slice(0, 5000).replace(/\$/g, 'S') + ' \n\n  “Ahoy!” -- 1851\n';
    expect(ours.decode(ours.encode(known))).toBe(known);
    expect(hf.decode(hf.encode(known).ids)).toBe(known);
    expect(hf.decode(Array.from(ours.encode(known)))).toBe(known);
  });

  it('differs only where a text spells a special token literally, which the corpora never do', () => {
    // The Hugging Face reader splits added tokens out of the text first; our encoder never makes specials from text.
    expect(hf.encode('a [MASK] b').ids).toContain(1);
    expect(Array.from(ours.encode('a [MASK] b'))).not.toContain(1);
    expect(readMobyDick()).not.toMatch(/\[(PAD|MASK|UNK)\]/);
  });

  it('maps ids and tokens the same way: specials at 0–2 as added tokens, no offset', () => {
    expect([hf.token_to_id('[PAD]'), hf.token_to_id('[MASK]'), hf.token_to_id('[UNK]')]).toEqual([0, 1, 2]);
    vocabulary.tokens.forEach((token, id) => {
      if (id % 37 === 0 || id === vocabulary.tokens.length - 1) expect(hf.id_to_token(id)).toBe(token);
    });
    expect(hf.get_vocab().size).toBe(ours.vocabSize);
  });
});

describe('writing and reading tokenizer.json', () => {
  it('reads back to a tokenizer with the same vocabulary and ids', () => {
    const restored = bpeTokenizerFromJson(jsonText);
    expect(restored.vocabulary).toEqual(vocabulary);
    expect(restored.vocabSize).toBe(512);
    const sample = validation.slice(0, 20_000);
    expect(Array.from(restored.encode(sample))).toEqual(Array.from(ours.encode(sample)));
    // The parsed object works as well as the text, and JSON.stringify(tokenizer) writes the same content.
    expect(bpeTokenizerFromJson(JSON.parse(JSON.stringify(ours))).vocabulary).toEqual(vocabulary);
    expect(JSON.parse(jsonText)).toEqual(toTokenizerJson(vocabulary));
  });

  it('writes the vocabulary in id order, one entry per line', () => {
    const lines = jsonText.split('\n');
    const first = lines.findIndex((line) => line.trim() === '"[PAD]": 0,');
    expect(lines.slice(first, first + 5).map((line) => line.trim())).toEqual([
      '"[PAD]": 0,',
      '"[MASK]": 1,',
      '"[UNK]": 2,',
      '"\\n": 3,',
      '" ": 4,',
    ]);
    expect(jsonText.endsWith('}\n')).toBe(true);
  });

  it('is deterministic: the same text gives byte-identical JSON', () => {
    const text = readMobyDick().slice(0, 150_000);
    expect(tokenizerJsonText(trainBpe(text, { vocabSize: 400 }))).toBe(
      tokenizerJsonText(trainBpe(text, { vocabSize: 400 })),
    );
  });

  it('says clearly what is wrong with a damaged or foreign file', () => {
    const parsed = (): Record<string, any> => JSON.parse(jsonText); // eslint-disable-line @typescript-eslint/no-explicit-any
    const read = (json: unknown) => () => bpeTokenizerFromJson(json, 'data/moby-dick.bpe512.tokenizer.json');

    expect(read(jsonText.slice(0, jsonText.length / 2))).toThrow(
      /data\/moby-dick\.bpe512\.tokenizer\.json is not valid JSON.*cut short/,
    );
    expect(read('[1, 2]')).toThrow(/not a JSON object/);
    expect(read({})).toThrow(/no "model" object/);

    const wordPiece = parsed();
    wordPiece.model.type = 'WordPiece';
    expect(read(wordPiece)).toThrow(/model type is "WordPiece", not "BPE"/);

    const noMerges = parsed();
    delete noMerges.model.merges;
    expect(read(noMerges)).toThrow(/model\.merges is not an array/);

    const oldMerges = parsed();
    oldMerges.model.merges[5] = 'a b';
    expect(read(oldMerges)).toThrow(/model\.merges\[5\] is "a b", not a pair/);

    const clash = parsed();
    clash.model.vocab[' the'] = 3;
    expect(read(clash)).toThrow(/gives id 3 to both/);

    const gap = parsed();
    gap.model.vocab[' the'] = 9999;
    expect(read(gap)).toThrow(/the id 9999; ids must be 0 … 511/);

    const missingToken = parsed();
    delete missingToken.model.vocab[vocabulary.tokens[511]];
    expect(read(missingToken)).toThrow(/not in the vocabulary/);

    const otherPre = parsed();
    otherPre.pre_tokenizer = { type: 'Metaspace', replacement: '▁' };
    expect(read(otherPre)).toThrow(/pre_tokenizer is not the Split on our pattern/);

    const byteFallback = parsed();
    byteFallback.model.byte_fallback = true;
    expect(read(byteFallback)).toThrow(/model\.byte_fallback is true/);

    const noSpecials = parsed();
    noSpecials.added_tokens = [];
    expect(read(noSpecials)).toThrow(/added_tokens must hold the special token "\[PAD\]" with id 0/);
  });
});
