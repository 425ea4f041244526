/**
 * Test-only: an IDBFactory kept in memory, for the app's IndexedDB code (fake-indexeddb is not installed). It has
 * just the calls the app makes — open with an upgrade, transactions, get, getAll, put, delete, clear — each answering
 * on a later task as the real API does, and a transaction that completes once its requests have answered. Records
 * are kept as given (no structured clone).
 *
 * Each factory is one browser profile: every connection opened from it is a tab's, so two connections on one factory
 * model two tabs. It follows the IndexedDB spec's rules for versions (https://w3c.github.io/IndexedDB/):
 * - open(name, v) with v below the stored version fails with a VersionError;
 * - v above it fires `versionchange` at every other open connection, then `blocked` at the request if any of them is
 *   still open, and runs the upgrade (`upgradeneeded`, then `success`) only once all of them have closed; opens of one
 *   database are served in the order they were made;
 * - close() lets the connection's transactions finish, after which transaction() throws an InvalidStateError;
 * - clearSiteData() is the browser clearing the site's data: every connection is closed by force (its unfinished
 *   transactions abort with an AbortError, undoing their writes, then `close` fires at it) and every database is
 *   deleted.
 */
type Handler = ((event: MemoryEvent) => void) | null;

interface MemoryEvent {
  type: string;
  oldVersion?: number;
  newVersion?: number | null;
}

interface MemoryRequest {
  result: unknown;
  error: DOMException | null;
  onsuccess: Handler;
  onerror: Handler;
}

interface OpenRequest extends MemoryRequest {
  onupgradeneeded: Handler;
  onblocked: Handler;
}

interface MemoryTransaction {
  error: DOMException | null;
  oncomplete: Handler;
  onerror: Handler;
  onabort: Handler;
  objectStore(name: string): unknown;
}

/** What a connection needs of its transactions: a way to abort the unfinished ones by force. */
interface LiveTransaction {
  finished: boolean;
  abort(error: DOMException): void;
}

interface Connection {
  closed: boolean;
  transactions: Set<LiveTransaction>;
  onversionchange: Handler;
  onclose: Handler;
  close(): void;
}

interface Database {
  version: number;
  storeNames: Set<string>;
  connections: Set<Connection>;
  /** Opens waiting their turn (the spec's connection queue); the first is being served. */
  queue: QueuedOpen[];
}

interface QueuedOpen {
  started: boolean;
  /** Starts serving the open; `retry`, if set, is asked again each time a connection closes (a waiting upgrade). */
  start(): void;
  retry?: () => void;
}

/** Serves the head of a database's queue: starts it, or asks a waiting upgrade again. */
function serveHead(database: Database): void {
  const head = database.queue[0];
  if (!head) return;
  if (!head.started) {
    head.started = true;
    head.start();
  } else head.retry?.();
}

export interface MemoryIndexedDb {
  factory: IDBFactory;
  /** Each object store's records by id, for every database (the app's store names do not repeat across them). */
  stores: Map<string, Map<string, unknown>>;
  /** The database names opened, in order. */
  opened: string[];
  /** The version each database is at now (absent when it does not exist). */
  version(name: string): number | undefined;
  /** How many connections to the database are open (not yet closed). */
  openConnections(name: string): number;
  /** The browser clearing the site's data: connections closed by force, every database deleted (see above). */
  clearSiteData(): void;
}

const later = (fn: () => void) => setTimeout(fn, 0);

