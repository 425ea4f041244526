/**
 * The connection's handling of other tabs and of cleared site data, on the in-memory IndexedDB
 * (testing/memoryIndexedDb.ts), where two connections on one factory are two tabs of one browser.
 */
import { describe, expect, it } from 'vitest';
import { DatabaseConnection, OutdatedDatabaseError, type ConnectionState, type DatabaseSchema } from './openDatabase';
import { done, request } from './indexedDbRequests';
import { memoryIndexedDb } from './testing/memoryIndexedDb';

const schema = (version: number): DatabaseSchema => ({
  name: 'lab',
  version,
  upgrade(db) {
    if (!db.objectStoreNames.contains('runs')) db.createObjectStore('runs', { keyPath: 'id' });
  },
});

/** A tab of an app version that never answers `versionchange` (as the app's versions before this fix). */
async function oldTabHolding(factory: IDBFactory, version: number): Promise<IDBDatabase> {
  const open = factory.open('lab', version);
  open.onupgradeneeded = () => open.result.createObjectStore('runs', { keyPath: 'id' });
  return request(open);
}

function tab(factory: IDBFactory, version = 2) {
  const states: ConnectionState[] = [];
  const connection = new DatabaseConnection(factory, schema(version), (state) => states.push(state));
  const put = (record: { id: string }) =>
    connection.transact('runs', 'readwrite', (tx) => {
      tx.objectStore('runs').put(record);
      return done(tx);
    });
  const all = () => connection.transact('runs', 'readonly', (tx) => request(tx.objectStore('runs').getAll()));
  return { connection, states, put, all };
}

/** Whether `promise` settles within a few tasks (an open that hangs never does). */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  const timeout = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 20));
  return (
    (await Promise.race([
      promise.then(
        () => 'settled',
        () => 'settled',
      ),
      timeout,
    ])) === 'settled'
  );
}

describe('opening while another tab holds an older version', () => {
  it('reports blocked, waits, and opens by itself once that tab closes the database', async () => {
    const idb = memoryIndexedDb();
    const old = await oldTabHolding(idb.factory, 1);
    const page = tab(idb.factory);
    const opening = page.connection.open();
    expect(await settlesSoon(opening)).toBe(false);
    expect(page.states).toEqual(['blocked']);

    old.close();
    await opening;
    expect(page.states).toEqual(['blocked', 'open']);
    expect(idb.version('lab')).toBe(2);
    await page.put({ id: 'r1' });
    expect(await page.all()).toEqual([{ id: 'r1' }]);
  });
});

describe('another tab opening a newer version', () => {
  it('closes this tab’s connection at once (the upgrade is not blocked), and later uses say why they fail', async () => {
    const idb = memoryIndexedDb();
    const page = tab(idb.factory);
    await page.put({ id: 'r1' });

    const newer = idb.factory.open('lab', 3);
    let blocked = false;
    newer.onblocked = () => (blocked = true);
    const upgrading = request(newer);
    expect(await settlesSoon(upgrading)).toBe(true);
    const upgraded = await upgrading;
    expect(blocked).toBe(false);
    expect(idb.openConnections('lab')).toBe(1); // the newer tab's only
    expect(page.states).toEqual(['open', 'outdated']);

    await expect(page.put({ id: 'r2' })).rejects.toThrow(OutdatedDatabaseError);
    await expect(page.put({ id: 'r2' })).rejects.toThrow('reload this tab to keep saving');
    // The record saved before is the newer tab's now, untouched.
    const tx = upgraded.transaction('runs', 'readonly');
    expect(await request(tx.objectStore('runs').getAll())).toEqual([{ id: 'r1' }]);
  });

  it('says the same when the stored database is already newer than this tab’s code', async () => {
    const idb = memoryIndexedDb();
    (await oldTabHolding(idb.factory, 3)).close();
    const page = tab(idb.factory);
    await expect(page.connection.open()).rejects.toThrow(OutdatedDatabaseError);
    expect(page.states).toEqual(['outdated']);
  });
});

describe('the site data cleared while the page is open', () => {
  it('reopens the database (making it anew) on the next save instead of failing every save until a reload', async () => {
    const idb = memoryIndexedDb();
    const page = tab(idb.factory);
    await page.put({ id: 'r1' });
    idb.clearSiteData();
    expect(page.states).toEqual(['open', 'closed']);

    await page.put({ id: 'r2' });
    expect(await page.all()).toEqual([{ id: 'r2' }]);
    expect(idb.opened).toEqual(['lab', 'lab']);
  });

  it('retries once, on a new connection, a save the clearing aborted', async () => {
    const idb = memoryIndexedDb();
    const page = tab(idb.factory);
    await page.connection.open();
    const saving = page.put({ id: 'r1' });
    // The put is made (a few microtasks) but not answered (that takes a task): the clearing aborts it.
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
    expect(idb.stores.get('runs')?.size).toBe(0);
    idb.clearSiteData();
    await saving;
    expect(idb.opened).toEqual(['lab', 'lab']);
    expect(await page.all()).toEqual([{ id: 'r1' }]);
  });

  it('retries two saves the clearing aborted together, and both are stored', async () => {
    const idb = memoryIndexedDb();
    const page = tab(idb.factory);
    await page.connection.open();
    const saving = [page.put({ id: 'r1' }), page.put({ id: 'r2' })];
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
    idb.clearSiteData();
    await Promise.all(saving);
    expect(((await page.all()) as { id: string }[]).map((record) => record.id).sort()).toEqual(['r1', 'r2']);
  });

  it('retries a transaction that throws because the connection is closed (InvalidStateError), once only', async () => {
    const idb = memoryIndexedDb();
    const page = tab(idb.factory);
    (await page.connection.open()).close(); // closed without the page's connection knowing it
    await page.put({ id: 'r1' });
    expect(await page.all()).toEqual([{ id: 'r1' }]);

    let attempts = 0;
    const failing = page.connection.transact('runs', 'readonly', async () => {
      attempts += 1;
      throw new DOMException('closed again', 'InvalidStateError');
    });
    await expect(failing).rejects.toThrow('closed again');
    expect(attempts).toBe(2);
  });

  it('does not retry a failure of another kind', async () => {
    const page = tab(memoryIndexedDb().factory);
    let attempts = 0;
    const failing = page.connection.transact('runs', 'readonly', async () => {
      attempts += 1;
      throw new DOMException('quota', 'QuotaExceededError');
    });
    await expect(failing).rejects.toThrow('quota');
    expect(attempts).toBe(1);
  });
});
