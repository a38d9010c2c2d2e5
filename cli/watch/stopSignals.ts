// How `integra watch` is stopped: SIGINT (Ctrl-C) and SIGTERM, with a grace period for the event in hand.
import type { Stopping } from "./delivery";

export interface StopControl extends Stopping {
  /** The watch is over: the grace timer is not needed any more. */
  dispose(): void;
}

/**
 * The first SIGINT or SIGTERM asks the watch to stop (`requested`): the event in hand may finish, and `graceMs` later
 * its hooks are killed (`hooksKilled`). The handlers stay installed, and every later signal is ignored, because the
 * same stop often arrives twice or three times: Ctrl-C reaches the terminal's whole foreground group (npm and the
 * watcher) and npm then forwards it again, and supervisors signal a whole group. With `process.once`, or handlers
 * removed when the watch ends, a second SIGTERM would take the default action and kill the watcher mid-hook (or
 * while exiting) with status 143 instead of 0. The grace period is what bounds a stop, so a repeated signal need not.
 */
export function stopOnSignals(graceMs: number, log: (message: string) => void): StopControl {
  const requested = new AbortController();
  const hooksKilled = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (requested.signal.aborted) return;
    log(`${signal}: stopping (the hooks of an event in hand have ${(graceMs / 1000).toFixed(1)} s to finish)`);
    requested.abort();
    graceTimer = setTimeout(() => hooksKilled.abort(), graceMs);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    requested: requested.signal,
    hooksKilled: hooksKilled.signal,
    dispose: () => clearTimeout(graceTimer),
  };
}
