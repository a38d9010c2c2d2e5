import { describe, expect, it } from "vitest";
import type { AnyWatchCursor } from "@/lib/sdk";
import type { DeliveryPolicy, Hook, HookEvent, HookResult, Stopping } from "./delivery";
import { claimLog } from "@/lib/timeline/claimLogFixture";
import { type FakeChain, tokenOf, watchFake, watchFakeChains } from "./fakeChain";
import { type FollowOptions, follow } from "./follow";

// Claims #1 and #2 in block 11, #3 in block 12; the chain's head is 12.
const chain: FakeChain = { head: 12, logs: [claimLog(11, 1n), claimLog(11, 2n, { logIndex: 1 }), claimLog(12, 3n)] };

/** The claims a watch resumed from `cursor` delivers: what a restart would hand the hooks. */
async function resumedFrom(cursor: AnyWatchCursor): Promise<string[]> {
  const tokens: string[] = [];
  for await (const item of watchFake(chain, { cursor: JSON.parse(JSON.stringify(cursor)) as AnyWatchCursor })) {
    if (item.type === "event") tokens.push("tokenId" in item.entry.args ? `#${item.entry.args.tokenId}` : "?");
  }
  return tokens;
}

function stoppable(): Stopping & { stop(): void; kill(): void } {
  const requested = new AbortController();
  const hooksKilled = new AbortController();
  return { requested: requested.signal, hooksKilled: hooksKilled.signal, stop: () => requested.abort(), kill: () => hooksKilled.abort() };
}

/** A hook that answers with `answer(token, attempt)`, recording every attempt in order. */
function hookOf(answer: (token: string, attempt: number) => HookResult, calls: string[]): Hook {
  const attempts = new Map<string, number>();
  return {
    name: "--exec",
    attempt: async (event: HookEvent) => {
      const token = tokenOf(event);
      const attempt = (attempts.get(token) ?? 0) + 1;
      attempts.set(token, attempt);
      calls.push(token);
      return answer(token, attempt);
    },
  };
}

const instant: DeliveryPolicy = {
  retries: 2,
  onFailure: "retry",
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: () => 0.5,
  sleep: async () => {},
};

/** Runs follow over the fake chain from block 11, recording the lines printed and the cursors saved. */
async function run(hook: Hook, overrides: Partial<FollowOptions> = {}) {
  const printed: string[] = [];
  const saves: AnyWatchCursor[] = [];
  const log: string[] = [];
  const end = await follow(watchFake(chain, overrides.resumedFrom ? { cursor: overrides.resumedFrom } : { fromBlock: 11n }), {
    hooks: [hook],
    policy: instant,
    stopping: stoppable(),
    print: (line) => printed.push((JSON.parse(line) as { args: { tokenId: string } }).args.tokenId),
    save: async (cursor) => {
      saves.push(cursor);
    },
    log: (message) => log.push(message),
    ...overrides,
  });
  return { end, printed, saves, log };
}

