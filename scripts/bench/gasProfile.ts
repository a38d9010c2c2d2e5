// Profiling aid, not part of `npm run bench`: where an operation's gas goes, by call depth and opcode (calls
// charged only their own cost, not their callee's), then its call tree with each frame's gas. Runs the gas
// bench's transactions on its own anvil with step tracing (port 8549), then traces the rows whose operation
// starts with the argument:
//   flock /tmp/integra-e2e.lock npx tsx scripts/bench/gasProfile.ts "claim (multi-party"
import { deployIntegra } from "../stack/deploy.ts";
import { startAnvil } from "../stack/anvil.ts";
import { forgeBuild } from "../stack/build.ts";
import { clientsFor } from "../stack/clients.ts";
import { ANVIL_KEYS } from "../stack/chains.ts";
import { writeGeneratedModule } from "../stack/generate.ts";

forgeBuild();
writeGeneratedModule();
const { measureGas } = await import("./gas.ts");
const anvil = await startAnvil(8549, ["--steps-tracing"]);
try {
  const clients = await clientsFor(anvil.rpcUrl, ANVIL_KEYS[0]);
  const deployment = await deployIntegra(clients);
  const rows = await measureGas(anvil.rpcUrl, deployment);
  for (const row of rows.filter((r) => r.operation.startsWith(process.argv[2] ?? "claim"))) {
    const trace = await clients.publicClient.request<{
      Parameters: [string, object];
      ReturnType: { gas: number; structLogs: { op: string; gasCost: number; depth: number; gas: number }[] };
    }>({ method: "debug_traceTransaction", params: [row.hash, { disableMemory: true, disableStack: true, disableStorage: true }] });
    const byOp = new Map<string, { n: number; gas: number }>();
    const logs = trace.structLogs;
    for (let i = 0; i < logs.length; i++) {
      const l = logs[i];
      // A call's gasCost includes the gas it hands to the callee: charge the call only what the caller lost
      // across it, less what the callee's own steps (counted at their depth) used. A precompile has no steps.
      let cost = l.gasCost;
      if (["CALL", "STATICCALL", "DELEGATECALL"].includes(l.op) && logs[i + 1]) {
        if (logs[i + 1].depth === l.depth + 1) {
          let j = i + 1;
          while (logs[j + 1] && logs[j + 1].depth > l.depth) j++;
          const after = logs[j + 1];
          const calleeUsed = logs[i + 1].gas - (logs[j].gas - logs[j].gasCost);
          if (after) cost = l.gas - after.gas - calleeUsed;
        } else if (logs[i + 1].depth === l.depth) {
          cost = l.gas - logs[i + 1].gas;
        }
      }
      const key = `${l.depth}:${l.op}`;
      const e = byOp.get(key) ?? { n: 0, gas: 0 };
      e.n += 1;
      e.gas += cost;
      byOp.set(key, e);
    }
    const total = [...byOp.values()].reduce((s, e) => s + e.gas, 0);
    console.log(`\n== ${row.operation}: gasUsed ${row.gasUsed}, execution ${total}, intrinsic ${Number(row.gasUsed) - total}`);
    for (const [k, e] of [...byOp.entries()].sort((a, b) => b[1].gas - a[1].gas).slice(0, 60))
      console.log(`${k.padEnd(22)} n=${String(e.n).padStart(4)} gas=${e.gas}`);
    const calls = await clients.publicClient.request<{ Parameters: [string, object]; ReturnType: unknown }>({
      method: "debug_traceTransaction",
      params: [row.hash, { tracer: "callTracer" }],
    });
    const show = (c: { to: string; gasUsed: string; input: string; calls?: unknown[] }, d: number): void => {
      console.log(`${"  ".repeat(d)}${c.to} ${c.input.slice(0, 10)} gasUsed=${Number(c.gasUsed)}`);
      for (const s of (c.calls ?? []) as (typeof c)[]) show(s, d + 1);
    };
    show(calls as never, 0);
  }
} finally {
  await anvil.stop();
}
