import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import {
  type RateBucket,
  type RateVerdict,
  type RelayerStore,
  type SpendBucket,
  type SpendReservation,
  type StoreOptions,
  StoreUnavailableError,
  spendSlots,
} from "./relayerStore";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS rate_events (id INTEGER PRIMARY KEY, key TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS rate_events_by_key ON rate_events (key, at);
  CREATE TABLE IF NOT EXISTS spend_slots (key TEXT NOT NULL, slot INTEGER NOT NULL, gwei INTEGER NOT NULL, PRIMARY KEY (key, slot));
  CREATE TABLE IF NOT EXISTS spend_reservations (id TEXT PRIMARY KEY, slot INTEGER NOT NULL, gwei INTEGER NOT NULL, expires_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER NOT NULL);
`;

/** Old rows are swept at most this often (expired values, events out of the window, slots out of the ledger). */
const SWEEP_EVERY_MS = 60_000;

/**
 * The embedded store: one SQLite file, no server. Every check-and-count is one IMMEDIATE transaction, which takes
 * the file's write lock at its start, so processes sharing the file (several servers on one host) cannot both pass
 * the last slot. WAL mode lets readers go on while one writes; a busy writer is waited for up to 5 s. Amounts are
 * whole gwei in SQLite's 64-bit integers.
 */
export class SqliteStore implements RelayerStore {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly sql: ReturnType<typeof prepare>;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    file: string,
    private readonly options: StoreOptions,
  ) {
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(SCHEMA);
    this.sql = prepare(this.db);
    this.now = options.now ?? Date.now;
  }

  private key(key: string): string {
    return `${this.options.namespace}${key}`;
  }

  /** Runs `work` in one IMMEDIATE transaction; any SQLite failure becomes a StoreUnavailableError. */
  private atomically<T>(work: () => T): Promise<T> {
    try {
      this.sweepNowAndThen();
      return Promise.resolve(this.db.transaction(work).immediate());
    } catch (error) {
      return Promise.reject(new StoreUnavailableError(error));
    }
  }

  takeRate(buckets: readonly RateBucket[]): Promise<RateVerdict> {
    const now = this.now();
    const windowMs = this.options.rateWindowMs;
    return this.atomically((): RateVerdict => {
      for (const [index, bucket] of buckets.entries()) {
        const key = this.key(bucket.key);
        const count = bucket.count ?? 1;
        this.sql.pruneRate.run(key, now - windowMs);
        const { n } = this.sql.countRate.get(key) as { n: number };
        if (n + count > bucket.limit) {
          // The event whose leaving makes room: the (n + count - limit)th oldest.
          const freeing =
            count > bucket.limit ? undefined : (this.sql.nthRate.get(key, n + count - bucket.limit - 1) as { at: number } | undefined);
          return { taken: false, bucket: index, retryAfterMs: freeing === undefined ? windowMs : freeing.at + windowMs - now };
        }
      }
      for (const bucket of buckets) for (let i = 0; i < (bucket.count ?? 1); i++) this.sql.addRate.run(this.key(bucket.key), now);
      return { taken: true };
    });
  }

  reserveSpend(buckets: readonly SpendBucket[], gwei: number): Promise<SpendReservation | undefined> {
    const { slot, oldest, slotMs } = spendSlots(this.options.spendWindowMs, this.now());
    return this.atomically(() => {
      for (const bucket of buckets) {
        const { total } = this.sql.sumSpend.get(this.key(bucket.key), oldest) as { total: number };
        if (total + gwei > bucket.capGwei) return undefined;
      }
      for (const bucket of buckets) this.sql.addSpend.run(this.key(bucket.key), slot, gwei);
      const id = randomUUID();
      this.sql.addReservation.run(id, slot, gwei, Date.now() + this.options.spendWindowMs + slotMs);
      return { id, buckets: buckets.map((b) => b.key) };
    });
  }

  async settleSpend(reservation: SpendReservation, gwei: number): Promise<void> {
    const { oldest } = spendSlots(this.options.spendWindowMs, this.now());
    await this.atomically(() => {
      const held = this.sql.findReservation.get(reservation.id) as { slot: number; gwei: number } | undefined;
      if (!held) return;
      this.sql.dropReservation.run(reservation.id);
      // A reservation older than the window no longer counts: nothing to move.
      if (held.slot < oldest) return;
      for (const bucket of reservation.buckets) this.sql.adjustSpend.run(gwei - held.gwei, this.key(bucket), held.slot);
    });
  }

  spentGwei(bucket: string): Promise<number> {
    const { oldest } = spendSlots(this.options.spendWindowMs, this.now());
    return this.atomically(() => (this.sql.sumSpend.get(this.key(bucket), oldest) as { total: number }).total);
  }

  get(key: string): Promise<{ value: string; ttlMs: number } | undefined> {
    const now = Date.now();
    return this.atomically(() => {
      const row = this.sql.getValue.get(this.key(key), now) as { value: string; expires_at: number } | undefined;
      return row ? { value: row.value, ttlMs: row.expires_at - now } : undefined;
    });
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    await this.atomically(() => this.sql.putValue.run(this.key(key), value, Date.now() + ttlMs));
  }

  putIfAbsent(key: string, value: string, ttlMs: number): Promise<string | undefined> {
    const now = Date.now();
    return this.atomically(() => {
      const held = this.sql.getValue.get(this.key(key), now) as { value: string } | undefined;
      if (held) return held.value;
      this.sql.putValue.run(this.key(key), value, now + ttlMs);
      return undefined;
    });
  }

  renew(key: string, onlyIf: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    return this.atomically(() => this.sql.renewValueIf.run(now + ttlMs, this.key(key), onlyIf, now).changes > 0);
  }

  async delete(key: string, onlyIf?: string): Promise<void> {
    await this.atomically(() =>
      onlyIf === undefined ? this.sql.deleteValue.run(this.key(key)) : this.sql.deleteValueIf.run(this.key(key), onlyIf),
    );
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Rows of clients that never came back would otherwise stay in the file for good. Only this namespace's rows. */
  private sweepNowAndThen(): void {
    const now = this.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    const ns = this.options.namespace;
    this.sql.sweepRate.run(ns.length, ns, now - this.options.rateWindowMs);
    this.sql.sweepSpend.run(ns.length, ns, spendSlots(this.options.spendWindowMs, now).oldest);
    this.sql.sweepReservations.run(Date.now());
    this.sql.sweepValues.run(Date.now());
  }
}

function prepare(db: Database.Database) {
  return {
    pruneRate: db.prepare("DELETE FROM rate_events WHERE key = ? AND at <= ?"),
    countRate: db.prepare("SELECT COUNT(*) AS n FROM rate_events WHERE key = ?"),
    nthRate: db.prepare("SELECT at FROM rate_events WHERE key = ? ORDER BY at, id LIMIT 1 OFFSET ?"),
    addRate: db.prepare("INSERT INTO rate_events (key, at) VALUES (?, ?)"),
    sumSpend: db.prepare("SELECT COALESCE(SUM(gwei), 0) AS total FROM spend_slots WHERE key = ? AND slot >= ?"),
    addSpend: db.prepare(
      "INSERT INTO spend_slots (key, slot, gwei) VALUES (?, ?, ?) ON CONFLICT (key, slot) DO UPDATE SET gwei = gwei + excluded.gwei",
    ),
    adjustSpend: db.prepare("UPDATE spend_slots SET gwei = gwei + ? WHERE key = ? AND slot = ?"),
    addReservation: db.prepare("INSERT INTO spend_reservations (id, slot, gwei, expires_at) VALUES (?, ?, ?, ?)"),
    findReservation: db.prepare("SELECT slot, gwei FROM spend_reservations WHERE id = ?"),
    dropReservation: db.prepare("DELETE FROM spend_reservations WHERE id = ?"),
    getValue: db.prepare("SELECT value, expires_at FROM kv WHERE key = ? AND expires_at > ?"),
    putValue: db.prepare("INSERT OR REPLACE INTO kv (key, value, expires_at) VALUES (?, ?, ?)"),
    renewValueIf: db.prepare("UPDATE kv SET expires_at = ? WHERE key = ? AND value = ? AND expires_at > ?"),
    deleteValue: db.prepare("DELETE FROM kv WHERE key = ?"),
    deleteValueIf: db.prepare("DELETE FROM kv WHERE key = ? AND value = ?"),
    sweepRate: db.prepare("DELETE FROM rate_events WHERE substr(key, 1, ?) = ? AND at <= ?"),
    sweepSpend: db.prepare("DELETE FROM spend_slots WHERE substr(key, 1, ?) = ? AND slot < ?"),
    sweepReservations: db.prepare("DELETE FROM spend_reservations WHERE expires_at <= ?"),
    sweepValues: db.prepare("DELETE FROM kv WHERE expires_at <= ?"),
  };
}