export function memoryIndexedDb(): MemoryIndexedDb {
  const stores = new Map<string, Map<string, unknown>>();
  const opened: string[] = [];
  const databases = new Map<string, Database>();
  /** Requests that have had their answer (an abort fails only the others). */
  const answered = new WeakSet<MemoryRequest>();

  /** A request that answers on a later task, unless its transaction was aborted first. */
  const answer = (tx: { aborted: boolean; pending: number; settle(): void }, run: () => unknown): MemoryRequest => {
    const req: MemoryRequest = { result: undefined, error: null, onsuccess: null, onerror: null };
    tx.pending += 1;
    later(() => {
      if (tx.aborted) return;
      req.result = run();
      answered.add(req);
      tx.pending -= 1;
      req.onsuccess?.({ type: 'success' });
      tx.settle();
    });
    return req;
  };

  function connect(name: string, database: Database): Connection & Record<string, unknown> {
    const connection = {
      name,
      version: database.version,
      closed: false,
      transactions: new Set<LiveTransaction>(),
      onversionchange: null as Handler,
      onclose: null as Handler,
      objectStoreNames: { contains: (store: string) => database.storeNames.has(store) },
      createObjectStore(store: string) {
        database.storeNames.add(store);
        stores.set(store, new Map());
      },
      close() {
        if (connection.closed) return;
        connection.closed = true;
        database.connections.delete(connection);
        // An upgrade waiting for this tab to let go may go ahead now.
        later(() => serveHead(database));
      },
      transaction(names: string | string[]) {
        if (connection.closed) throw new DOMException('The database connection is closing.', 'InvalidStateError');
        for (const store of typeof names === 'string' ? [names] : names)
          if (!database.storeNames.has(store))
            throw new DOMException(`No object store named ${store}.`, 'NotFoundError');
        return transaction(connection);
      },
    };
    database.connections.add(connection);
    return connection;
  }

  function transaction(connection: Connection): MemoryTransaction {
    /** How to undo each write, newest last: an abort runs them backwards. */
    const undo: (() => void)[] = [];
    const requests: MemoryRequest[] = [];
    const state = {
      aborted: false,
      finished: false,
      pending: 0,
      settle() {
        // Completes on a later task once no request is waiting, so a request made in a success handler still counts.
        later(() => {
          if (state.finished || state.pending > 0) return;
          state.finished = true;
          connection.transactions.delete(live);
          tx.oncomplete?.({ type: 'complete' });
        });
      },
    };
    const write = (records: Map<string, unknown>, change: () => void) => {
      const before = new Map(records);
      undo.push(() => {
        records.clear();
        for (const [id, record] of before) records.set(id, record);
      });
      change();
    };
    const live: LiveTransaction = {
      get finished() {
        return state.finished;
      },
      abort(error) {
        state.aborted = true;
        state.finished = true;
        connection.transactions.delete(live);
        for (const step of undo.reverse()) step();
        tx.error = error;
        const event = { type: 'error' };
        for (const req of requests) {
          if (answered.has(req) || req.error) continue;
          req.error = new DOMException('The transaction was aborted.', 'AbortError');
          req.onerror?.(event);
          tx.onerror?.(event); // a request's error event bubbles to its transaction
        }
        tx.onabort?.({ type: 'abort' });
      },
    };
    const track = (req: MemoryRequest) => (requests.push(req), req);
    const tx: MemoryTransaction = {
      error: null,
      oncomplete: null,
      onerror: null,
      onabort: null,
      objectStore(name: string) {
        const records = stores.get(name)!;
        return {
          get: (id: string) => track(answer(state, () => records.get(id))),
          getAll: () => track(answer(state, () => [...records.values()])),
          put: (record: { id: string }) =>
            track(answer(state, () => write(records, () => records.set(record.id, record)))),
          delete: (id: string) => track(answer(state, () => write(records, () => records.delete(id)))),
          clear: () => track(answer(state, () => write(records, () => records.clear()))),
        };
      },
    };
    connection.transactions.add(live);
    state.settle(); // a transaction with no requests commits at once
    return tx;
  }

  function serveOpen(
    name: string,
    version: number | undefined,
    req: OpenRequest,
    database: Database,
    entry: QueuedOpen,
  ): void {
    const next = () => {
      database.queue.shift();
      later(() => serveHead(database));
    };
    const fail = (error: DOMException) => {
      req.error = error;
      req.onerror?.({ type: 'error' });
      next();
    };
    const succeed = () => {
      req.result = connect(name, database);
      req.onsuccess?.({ type: 'success' });
      next();
    };
    const asked = version ?? Math.max(database.version, 1);
    if (asked < database.version)
      return fail(new DOMException(`Version ${asked} is below ${database.version}.`, 'VersionError'));
    if (asked === database.version) return succeed();
    // An upgrade: every other tab is asked to let go, and the request waits (blocked) until they all have.
    const oldVersion = database.version;
    let asking = true;
    let blockedFired = false;
    const tryUpgrade = () => {
      if (asking) return;
      if (database.connections.size > 0) {
        if (!blockedFired) {
          blockedFired = true;
          req.onblocked?.({ type: 'blocked', oldVersion, newVersion: asked });
        }
        return; // tried again when one of them closes (close() serves the queue's head again)
      }
      entry.retry = undefined; // served: later closes must not run the upgrade twice
      database.version = asked;
      req.result = connect(name, database);
      req.onupgradeneeded?.({ type: 'upgradeneeded', oldVersion, newVersion: asked });
      req.onsuccess?.({ type: 'success' });
      next();
    };
    entry.retry = tryUpgrade;
    for (const other of database.connections)
      other.onversionchange?.({ type: 'versionchange', oldVersion, newVersion: asked });
    later(() => {
      asking = false;
      tryUpgrade();
    });
  }

  const factory = {
    open(name: string, version?: number) {
      opened.push(name);
      const req: OpenRequest = {
        result: undefined,
        error: null,
        onsuccess: null,
        onerror: null,
        onupgradeneeded: null,
        onblocked: null,
      };
      let database = databases.get(name);
      if (!database) {
        database = { version: 0, storeNames: new Set(), connections: new Set(), queue: [] };
        databases.set(name, database);
      }
      const db = database;
      const entry: QueuedOpen = { started: false, start: () => serveOpen(name, version, req, db, entry) };
      db.queue.push(entry);
      if (db.queue.length === 1) later(() => serveHead(db));
      return req;
    },
  };

  return {
    factory: factory as unknown as IDBFactory,
    stores,
    opened,
    version: (name) => databases.get(name)?.version,
    openConnections: (name) => databases.get(name)?.connections.size ?? 0,
    clearSiteData() {
      for (const database of databases.values()) {
        for (const connection of [...database.connections]) {
          for (const live of [...connection.transactions])
            if (!live.finished) live.abort(new DOMException('The connection was closed.', 'AbortError'));
          connection.closed = true;
          database.connections.delete(connection);
          connection.onclose?.({ type: 'close' });
        }
        for (const store of database.storeNames) stores.delete(store);
      }
      databases.clear();
    },
  };
}