describe("follow", () => {
  it("moves the cursor past an event only once its hook succeeded, and holds the next event back until then", async () => {
    const calls: string[] = [];
    const succeeded: string[] = [];
    // Each save is checked as it happens: a restart from it must deliver every event not yet handed on, and no other.
    const checks: Promise<void>[] = [];
    const hook = hookOf((token, attempt) => {
      if (token === "#1" && attempt < 3) return { ok: false, problem: "exited with 1" };
      succeeded.push(token);
      return { ok: true };
    }, calls);
    const { end } = await run(hook, {
      save: async (cursor) => {
        const expected = ["#1", "#2", "#3"].filter((t) => !succeeded.includes(t));
        checks.push(resumedFrom(cursor).then((tokens) => expect(tokens).toEqual(expected)));
      },
    });
    await Promise.all(checks);
    expect(end).toEqual({ end: "finished" });
    expect(calls).toEqual(["#1", "#1", "#1", "#2", "#3"]);
    expect(checks).toHaveLength(5); // before the first event (a first run), after each event, and after the "synced"
  });

  it("--on-failure stop saves the cursor before the failed event and ends: a restart delivers it again", async () => {
    const calls: string[] = [];
    const hook = hookOf((token) => (token === "#2" ? { ok: false, problem: "exited with 1" } : { ok: true }), calls);
    const { end, saves, printed } = await run(hook, { policy: { ...instant, onFailure: "stop" } });
    expect(end).toEqual({ end: "stop", event: "TokenClaimed in block 11", hook: "--exec", problem: "exited with 1" });
    expect(calls).toEqual(["#1", "#2", "#2", "#2"]);
    expect(printed).toEqual(["1", "2"]);
    expect(await resumedFrom(saves[saves.length - 1])).toEqual(["#2", "#3"]);
  });

  it("a first run saves where it stood before the first event's hooks run, so a crash in them loses nothing", async () => {
    const saves: AnyWatchCursor[] = [];
    const hook: Hook = {
      name: "--exec",
      attempt: async () => {
        expect(saves).toHaveLength(1); // already on disk while the first hook runs
        return { ok: false, problem: "exited with 1" };
      },
    };
    const { end } = await run(hook, { policy: { ...instant, onFailure: "stop" }, save: async (c) => void saves.push(c) });
    expect(end.end).toBe("stop");
    expect(saves).toHaveLength(1);
    expect(await resumedFrom(saves[0])).toEqual(["#1", "#2", "#3"]);
  });

  it("--on-failure stop right after a restart leaves the cursor it resumed from as it is", async () => {
    const first = await run(hookOf(() => ({ ok: true }), []));
    const afterOne = first.saves[1]; // [0] is where the first run stood before its first event
    expect(await resumedFrom(afterOne)).toEqual(["#2", "#3"]);
    const { saves } = await run(
      hookOf(() => ({ ok: false, problem: "exited with 1" }), []),
      { policy: { ...instant, onFailure: "stop" }, resumedFrom: afterOne },
    );
    expect(saves).toEqual([]); // the file still holds afterOne: a later run delivers #2 again
  });

  it("--on-failure skip logs the event as skipped and moves on", async () => {
    const calls: string[] = [];
    const hook = hookOf((token) => (token === "#2" ? { ok: false, problem: "exited with 1" } : { ok: true }), calls);
    const { end, saves, log } = await run(hook, { policy: { ...instant, onFailure: "skip" } });
    expect(end).toEqual({ end: "finished" });
    expect(calls).toEqual(["#1", "#2", "#2", "#2", "#3"]);
    expect(log.filter((m) => m.includes("skipped: "))).toHaveLength(1);
    expect(log.find((m) => m.includes("skipped: "))).toContain('"tokenId":"2"');
    expect(await resumedFrom(saves[saves.length - 1])).toEqual([]);
  });

  it("stopped while a hook runs that then fails (killed after the grace period): the event is not saved as done", async () => {
    const stopping = stoppable();
    const hook = hookOf((token) => {
      if (token !== "#2") return { ok: true };
      stopping.stop();
      stopping.kill();
      return { ok: false, problem: "was killed by SIGTERM" };
    }, []);
    const { end, saves, printed } = await run(hook, { stopping });
    expect(end).toEqual({ end: "finished" });
    expect(printed).toEqual(["1", "2"]);
    expect(await resumedFrom(saves[saves.length - 1])).toEqual(["#2", "#3"]);
  });

  it("stopped while a hook runs that succeeds in time: the event is saved as done, and the next is not started", async () => {
    const stopping = stoppable();
    const calls: string[] = [];
    const hook = hookOf((token) => {
      if (token === "#2") stopping.stop();
      return { ok: true };
    }, calls);
    const { saves, printed } = await run(hook, { stopping });
    expect(calls).toEqual(["#1", "#2"]);
    expect(printed).toEqual(["1", "2"]);
    expect(await resumedFrom(saves[saves.length - 1])).toEqual(["#3"]);
  });

  describe("across chains", () => {
    // Chain A (31337): #1 in block 11, #3 in block 12. Chain B (31338): #2 in block 11 (log 1), #4 in block 13. Times
    // are block numbers: #1 and #2 share one, and chain A's comes first.
    const chains = (): FakeChain[] => [
      { chainId: 31337, head: 13, logs: [claimLog(11, 1n), claimLog(12, 3n)] },
      { chainId: 31338, head: 13, logs: [claimLog(11, 2n, { logIndex: 1 }), claimLog(13, 4n)] },
    ];
    const fromEleven = { 31337: 11n, 31338: 11n };

    /** What a restart from `cursor` hands on, as "chain#token". */
    async function resumedAcross(cursor: AnyWatchCursor): Promise<string[]> {
      const seen: string[] = [];
      for await (const item of watchFakeChains(chains(), { cursor: JSON.parse(JSON.stringify(cursor)) as AnyWatchCursor })) {
        if (item.type === "event") seen.push(`${item.chainId}${"tokenId" in item.entry.args ? `#${item.entry.args.tokenId}` : ""}`);
      }
      return seen;
    }

    it("prints each line with its chain, saves one cursor for every chain, and a restart from any save repeats and skips nothing", async () => {
      const printed: { chainId: number; chainName: string; token: string }[] = [];
      const handedOn: string[] = [];
      const checks: Promise<void>[] = [];
      const hook: Hook = {
        name: "--exec",
        attempt: async (event) => {
          handedOn.push(`${event.chainId}${tokenOf(event)}`);
          return { ok: true };
        },
      };
      const order = ["31337#1", "31338#2", "31337#3", "31338#4"];
      const end = await follow(watchFakeChains(chains(), { fromBlock: fromEleven }), {
        hooks: [hook],
        policy: instant,
        stopping: stoppable(),
        print: (line) => {
          const { chainId, chainName, args } = JSON.parse(line) as { chainId: number; chainName: string; args: { tokenId: string } };
          printed.push({ chainId, chainName, token: args.tokenId });
        },
        save: async (cursor) => {
          expect(cursor.version).toBe(2);
          const expected = order.filter((e) => !handedOn.includes(e));
          checks.push(resumedAcross(cursor).then((seen) => expect(seen).toEqual(expected)));
        },
        log: () => {},
      });
      await Promise.all(checks);
      expect(end).toEqual({ end: "finished" });
      expect(handedOn).toEqual(order);
      expect(printed).toEqual([
        { chainId: 31337, chainName: "Local chain (anvil)", token: "1" },
        { chainId: 31338, chainName: "Local chain B (anvil)", token: "2" },
        { chainId: 31337, chainName: "Local chain (anvil)", token: "3" },
        { chainId: 31338, chainName: "Local chain B (anvil)", token: "4" },
      ]);
      // Before the first event, after each event, and after each chain's "synced".
      expect(checks).toHaveLength(7);
    });

    it("--on-failure stop names the event's chain, and the saved cursor is before it on that chain only", async () => {
      const saves: AnyWatchCursor[] = [];
      const log: string[] = [];
      const hook: Hook = {
        name: "--exec",
        attempt: async (event) =>
          event.chainId === 31338 && tokenOf(event) === "#4" ? { ok: false, problem: "exited with 1" } : { ok: true },
      };
      const end = await follow(watchFakeChains(chains(), { fromBlock: fromEleven }), {
        hooks: [hook],
        policy: { ...instant, retries: 0, onFailure: "stop" },
        stopping: stoppable(),
        print: () => {},
        save: async (cursor) => void saves.push(cursor),
        log: (message) => log.push(message),
      });
      expect(end).toEqual({ end: "stop", event: "TokenClaimed in block 13 of chain 31338", hook: "--exec", problem: "exited with 1" });
      expect(log).toEqual([
        "--exec exited with 1 for TokenClaimed in block 13 of chain 31338; gave up after 1 attempts (--on-failure stop)",
      ]);
      expect(await resumedAcross(saves[saves.length - 1])).toEqual(["31338#4"]);
    });
  });
});
