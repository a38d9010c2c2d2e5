import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimEvent } from "./fakeChain";
import { KILL_AFTER_MS, runExec } from "./execHook";

const event = claimEvent(4n);
const never = new AbortController().signal;

/** Whether a process still runs: a zombie (dead, not yet reaped by whoever inherited it) does not. */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "integra-exec-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("runExec", () => {
  it("succeeds when the command exits 0, and gives it the event in its environment", async () => {
    const out = path.join(dir, "env");
    const command = `printf '%s %s %s %s' "$INTEGRA_EVENT_NAME" "$INTEGRA_DELIVERY" "$INTEGRA_EVENT_TYPE" "$INTEGRA_CHAIN_ID" > ${out}`;
    expect(await runExec(command, event, never)).toEqual({ ok: true });
    expect(readFileSync(out, "utf8")).toBe(`TokenClaimed ${event.deliveryId} event 31337`);
  });

  it("fails with the exit code, or the signal that killed it", async () => {
    expect(await runExec("exit 3", event, never)).toEqual({ ok: false, problem: "exited with 3" });
    expect(await runExec("kill -KILL $$", event, never)).toEqual({ ok: false, problem: "was killed by SIGKILL" });
  });

  it("runs in a process group of its own", async () => {
    const out = path.join(dir, "pgid");
    await runExec(`ps -o pgid= -p $$ > ${out}; echo $$ >> ${out}`, event, never);
    const [pgid, pid] = readFileSync(out, "utf8").trim().split(/\s+/).map(Number);
    expect(pgid).toBe(pid);
    expect(pgid).not.toBe(Number(readFileSync(`/proc/${process.pid}/stat`, "utf8").split(" ")[4]));
  });

  it("when stopped, kills the whole group: the shell and what it started", async () => {
    const pids = path.join(dir, "pids");
    const stop = new AbortController();
    const result = runExec(`sleep 30 & echo $! > ${pids}; wait`, event, stop.signal);
    await until(() => readFileSync(pids, { encoding: "utf8", flag: "a+" }).trim() !== "");
    const sleeper = Number(readFileSync(pids, "utf8"));
    expect(alive(sleeper)).toBe(true);
    stop.abort();
    expect(await result).toEqual({ ok: false, problem: "was killed by SIGTERM" });
    await until(() => !alive(sleeper));
  });

  it("kills (SIGKILL) what ignores the SIGTERM, a few seconds later", async () => {
    const pids = path.join(dir, "pids");
    const stop = new AbortController();
    // A child that ignores SIGTERM, as a careless hook's might.
    const result = runExec(`sh -c 'trap "" TERM; echo $$ > ${pids}; sleep 30' & wait`, event, stop.signal);
    await until(() => readFileSync(pids, { encoding: "utf8", flag: "a+" }).trim() !== "");
    const stubborn = Number(readFileSync(pids, "utf8"));
    const stoppedAt = Date.now();
    stop.abort();
    expect((await result).ok).toBe(false);
    expect(alive(stubborn)).toBe(true);
    await until(() => !alive(stubborn), KILL_AFTER_MS + 3_000);
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(KILL_AFTER_MS - 50);
  }, 10_000);

  it("does not start once the watch is stopping", async () => {
    const stop = new AbortController();
    stop.abort();
    expect(await runExec("true", event, stop.signal)).toEqual({ ok: false, problem: "was not started: the watch is stopping" });
  });
});
