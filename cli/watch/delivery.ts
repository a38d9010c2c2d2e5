// One event's hooks (--exec, --webhook), each tried until it succeeds: the at-least-once rule of `integra watch`.
import { backoffDelayMs } from "@/lib/chain/retryTransient";
import type { WatchEntry } from "@/lib/sdk";

/** The event a hook is given: the watch's JSON line and what it was made from. */
export interface HookEvent {
  type: "event" | "retracted";
  /** The chain it happened on. */
  chainId: number;
  /** Whether the watch reads several chains: what it says of the event then names its chain. */
  acrossChains: boolean;
  entry: WatchEntry;
  /** The JSON line printed on stdout. */
  line: string;
  /**
   * What a receiver deduplicates on: the log's place in its block (`<blockHash>:<logIndex>`), the same on every retry
   * and after a restart; a retraction is another delivery of the same log (`…:retracted`).
   */
  deliveryId: string;
}

/** A failure's `problem` reads after the hook's name: "exited with 1", "answered 503", "was killed by SIGTERM". */
export type HookResult = { ok: true } | { ok: false; problem: string };

/** One way of handing an event on. `attempt` must not throw: a failure is a result, said in `problem`. */
export interface Hook {
  /** How the log names it, followed by a problem: "--exec" (exited with 1), "the webhook https://…" (answered 503). */
  name: string;
  /** One try; `signal` aborts it (the hook is killed, the request cancelled) when the watch stops. */
  attempt(event: HookEvent, signal: AbortSignal): Promise<HookResult>;
}

/**
 * After `retries` failed retries: `retry` keeps trying at the longest wait, `stop` ends the watch before the event
 * (a restart delivers it again), `skip` gives up on the event for this hook and goes on.
 */
export type OnFailure = "retry" | "stop" | "skip";
export const ON_FAILURE: readonly OnFailure[] = ["retry", "stop", "skip"];

export interface DeliveryPolicy {
  /** Retries after the first failed attempt before `onFailure` decides. */
  retries: number;
  onFailure: OnFailure;
  /** The wait before the first retry, doubled for each next one up to `maxDelayMs` (each jittered by up to half). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected so tests run on a fake clock: waits `ms`, resolving early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** In [0, 1): the jitter, so watchers refused together do not come back together. */
  random(): number;
}

/** What stops a delivery: the watch was told to stop (no more retries), and then the grace ran out (kill the hook). */
export interface Stopping {
  /** Aborted on SIGINT/SIGTERM: the hook in hand may finish, but nothing fails over to a retry. */
  requested: AbortSignal;
  /** Aborted when the grace period after `requested` is over: the running hook is killed. */
  hooksKilled: AbortSignal;
}

/**
 * How one event's delivery ended: `delivered` (every hook succeeded or, with --on-failure skip, gave up on it: the
 * cursor may move past it), `stop` (--on-failure stop: a hook's retries ran out), `interrupted` (the watch is
 * stopping and a hook did not succeed in time). After `stop` and `interrupted` the cursor must stay before the event.
 */
export type DeliveryOutcome =
  { outcome: "delivered"; skipped: string[] } | { outcome: "stop" | "interrupted"; hook: string; problem: string };

/** The wait before retry `retry` (0-based): exponential while retries remain, then the cap ("at the cap" forever). */
export function retryDelayMs(retry: number, policy: Pick<DeliveryPolicy, "retries" | "baseDelayMs" | "maxDelayMs" | "random">): number {
  return retry < policy.retries ? backoffDelayMs(retry, policy) : backoffDelayMs(0, { ...policy, baseDelayMs: policy.maxDelayMs });
}

/** "TokenClaimed in block 12" ("… of chain 31338" across chains), or "the retraction of TokenClaimed in block 12". */
export function eventLabel(event: HookEvent): string {
  const chain = event.acrossChains ? ` of chain ${event.chainId}` : "";
  const name = `${event.entry.eventName} in block ${event.entry.blockNumber}${chain}`;
  return event.type === "retracted" ? `the retraction of ${name}` : name;
}

/**
 * Runs each hook on `event` in order (--exec before --webhook), retrying a failed one with exponential backoff and
 * jitter; a hook runs only after the one before it succeeded (or was skipped), and the caller delivers the next event
 * only after this resolves, so hooks see events in the chain's order. A hook that already succeeded is not run again
 * for a retry of another: only after a restart is an interrupted event delivered to every hook again.
 */
export async function deliver(
  hooks: readonly Hook[],
  event: HookEvent,
  policy: DeliveryPolicy,
  stopping: Stopping,
  log: (message: string) => void,
): Promise<DeliveryOutcome> {
  const skipped: string[] = [];
  for (const hook of hooks) {
    for (let failures = 0; ;) {
      // Past the grace period nothing new starts: the event stays undelivered, and a restart delivers it again.
      if (stopping.hooksKilled.aborted) return { outcome: "interrupted", hook: hook.name, problem: "not run: the watch is stopping" };
      const result = await hook.attempt(event, stopping.hooksKilled);
      if (result.ok) break;
      failures += 1;
      const what = `${hook.name} ${result.problem} for ${eventLabel(event)}`;
      if (stopping.requested.aborted) {
        log(`${what}; stopping, so it is not retried: a restart delivers the event again`);
        return { outcome: "interrupted", hook: hook.name, problem: result.problem };
      }
      if (failures > policy.retries && policy.onFailure === "stop") {
        log(`${what}; gave up after ${failures} attempts (--on-failure stop)`);
        return { outcome: "stop", hook: hook.name, problem: result.problem };
      }
      if (failures > policy.retries && policy.onFailure === "skip") {
        // The line itself follows, so the skipped event can be found and replayed from the log.
        log(`${what}; gave up after ${failures} attempts (--on-failure skip); skipped: ${event.line}`);
        skipped.push(hook.name);
        break;
      }
      const delayMs = retryDelayMs(failures - 1, policy);
      log(`${what}; retry ${failures} in ${(delayMs / 1000).toFixed(1)} s`);
      await policy.sleep(delayMs, stopping.requested);
      if (stopping.requested.aborted) {
        log(`stopping before retrying ${hook.name}: a restart delivers ${eventLabel(event)} again`);
        return { outcome: "interrupted", hook: hook.name, problem: result.problem };
      }
    }
  }
  return { outcome: "delivered", skipped };
}
