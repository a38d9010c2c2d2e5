import { describe, expect, it } from "vitest";
import { type DeliveryPolicy, type Hook, type HookResult, type Stopping, deliver, retryDelayMs } from "./delivery";
import { claimEvent, tokenOf } from "./fakeChain";

/** A fake clock: every wait is recorded and returns at once (or runs `during` first, e.g. a signal arriving). */
function fakeClock(during?: (ms: number) => void) {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    during?.(ms);
  };
  return { waits, sleep };
}

/** random() = 1: every wait is its full ceiling, so the backoff reads plainly (0.5 s, 1, 2, ...). */
function policy(overrides: Partial<DeliveryPolicy> = {}): DeliveryPolicy {
  return { retries: 5, onFailure: "retry", baseDelayMs: 500, maxDelayMs: 30_000, random: () => 1, sleep: fakeClock().sleep, ...overrides };
}

function notStopping(): Stopping & { stop(): void; kill(): void } {
  const requested = new AbortController();
  const hooksKilled = new AbortController();
  return { requested: requested.signal, hooksKilled: hooksKilled.signal, stop: () => requested.abort(), kill: () => hooksKilled.abort() };
}

/** A hook whose attempts give `results` in turn (then keep giving the last), recording what it was called with. */
function scriptedHook(name: string, results: HookResult[], calls: string[] = []): Hook & { calls: string[] } {
  let attempt = 0;
  return {
    name,
    calls,
    attempt: async (event) => {
      calls.push(`${name} ${tokenOf(event)}`);
      return results[Math.min(attempt++, results.length - 1)];
    },
  };
}

const fail = (problem = "exited with 1"): HookResult => ({ ok: false, problem });
const ok: HookResult = { ok: true };
const event = claimEvent(1n);

