/**
 * The State of the Union corpus is many addresses joined into one file. Each starts with a separator line
 * naming its year and president, which lets the app hold out whole years for validation: a test of
 * whether the model generalises to later speeches, not just to unseen sentences of speeches it trained on.
 */

export interface SotuSection {
  year: number;
  president: string;
  /** The separator line, the address and the blank line after it, exactly as they appear in the corpus. */
  text: string;
}

// Plain ASCII, so that the separators add no characters to the vocabulary that the speeches lack.
const SEPARATOR_PATTERN = /^=== (\d{4}) (.+) ===$/gm;

/** The line that introduces one address, e.g. `=== 1790 George Washington ===`. */
export function sotuSeparatorLine(year: number, president: string): string {
  return `=== ${year} ${president} ===`;
}

/** Cut the corpus at its separator lines. Text before the first separator (there is none normally) is dropped. */
export function sotuSections(text: string): SotuSection[] {
  const starts = [...text.matchAll(SEPARATOR_PATTERN)];
  return starts.map((match, i) => ({
    year: Number(match[1]),
    president: match[2],
    text: text.slice(match.index, i + 1 < starts.length ? starts[i + 1].index : text.length),
  }));
}

/**
 * Hold out every address given in `fromYear` or later. Sections keep their order and separators, so the
 * two parts are themselves well-formed corpora.
 */
export function splitSotuByYear(text: string, fromYear: number): { train: string; validation: string } {
  const sections = sotuSections(text);
  if (sections.length === 0)
    throw new Error('No "=== year president ===" separator lines found: is this the sotu corpus?');
  const train = sections.filter((section) => section.year < fromYear);
  const validation = sections.filter((section) => section.year >= fromYear);
  if (train.length === 0 || validation.length === 0) {
    const years = `${sections[0].year}–${sections[sections.length - 1].year}`;
    throw new Error(`Holding out from ${fromYear} leaves one side empty; the corpus covers ${years}.`);
  }
  return {
    train: train.map((section) => section.text).join(''),
    validation: validation.map((section) => section.text).join(''),
  };
}
