/**
 * The one writer of the address bar. Every section that has settings registers its field table here (the
 * experiment's, fine-tuning's, the efficiency lab's, the spectra's); the link is always the schema version, the
 * page's own keys and every section's values that differ from their defaults, written in one place.
 *
 * History: an edit that is finished — a slider released, a pause in key presses, a list typed and left — is one
 * history entry. The first change after a finished edit pushes an entry; further changes of the same edit (a drag)
 * replace it; `finishEdit` closes it. Back and forward hand each section its values read from the address again.
 */
import { SCHEMA_VERSION, VERSION_KEY, type FieldSpec } from './schema';
import { quote, readFields, writeFields } from './urlState';

export interface LinkSection {
  /** Names the section in notices ("efficiency lab"). */
  name: string;
  fields: readonly FieldSpec[];
  /** The section's current values, by field name. */
  values(): object;
  /** Back or forward: the section's values as the address now has them, with the repairs made reading them. */
  restore(values: object, notices: string[]): void;
}

/** Keys that belong to the page, not to a section (kept as they are, never reported). */
export const PAGE_KEYS: ReadonlySet<string> = new Set(['backend']);

const sections = new Map<string, LinkSection>();
let editing = false;

/** Adds a section (a second registration under the same name replaces the first, e.g. after a hot reload). */
export function registerLinkSection(section: LinkSection): void {
  sections.set(section.name, section);
}

/** Every key a registered section reads, plus the version and page keys. */
export function knownLinkKeys(): Set<string> {
  const keys = new Set([VERSION_KEY, ...PAGE_KEYS]);
  for (const section of sections.values()) for (const field of section.fields) keys.add(field.key);
  return keys;
}

/** The query string for the page as it stands: version, page keys, then each section's non-default values. */
export function currentQuery(search = window.location.search): string {
  const params = new URLSearchParams();
  params.set(VERSION_KEY, String(SCHEMA_VERSION));
  for (const [key, value] of new URLSearchParams(search)) if (PAGE_KEYS.has(key)) params.set(key, value);
  for (const section of sections.values()) writeFields(section.fields, section.values(), params);
  return `?${params.toString()}`;
}

/**
 * Writes the address. 'edit': part of an edit (the first change after a finished one pushes an entry, the rest
 * replace it); 'push': a point to come back to even if nothing changed (a run started, a preset); 'replace':
 * canonicalise without a new entry (a repaired link).
 */
export function writeLink(mode: 'edit' | 'push' | 'replace'): void {
  const url = `${window.location.pathname}${currentQuery()}${window.location.hash}`;
  const unchanged = url === `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (mode === 'push') {
    window.history.pushState(null, '', url);
    editing = false;
  } else if (unchanged) {
    return;
  } else if (mode === 'edit' && !editing) {
    window.history.pushState(null, '', url);
    editing = true;
  } else {
    window.history.replaceState(null, '', url);
  }
}

/** Ends the edit in progress: the next change starts a new history entry. */
export function finishEdit(): void {
  editing = false;
}

/** One section's values from a query string, over its defaults, with a notice for every repair. */
export function readLinkSection<Table extends readonly FieldSpec[]>(fields: Table, search: string) {
  const notices: string[] = [];
  const { values } = readFields(fields, new URLSearchParams(search), notices);
  return { values, notices };
}

/** A notice naming the keys of `search` that no registered section reads, or null when there are none. */
export function unknownKeysNotice(search: string): string | null {
  const known = knownLinkKeys();
  const unknown = [...new Set([...new URLSearchParams(search).keys()].filter((key) => !known.has(key)))].map(quote);
  if (unknown.length === 0) return null;
  return `Ignored unknown setting${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''}.`;
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    editing = false;
    for (const section of sections.values()) {
      const { values, notices } = readLinkSection(section.fields, window.location.search);
      section.restore(values, notices);
    }
  });
}
