// The tests' handle on the fault proxy between the app and anvil (scripts/stack/rpcProxy.ts, started by scripts/e2e.ts).
import type { Faults, FaultsServed } from "@/scripts/stack/rpcProxy.ts";
import { APP_RPC_URL, APP_RPC_URL_B } from "./anvil";

/** The fault proxy in front of each chain the app reads: chain A (the default) and chain B. */
const CONTROLS = { A: `${APP_RPC_URL}/__faults`, B: `${APP_RPC_URL_B}/__faults` } as const;
const CONTROL = CONTROLS.A;

/** Switches what the app's RPC of `chain` (A by default) does from now on; the counts of faults served start again from zero. */
export async function setFaults(faults: Faults, chain: keyof typeof CONTROLS = "A"): Promise<void> {
  const answer = await fetch(CONTROLS[chain], {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  if (!answer.ok) throw new Error(`the fault proxy refused ${JSON.stringify(faults)}: ${answer.status}`);
}

/** The faults the proxy served since the last setFaults. */
export async function faultsServed(): Promise<FaultsServed> {
  return ((await (await fetch(CONTROL)).json()) as { served: FaultsServed }).served;
}

/** Back to passing everything. Run after every test; a run without the proxy (no scripts/e2e.ts) has nothing to reset. */
export async function resetFaults(): Promise<void> {
  await Promise.all([setFaults({ mode: "pass" }, "A").catch(() => undefined), setFaults({ mode: "pass" }, "B").catch(() => undefined)]);
}
