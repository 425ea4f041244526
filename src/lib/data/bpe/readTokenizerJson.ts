/**
 * Reading a tokenizer.json back into our encoder. It accepts what writeTokenizerJson.ts writes and nothing that
 * would make our encoder disagree with a Hugging Face reader of the same file: another pre-tokenizer, a
 * normalizer, byte fallback, dropout, suffixes or merges given as "a b" strings are refused with the reason,
 * rather than silently encoding differently. A damaged file (cut short, edited by hand) gets an error that says
 * what is wrong and where.
 */
import { bpeTokenizerFromVocabulary, type BpeTokenizer } from './bpeTokenizer';
import { PRE_TOKENIZER_PATTERN } from './preTokenize';
import { BPE_SPECIAL_TOKENS } from './vocabulary';
import { UNK_ID } from '../tokenizer';

/** `json` is the parsed file or its text. `source` names it in errors (a URL, a file name). */
export function bpeTokenizerFromJson(json: unknown, source = 'tokenizer.json'): BpeTokenizer {
  const fail = (problem: string): never => {
    throw new Error(`${source} is not a BPE tokenizer.json this app can read: ${problem}`);
  };
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (cause) {
      const hint = 'the file may be cut short. Run `npm run data` to write it again.';
      throw new Error(`${source} is not valid JSON (${String(cause)}); ${hint}`, { cause });
    }
  }
  if (!isObject(json)) return fail('it is not a JSON object.');
  const model = json.model;
  if (!isObject(model)) return fail('it has no "model" object.');
  if (model.type !== 'BPE') return fail(`its model type is ${JSON.stringify(model.type)}, not "BPE".`);

  // The pipeline around the model must be exactly ours, or the ids would differ from a Hugging Face reader's.
  if (json.normalizer != null) return fail('it has a normalizer; ours have none.');
  const pre = json.pre_tokenizer;
  if (!isObject(pre) || pre.type !== 'Split' || !isObject(pre.pattern) || pre.pattern.Regex !== PRE_TOKENIZER_PATTERN)
    return fail('its pre_tokenizer is not the Split on our pattern (see preTokenize.ts).');
  if (pre.behavior !== 'Isolated' || pre.invert !== false)
    return fail('its pre_tokenizer must be "Isolated", not inverted.');
  if (!isObject(json.decoder) || json.decoder.type !== 'Fuse') return fail('its decoder is not "Fuse".');
  if (json.post_processor != null) return fail('it has a post_processor; ours have none.');
  for (const [key, allowed] of [
    ['dropout', [null, undefined]],
    ['continuing_subword_prefix', [null, undefined]],
    ['continuing_subword_suffix', [null, undefined]],
    ['end_of_word_suffix', [null, undefined]],
    ['fuse_unk', [false, undefined]],
    ['byte_fallback', [false, undefined]],
    ['ignore_merges', [false, undefined]],
  ] as const) {
    if (!(allowed as readonly unknown[]).includes(model[key]))
      return fail(`model.${key} is ${JSON.stringify(model[key])}.`);
  }
  if (model.unk_token !== BPE_SPECIAL_TOKENS[UNK_ID])
    return fail(`model.unk_token must be ${JSON.stringify(BPE_SPECIAL_TOKENS[UNK_ID])}.`);

  const vocab = model.vocab;
  if (!isObject(vocab)) return fail('model.vocab is not an object of token → id.');
  const entries = Object.entries(vocab);
  const tokens: string[] = new Array(entries.length);
  for (const [token, value] of entries) {
    const id = Number.isInteger(value) ? (value as number) : -1;
    if (id < 0 || id >= entries.length)
      return fail(
        `model.vocab gives ${JSON.stringify(token)} the id ${JSON.stringify(value)}; ids must be 0 … ${entries.length - 1}.`,
      );
    if (tokens[id] !== undefined)
      return fail(`model.vocab gives id ${id} to both ${JSON.stringify(tokens[id])} and ${JSON.stringify(token)}.`);
    tokens[id] = token;
  }

  const merges = model.merges;
  if (!Array.isArray(merges)) return fail('model.merges is not an array.');
  merges.forEach((merge: unknown, rank) => {
    if (!Array.isArray(merge) || merge.length !== 2 || typeof merge[0] !== 'string' || typeof merge[1] !== 'string')
      fail(`model.merges[${rank}] is ${JSON.stringify(merge)}, not a pair of token strings.`);
  });

  const added = json.added_tokens;
  if (!Array.isArray(added)) return fail('it has no "added_tokens" array.');
  BPE_SPECIAL_TOKENS.forEach((content, id) => {
    const token: unknown = added.find((candidate: unknown) => isObject(candidate) && candidate.id === id);
    if (!isObject(token) || token.content !== content || token.special !== true)
      fail(`added_tokens must hold the special token ${JSON.stringify(content)} with id ${id}.`);
  });
  if (added.length !== BPE_SPECIAL_TOKENS.length)
    return fail('added_tokens holds tokens other than the three specials.');

  try {
    return bpeTokenizerFromVocabulary({ tokens, merges: merges as [string, string][] });
  } catch (cause) {
    return fail(cause instanceof Error ? cause.message : String(cause));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
