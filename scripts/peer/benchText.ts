/** Both pages train on the first this many characters of the app's Moby-Dick text, tokenised by characters. */
export const BENCH_TEXT_CHARACTERS = 200_000;
