/**
 * Light clean-up applied to every corpus when it is prepared, so that the browser, the tests and the
 * build script all see the same characters. It only removes things that are artefacts of how a file was
 * stored (line-ending style, stray control bytes, trailing blanks, long runs of empty lines); the words and
 * punctuation are left as they are — the point is to train on real text.
 */
export function normalizeText(raw: string): string {
  return (
    raw
      .replace(/\r\n?/g, '\n')
      // Control characters other than newline and tab (and a byte-order mark) carry no text and would each
      // cost a vocabulary slot for a handful of occurrences.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufeff]/g, '')
      .replace(/[ \t]+\n/g, '\n')
      // Chapter breaks in the source are runs of up to six newlines; one blank line marks a break just as well
      // and keeps the model from spending context on empty lines.
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

/** The number of Unicode code points in `text`: what a character tokenizer turns into ids. */
export function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A low surrogate that follows a high one belongs to the same code point.
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    count++;
  }
  return count;
}

/**
 * Typographic quotes and dashes as their ASCII forms: ’ ‘ → ', “ ” → ", — → --, – and the non-breaking
 * hyphen → -. For a corpus transcribed under changing conventions (State of the Union texts use ASCII until
 * 2016 and typographic marks from 2017), the same punctuation would otherwise be different characters
 * before and after the hold-out year, and the validation text would be full of characters the model never saw.
 */
export function foldTypographicPunctuation(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2014/g, '--')
    .replace(/[\u2013\u2011]/g, '-');
}
