import type { DecodedCall } from "@/lib/sdk";
import { capabilityNames } from "./capabilities";
import { when } from "./format";

/** How a dry run shows the calls it would send: decoded, for a person (renderCalls) or a program (callsJson). */

/** A decoded argument's value in one line: numbers in decimal, text quoted, hex as it is, lists and tuples spelled out. */
export function formatValue(value: unknown): string {
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value.startsWith("0x") ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(", ")}}`;
  return String(value);
}

/**
 * One call: `Contract.function(name: value, …) at address`; below it, indented, a multicall's calls (`function(…)`,
 * the same contract) and an attestation's grants in words.
 */
function renderCall(call: DecodedCall, indent: string, nested = false): string[] {
  const args = call.calls || call.grants ? "…" : call.args.map((a) => `${a.name}: ${formatValue(a.value)}`).join(", ");
  const name = nested ? call.functionName : `${call.contract}.${call.functionName}`;
  const head = `${indent}${name}(${args})${nested ? "" : ` at ${call.to}`}${call.sponsored && !nested ? " (a relayer may pay)" : ""}`;
  const inner = (call.calls ?? []).flatMap((c) => renderCall(c, `${indent}    `, true));
  const grants = (call.grants ?? []).map(
    (g) =>
      `${indent}    grants ${capabilityNames(g.capabilities).join("+")} on ${g.tokenId === 0n ? "any token" : `token #${g.tokenId}`} of ${g.integraHash} to ${g.recipient}${g.expirationTime === 0n ? "" : ` until ${when(g.expirationTime)}`}`,
  );
  return [head, ...inner, ...grants];
}

/** The calls a dry run would send, numbered, one block each. */
export function renderCalls(calls: readonly DecodedCall[]): string {
  return calls
    .map((call, i) =>
      renderCall(call, "")
        .map((line, j) => (j === 0 ? `${i + 1}. ${line}` : `   ${line}`))
        .join("\n"),
    )
    .join("\n");
}

/** A decoded call for --json: its arguments as an object by name (each name keeps one type), inner calls alike. */
export interface CallJson {
  to: string;
  contract: string;
  functionName: string;
  args: Record<string, unknown>;
  sponsored: boolean;
  calls?: CallJson[];
  grants?: (Omit<NonNullable<DecodedCall["grants"]>[number], "capabilities"> & { capabilities: string[] })[];
}

export function callJson(call: DecodedCall): CallJson {
  return {
    to: call.to,
    contract: call.contract,
    functionName: call.functionName,
    args: Object.fromEntries(call.args.map((a) => [a.name, a.value])),
    sponsored: call.sponsored,
    ...(call.calls ? { calls: call.calls.map(callJson) } : {}),
    // Capabilities by name, as `status` and `attest` print them.
    ...(call.grants ? { grants: call.grants.map((g) => ({ ...g, capabilities: capabilityNames(g.capabilities) })) } : {}),
  };
}
