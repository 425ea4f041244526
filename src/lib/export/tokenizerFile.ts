/**
 * tokenizer.json (Hugging Face format) for either tokenizer kind, with exactly the browser's ids. BPE: the
 * vocabulary's own file text. Characters: the same BPE format with no merges — every character its own token, an
 * unknown one a single [UNK] — because @huggingface/tokenizers (JS, which the tests check the file with) reads BPE
 * models but not WordLevel ones; Python's `tokenizers` reads it the same way.
 */
import { tokenizerJsonText } from '../data/bpe/writeTokenizerJson';
import { BPE_SPECIAL_TOKENS } from '../data/bpe/vocabulary';
import type { Tokenizer } from '../data/tokenizer';

export function tokenizerFileText(tokenizer: Tokenizer): string {
  const json = tokenizer.toJSON();
  if ('kind' in json && json.kind === 'char') {
    return tokenizerJsonText({ tokens: [...BPE_SPECIAL_TOKENS, ...json.symbols], merges: [] });
  }
  if ('model' in json) {
    const tokens: string[] = [];
    for (const [token, id] of Object.entries(json.model.vocab)) tokens[id] = token;
    return tokenizerJsonText({ tokens, merges: json.model.merges });
  }
  throw new Error('This tokenizer has no Hugging Face form.');
}