describe("deliver", () => {
  it("retries a failing hook with exponential backoff until it succeeds", async () => {
    const clock = fakeClock();
    const hook = scriptedHook("--exec", [fail(), fail(), ok]);
    const log: string[] = [];
    const outcome = await deliver([hook], event, policy({ sleep: clock.sleep }), notStopping(), (m) => log.push(m));
    expect(outcome).toEqual({ outcome: "delivered", skipped: [] });
    expect(hook.calls).toHaveLength(3);
    expect(clock.waits).toEqual([500, 1000]);
    expect(log).toEqual([
      "--exec exited with 1 for TokenClaimed in block 12; retry 1 in 0.5 s",
      "--exec exited with 1 for TokenClaimed in block 12; retry 2 in 1.0 s",
    ]);
  });

  it("jitters each wait between half its ceiling and the ceiling, and after the retries waits at the cap", async () => {
    const base = { retries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };
    expect([0, 1, 2].map((retry) => retryDelayMs(retry, { ...base, random: () => 0 }))).toEqual([250, 500, 1000]);
    expect([0, 1, 2].map((retry) => retryDelayMs(retry, { ...base, random: () => 0.5 }))).toEqual([375, 750, 1500]);
    expect(retryDelayMs(3, { ...base, random: () => 1 })).toBe(30_000);
    expect(retryDelayMs(50, { ...base, random: () => 0 })).toBe(15_000);
    // Exponential growth is capped too, before the retries run out.
    expect(retryDelayMs(9, { ...base, retries: 20, random: () => 1 })).toBe(30_000);
  });

  it("--on-failure retry keeps trying at the cap after the retries, and delivers when the hook recovers", async () => {
    const clock = fakeClock();
    const hook = scriptedHook("--exec", [...Array<HookResult>(9).fill(fail()), ok]);
    const outcome = await deliver([hook], event, policy({ sleep: clock.sleep }), notStopping(), () => {});
    expect(outcome.outcome).toBe("delivered");
    expect(clock.waits).toEqual([500, 1000, 2000, 4000, 8000, 30_000, 30_000, 30_000, 30_000]);
  });

  it("--on-failure stop gives up after the retries, and runs no later hook", async () => {
    const calls: string[] = [];
    const hooks = [scriptedHook("--exec", [fail("exited with 7")], calls), scriptedHook("the webhook", [ok], calls)];
    const log: string[] = [];
    const outcome = await deliver(hooks, event, policy({ retries: 2, onFailure: "stop" }), notStopping(), (m) => log.push(m));
    expect(outcome).toEqual({ outcome: "stop", hook: "--exec", problem: "exited with 7" });
    expect(calls).toEqual(["--exec #1", "--exec #1", "--exec #1"]);
    expect(log.at(-1)).toBe("--exec exited with 7 for TokenClaimed in block 12; gave up after 3 attempts (--on-failure stop)");
  });

  it("--on-failure skip gives up on the event for that hook, says so with the event's line, and the next hook still gets it", async () => {
    const calls: string[] = [];
    const hooks = [scriptedHook("--exec", [fail()], calls), scriptedHook("the webhook", [ok], calls)];
    const log: string[] = [];
    const outcome = await deliver(hooks, event, policy({ retries: 1, onFailure: "skip" }), notStopping(), (m) => log.push(m));
    expect(outcome).toEqual({ outcome: "delivered", skipped: ["--exec"] });
    expect(calls).toEqual(["--exec #1", "--exec #1", "the webhook #1"]);
    expect(log.at(-1)).toBe(
      `--exec exited with 1 for TokenClaimed in block 12; gave up after 2 attempts (--on-failure skip); skipped: ${event.line}`,
    );
  });

  it("runs the hooks in order, each only after the one before succeeded, and does not run a succeeded hook again", async () => {
    const calls: string[] = [];
    const hooks = [
      scriptedHook("--exec", [ok], calls),
      scriptedHook("the webhook", [fail("answered 503"), fail("answered 503"), ok], calls),
    ];
    expect((await deliver(hooks, event, policy(), notStopping(), () => {})).outcome).toBe("delivered");
    expect(calls).toEqual(["--exec #1", "the webhook #1", "the webhook #1", "the webhook #1"]);
  });

  it("with --retries 0, a failure goes straight to --on-failure", async () => {
    const hook = scriptedHook("--exec", [fail()]);
    expect((await deliver([hook], event, policy({ retries: 0, onFailure: "stop" }), notStopping(), () => {})).outcome).toBe("stop");
    expect(hook.calls).toHaveLength(1);
  });

  describe("when the watch is stopping", () => {
    it("lets the hook in hand finish: a success delivers the event", async () => {
      const stopping = notStopping();
      const hook: Hook = {
        name: "--exec",
        attempt: async () => {
          stopping.stop(); // SIGTERM while it runs
          return ok;
        },
      };
      expect(await deliver([hook], event, policy(), stopping, () => {})).toEqual({ outcome: "delivered", skipped: [] });
    });

    it("does not retry a hook that failed, whatever --on-failure says", async () => {
      const stopping = notStopping();
      const hook: Hook = {
        name: "--exec",
        attempt: async () => {
          stopping.stop();
          return fail("was killed by SIGTERM");
        },
      };
      const log: string[] = [];
      const outcome = await deliver([hook], event, policy({ onFailure: "skip", retries: 0 }), stopping, (m) => log.push(m));
      expect(outcome).toEqual({ outcome: "interrupted", hook: "--exec", problem: "was killed by SIGTERM" });
      expect(log).toEqual([
        "--exec was killed by SIGTERM for TokenClaimed in block 12; stopping, so it is not retried: a restart delivers the event again",
      ]);
    });

    it("stops waiting to retry, and does not retry", async () => {
      const stopping = notStopping();
      const clock = fakeClock(() => stopping.stop());
      const hook = scriptedHook("--exec", [fail(), ok]);
      const outcome = await deliver([hook], event, policy({ sleep: clock.sleep }), stopping, () => {});
      expect(outcome.outcome).toBe("interrupted");
      expect(hook.calls).toHaveLength(1);
    });

    it("starts no further hook once the grace period is over", async () => {
      const stopping = notStopping();
      const calls: string[] = [];
      const first: Hook = {
        name: "--exec",
        attempt: async () => {
          calls.push("--exec");
          stopping.stop();
          stopping.kill();
          return ok;
        },
      };
      const outcome = await deliver([first, scriptedHook("the webhook", [ok], calls)], event, policy(), stopping, () => {});
      expect(outcome).toEqual({ outcome: "interrupted", hook: "the webhook", problem: "not run: the watch is stopping" });
      expect(calls).toEqual(["--exec"]);
    });

    it("passes the kill signal to the hook, aborted when the grace period is over", async () => {
      const stopping = notStopping();
      let seen: AbortSignal | undefined;
      const hook: Hook = {
        name: "--exec",
        attempt: async (_event, signal) => {
          seen = signal;
          return ok;
        },
      };
      await deliver([hook], event, policy(), stopping, () => {});
      expect(seen?.aborted).toBe(false);
      stopping.kill();
      expect(seen?.aborted).toBe(true);
    });
  });
});
