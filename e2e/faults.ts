// The tests' handle on the fault proxy between the app and anvil (scripts/stack/rpcProxy.ts, started by scripts/e2e.ts).
import type { Faults, FaultsServed } from "@/scripts/stack/rpcProxy.ts";
import { APP_RPC_URL } from "./anvil";

const CONTROL = `${APP_RPC_URL}/__faults`;

/** Switches what the app's RPC does from now on; the counts of faults served start again from zero. */
export async function setFaults(faults: Faults): Promise<void> {
  const answer = await fetch(CONTROL, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(faults) });
  if (!answer.ok) throw new Error(`the fault proxy refused ${JSON.stringify(faults)}: ${answer.status}`);
}

/** The faults the proxy served since the last setFaults. */
export async function faultsServed(): Promise<FaultsServed> {
  return ((await (await fetch(CONTROL)).json()) as { served: FaultsServed }).served;
}

/** Back to passing everything. Run after every test; a run without the proxy (no scripts/e2e.ts) has nothing to reset. */
export async function resetFaults(): Promise<void> {
  await setFaults({ mode: "pass" }).catch(() => undefined);
}
