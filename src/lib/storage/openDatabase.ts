/**
 * One IndexedDB connection kept for a page (or the worker), that copes with the other tabs of the same browser
 * and with the browser itself:
 * - an upgrade this tab asks for waits while another tab holds the older version open: the open is `blocked`, and
 *   the owner is told so (to say it on screen) instead of waiting in silence; the open goes ahead by itself once
 *   that tab closes the database;
 * - another tab asking for a newer version (`versionchange`): this tab closes its connection at once, so that the
 *   upgrade is not blocked by it, and from then on every use fails with OutdatedDatabaseError (this page's code
 *   cannot read the newer layout): what the page holds in memory stays, and each failed save says why;
 * - the browser closing the connection (site data cleared: `close`), or a transaction failing because it was
 *   closed: the next use opens the database again (recreating it), and a transaction that failed so is tried once
 *   more on the new connection, so saving goes on without a reload.
 * Plain IndexedDB (no wrapper library is installed; `idb` would give promises but none of this handling).
 */
import { request } from './indexedDbRequests';

export interface DatabaseSchema {
  name: string;
  version: number;
  /** Creates what the version needs and is missing; runs inside the upgrade, on the opening connection. */
  upgrade(db: IDBDatabase): void;
}

/**
 * - `blocked`: this tab's upgrade waits for another tab, holding an older version, to close it;
 * - `open`: connected (ends a `blocked`);
 * - `outdated`: a newer version is in use elsewhere; the connection is closed for good in this page;
 * - `closed`: the browser closed the connection (site data cleared); the next use reopens it.
 */
export type ConnectionState = 'blocked' | 'open' | 'outdated' | 'closed';

export class OutdatedDatabaseError extends Error {
  constructor(name: string) {
    super(
      `The database "${name}" was upgraded by a newer version of the app in another tab; reload this tab to keep saving.`,
    );
    this.name = 'OutdatedDatabaseError';
  }
}

/**
 * What a transaction throws, or fails with, when its connection was closed under it (InvalidStateError from
 * transaction(); AbortError when a forced close aborts it; UnknownError is how Chromium reports some backing-store
 * losses). Retrying these once is safe: every write the app makes is a put or delete of whole records.
 */
const LOST_CONNECTION = new Set(['InvalidStateError', 'AbortError', 'UnknownError']);

function lostConnection(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && LOST_CONNECTION.has((error as { name?: unknown }).name as string)
  );
}

export class DatabaseConnection {
  private connection: Promise<IDBDatabase> | null = null;
  private outdated = false;

  constructor(
    private readonly factory: IDBFactory,
    private readonly schema: DatabaseSchema,
    private readonly onState: (state: ConnectionState) => void = () => undefined,
  ) {}

  /** The open database (opened once, and again after the browser closed it). */
  open(): Promise<IDBDatabase> {
    if (this.outdated) return Promise.reject(new OutdatedDatabaseError(this.schema.name));
    this.connection ??= this.connect();
    return this.connection;
  }

  /**
   * Runs `work` in a transaction on `stores`; when it fails because the connection was lost, opens the database
   * again and runs it once more. `work` must await everything it starts (a request, or done(tx) for writes).
   */
  async transact<T>(
    stores: string | string[],
    mode: IDBTransactionMode,
    work: (tx: IDBTransaction) => Promise<T>,
  ): Promise<T> {
    const attempt = async () => work((await this.open()).transaction(stores, mode));
    try {
      return await attempt();
    } catch (error) {
      if (this.outdated) throw new OutdatedDatabaseError(this.schema.name);
      if (!lostConnection(error)) throw error;
      await this.reset();
      return attempt();
    }
  }

  private connect(): Promise<IDBDatabase> {
    const { name, version } = this.schema;
    const open = this.factory.open(name, version);
    open.onupgradeneeded = () => this.schema.upgrade(open.result);
    open.onblocked = () => this.onState('blocked');
    const connection: Promise<IDBDatabase> = request(open).then(
      (db) => {
        db.onversionchange = (event) => {
          db.close();
          this.forget(connection);
          // A null version is the database being deleted elsewhere: the next use makes it anew, as after a clear.
          if (event.newVersion === null) return this.onState('closed');
          this.outdated = true;
          this.onState('outdated');
        };
        db.onclose = () => {
          this.forget(connection);
          this.onState('closed');
        };
        this.onState('open');
        return db;
      },
      (error: unknown) => {
        this.forget(connection); // a failed open is tried again next time
        // The stored database is newer than this page's code: the same case as a versionchange, met on opening.
        if ((error as { name?: unknown } | null)?.name === 'VersionError') {
          this.outdated = true;
          this.onState('outdated');
          throw new OutdatedDatabaseError(name);
        }
        throw error;
      },
    );
    return connection;
  }

  private forget(connection: Promise<IDBDatabase>): void {
    if (this.connection === connection) this.connection = null;
  }

  /** Drops the current connection (closing it, if it still answers) so that the next use opens a new one. */
  private async reset(): Promise<void> {
    const current = this.connection;
    this.connection = null;
    try {
      (await current)?.close();
    } catch {
      // It never opened: nothing to close.
    }
  }
}
