import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
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
import { DELETE_IF, type LuaScript, PUT_IF_ABSENT, RENEW_IF, RESERVE_SPEND, SETTLE_SPEND, SPENT, TAKE_RATE } from "./redisScripts";

/**
 * The shared store: one Redis for every relayer instance behind a load balancer. Each check-and-count is one Lua
 * script (redisScripts.ts), atomic in Redis. Values expire with Redis's own PX times, so a crashed instance's locks
 * and in-flight marks go by themselves. Every key starts with the namespace, whose `{…}` hash tag keeps one relayer's
 * keys in one Redis Cluster slot, as multi-key scripts need.
 */
export class RedisStore implements RelayerStore {
  private readonly redis: Redis;
  private readonly now: () => number;

  constructor(
    url: string,
    private readonly options: StoreOptions,
  ) {
    // Fail fast: a request waiting on a Redis that is down should be refused (503), not hang until the client gives up.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 5_000, connectTimeout: 5_000 });
    // ioredis reports connection errors as events too; each command that fails is reported by its own rejection.
    this.redis.on("error", () => undefined);
    this.now = options.now ?? Date.now;
  }

  private key(key: string): string {
    return `${this.options.namespace}${key}`;
  }

  /** EVALSHA, loading the script once when this Redis has not seen it (a restart, a failover). */
  private async run(script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      try {
        return await this.redis.evalsha(script.sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
        return await this.redis.eval(script.lua, keys.length, ...keys, ...args);
      }
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  async takeRate(buckets: readonly RateBucket[]): Promise<RateVerdict> {
    const [bucket, wait] = (await this.run(
      TAKE_RATE,
      buckets.map((b) => this.key(`rate:${b.key}`)),
      [this.now(), this.options.rateWindowMs, randomUUID(), ...buckets.map((b) => b.limit), ...buckets.map((b) => b.count ?? 1)],
    )) as [number, number];
    return bucket === 0 ? { taken: true } : { taken: false, bucket: bucket - 1, retryAfterMs: wait };
  }

  async reserveSpend(buckets: readonly SpendBucket[], gwei: number): Promise<SpendReservation | undefined> {
    const { slot, oldest, slotMs } = spendSlots(this.options.spendWindowMs, this.now());
    const id = randomUUID();
    const reserved = await this.run(
      RESERVE_SPEND,
      [...buckets.map((b) => this.key(`spend:${b.key}`)), this.key(`reservation:${id}`)],
      [slot, oldest, this.options.spendWindowMs + slotMs, gwei, ...buckets.map((b) => b.capGwei)],
    );
    return reserved === 1 ? { id, buckets: buckets.map((b) => b.key) } : undefined;
  }

  async settleSpend(reservation: SpendReservation, gwei: number): Promise<void> {
    const { oldest } = spendSlots(this.options.spendWindowMs, this.now());
    await this.run(
      SETTLE_SPEND,
      [this.key(`reservation:${reservation.id}`), ...reservation.buckets.map((b) => this.key(`spend:${b}`))],
      [gwei, oldest],
    );
  }

  async spentGwei(bucket: string): Promise<number> {
    const { oldest } = spendSlots(this.options.spendWindowMs, this.now());
    return Number(await this.run(SPENT, [this.key(`spend:${bucket}`)], [oldest]));
  }

  async get(key: string): Promise<{ value: string; ttlMs: number } | undefined> {
    const [value, ttl] = await this.call(() => Promise.all([this.redis.get(this.key(key)), this.redis.pttl(this.key(key))]));
    // A negative time to live: the value expired (or was deleted) between the two reads.
    return value === null || ttl < 0 ? undefined : { value, ttlMs: ttl };
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    await this.call(() => this.redis.set(this.key(key), value, "PX", Math.max(1, Math.ceil(ttlMs))));
  }

  async putIfAbsent(key: string, value: string, ttlMs: number): Promise<string | undefined> {
    const held = await this.run(PUT_IF_ABSENT, [this.key(key)], [value, Math.max(1, Math.ceil(ttlMs))]);
    return typeof held === "string" ? held : undefined;
  }

  async renew(key: string, onlyIf: string, ttlMs: number): Promise<boolean> {
    return (await this.run(RENEW_IF, [this.key(key)], [onlyIf, Math.max(1, Math.ceil(ttlMs))])) === 1;
  }

  async delete(key: string, onlyIf?: string): Promise<void> {
    if (onlyIf === undefined) await this.call(() => this.redis.del(this.key(key)));
    else await this.run(DELETE_IF, [this.key(key)], [onlyIf]);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
