/**
 * What an import adds to records already stored (runs, fine-tune results), so that an import never replaces a
 * stored record silently: a record whose id is free keeps it; one identical to the stored record of its id is
 * skipped (it is already here); one that differs gets a new id and is kept beside the stored one, as a copy.
 * The same holds between records of one file. The caller stores `records` and shows `importSummary`'s words.
 */
import { formatCount } from '../format/format';
// Random ids (crypto.randomUUID, or the same kind of UUID where a page over plain http lacks it).
import { newRecordId } from '../../../lib/storage/recordId';

export interface ImportPlan<T> {
  /** The records to store: new ones as they came, differing ones under new ids. */
  records: T[];
  /** Records that met a different stored record of the same id and were kept under a new id. */
  copies: number;
  /** Records identical to one already stored (or earlier in the file), not stored again. */
  skipped: number;
}

export function planImport<T extends { id: string }>(
  stored: readonly T[],
  imported: readonly T[],
  newId: () => string = () => newRecordId('copy'),
): ImportPlan<T> {
  const byId = new Map<string, T>(stored.map((record) => [record.id, record]));
  /** The copies made in this import, under the id they came with: a second identical one is skipped, not copied. */
  const copiesOf = new Map<string, T[]>();
  const records: T[] = [];
  let copies = 0;
  let skipped = 0;
  for (const record of imported) {
    const existing = byId.get(record.id);
    const made = copiesOf.get(record.id) ?? [];
    if (existing === undefined) {
      records.push(record);
      byId.set(record.id, record);
    } else if (sameValue(existing, record) || made.some((copy) => sameValue({ ...copy, id: record.id }, record))) {
      skipped += 1;
    } else {
      const id = freshId(byId, newId);
      const copy = { ...record, id };
      records.push(copy);
      byId.set(id, copy);
      copiesOf.set(record.id, [...made, copy]);
      copies += 1;
    }
  }
  return { records, copies, skipped };
}

/** A new id no record has; a generator that keeps giving taken ids (a broken one) is refused, not looped on. */
function freshId(taken: ReadonlyMap<string, unknown>, newId: () => string): string {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const id = newId();
    if (!taken.has(id)) return id;
  }
  throw new Error('Could not make a new record id that is not taken already.');
}

/**
 * The sentence after an import: how many records were added, and what happened to those whose id was taken.
 * `noun` is the record's name ("result", "run").
 */
export function importSummary(plan: ImportPlan<unknown>, noun: string, source: string): string {
  const parts = [`Imported ${formatCount(plan.records.length, noun)} from "${source.slice(0, 80)}".`];
  if (plan.copies > 0)
    parts.push(
      `Kept both: ${formatCount(plan.copies, noun)} ${plan.copies === 1 ? 'has' : 'have'} the id of a different ` +
        `stored ${noun} and ${plan.copies === 1 ? 'was' : 'were'} imported as ${plan.copies === 1 ? 'a copy' : 'copies'} ` +
        `under new ids; nothing stored was replaced.`,
    );
  if (plan.skipped > 0)
    parts.push(
      `Skipped ${formatCount(plan.skipped, noun)} identical to ${plan.skipped === 1 ? 'one' : 'ones'} already stored.`,
    );
  return parts.join(' ');
}

/**
 * Deep equality of plain data (what JSON and IndexedDB hold), ignoring key order. Written here because no
 * deep-equality library is a dependency, and records are shallow (the file schemas bound their depth).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
