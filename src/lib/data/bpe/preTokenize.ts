/**
 * Pre-tokenization: cutting text into the pieces ("words") that BPE merges within but never across.
 *
 * The pieces are runs of letters, runs of digits, runs of other symbols (punctuation) and runs of whitespace,
 * where a letter, digit or symbol run takes one space in front of it along. So "Call me Ishmael." becomes
 * "Call", " me", " Ishmael", "." and the frequent " the" can become a single token, much as in GPT-2.
 *
 * Why this scheme:
 * - It is lossless. The pieces cover the text exactly (every character is whitespace, a letter or mark, a digit
 *   or none of these), nothing is replaced, so joining the tokens restores the text byte for byte — spaces,
 *   newlines, punctuation. A Metaspace scheme (space → "▁") reads better but cannot give a literal "▁" back.
 * - Hugging Face tokenizers express it exactly: a `Split` pre-tokenizer with this regex and behaviour
 *   "Isolated" keeps every match (and any text between matches) as its own piece, in order. The regex uses only
 *   syntax that both Oniguruma (the Rust library) and JavaScript read the same way; @huggingface/tokenizers
 *   rewrites `\s` to `\p{White_Space}`, and the tests check that its pieces equal ours.
 * - Whitespace: a run ending in newlines stays one piece ("\n\n" is one paragraph break); otherwise a run of
 *   spaces before a word leaves its last space to the word ("  the" → " ", " the"), so " the" is the same
 *   token wherever it appears.
 */

/** The pattern as a Hugging Face tokenizer.json stores it (`pre_tokenizer.pattern.Regex`). */
export const PRE_TOKENIZER_PATTERN = String.raw` ?[\p{L}\p{M}]+| ?\p{N}+| ?[^\s\p{L}\p{M}\p{N}]+|\s*[\r\n]+|\s+(?!\S)|\s+`;

/**
 * Call `visit` with each piece of `text`, in order; the pieces concatenate to `text`. A callback rather than an
 * array, because the trainer and the encoder run this over a million characters and only count or look up pieces.
 */
export function forEachPiece(text: string, visit: (piece: string) => void): void {
  // A fresh RegExp per call: a shared global one would carry lastIndex between callers.
  const pattern = new RegExp(PRE_TOKENIZER_PATTERN, 'gu');
  let end = 0;
  for (const match of text.matchAll(pattern)) {
    const piece = match[0];
    // The alternatives cover every character, so there are no gaps; Split "Isolated" would keep one as a piece.
    if (match.index > end) visit(text.slice(end, match.index));
    if (piece.length > 0) visit(piece);
    end = match.index + piece.length;
  }
  if (end < text.length) visit(text.slice(end));
}

/** The pieces of `text` as an array (for tests and for showing how a text is cut). */
export function preTokenize(text: string): string[] {
  const pieces: string[] = [];
  forEachPiece(text, (piece) => pieces.push(piece));
  return pieces;
}
