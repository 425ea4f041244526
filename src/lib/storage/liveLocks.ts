/**
 * Which records a live page is working on, across the tabs of one browser, through the Web Locks API: a page holds
 * a lock named after a record while it works on it, and the browser releases it when that page goes (reload, close,
 * crash). So another tab can tell a record stored as "running" that some tab is still running from one whose page
 * is gone. Where the API is missing (old browsers, plain-http pages, Node), nothing is held and nothing reads as held.
 */

function locks(): LockManager | undefined {
  return (globalThis.navigator as Navigator | undefined)?.locks;
}

/** Holds the lock `name` until the returned function is called (which may come before the lock is granted). */
export function holdLock(name: string): () => void {
  const manager = locks();
  if (!manager) return () => undefined;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  // The callback's promise is the lock's lifetime; an error in requesting it (none expected) only means not held.
  manager.request(name, () => released).catch(() => undefined);
  return release;
}

/** The names of the locks held, or asked for, by any page of this origin now. */
export async function heldLockNames(): Promise<ReadonlySet<string>> {
  const manager = locks();
  if (!manager) return new Set();
  try {
    const { held = [], pending = [] } = await manager.query();
    return new Set([...held, ...pending].map((lock) => lock.name ?? ''));
  } catch {
    return new Set();
  }
}
