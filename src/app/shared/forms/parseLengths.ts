/**
 * Parses a sweep list such as "256, 512,1024": positive powers of two within [min, max]. Returns the
 * sorted, deduplicated values, or a sentence saying what is wrong.
 */
export function parseLengths(text: string, min: number, max: number): { values: number[] } | { error: string } {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return { error: 'Enter at least one length, e.g. 128, 256, 512.' };
  const values: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!Number.isInteger(value) || value < min || value > max || (value & (value - 1)) !== 0) {
      return { error: `“${part.slice(0, 20)}” is not a power of two between ${min} and ${max}.` };
    }
    values.push(value);
  }
  return { values: [...new Set(values)].sort((a, b) => a - b) };
}
