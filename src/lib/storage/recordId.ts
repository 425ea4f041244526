/**
 * Ids for new saved records (runs, fine-tune results). Random, not time-based: two tabs of one browser share the
 * database, and a clock (Date.now) plus a per-tab counter gives both tabs the same id when they start in the same
 * millisecond, so one record would overwrite the other. Ids made before this (`run-<time>-<n>`, `ft-<time>-<rand>`)
 * stay valid: an id is only ever compared, never parsed.
 */

/** `prefix-` then a random (version 4) UUID. */
export function newRecordId(prefix: string): string {
  return `${prefix}-${randomUuid()}`;
}

function randomUuid(): string {
  const { crypto } = globalThis;
  // randomUUID exists only in secure contexts (https, localhost); a page served over plain http on a LAN address
  // still has getRandomValues, so the same kind of UUID is built from it there (RFC 9562 §5.4).
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // the RFC's variant
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
