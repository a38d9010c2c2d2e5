import { type Abi, type Address, type Hex, decodeAbiParameters, decodeFunctionData, isAddressEqual, slice } from "viem";
import { CAPABILITY_DATA_PARAMETERS } from "@/lib/capabilities";
import { capabilitySchemaUid, eas, forwarder, multiPartyTokenizer, ownershipTokenizer, registry, signal } from "@/lib/contracts";
import { escrow } from "@/lib/escrow/escrowContract";
import type { ContractCall } from "./contractCall";

/** One capability an EAS attestation grants, its schema data decoded (the attestation's `data` is ABI bytes). */
export interface DecodedGrant {
  recipient: Address;
  integraHash: Hex;
  tokenId: bigint;
  capabilities: bigint;
  processHash: Hex;
  expirationTime: bigint;
}

/** A contract call as a person checks it before it is signed: which contract, which function, which arguments. */
export interface DecodedCall {
  to: Address;
  /** The deployment's name of the contract ("IntegraRecordV1", "EAS", ...), or "unknown". */
  contract: string;
  /** The function, or the 4-byte selector when the call is not one of the deployment's. */
  functionName: string;
  /** The arguments by name, in order, as the ABI decodes them (bigints, hex, tuples as objects). */
  args: { name: string; value: unknown }[];
  /** A registry multicall's calls, each decoded the same way. */
  calls?: DecodedCall[];
  /** The capability attestations an EAS attest or multiAttest of the capability schema makes. */
  grants?: DecodedGrant[];
  /** Whether a relayer may pay for it (ContractCall.sponsored). */
  sponsored: boolean;
}

/** The deployment's contracts by address, read when called: the deployment in use may be chosen at run time. */
function knownContracts(): { name: string; address: Address; abi: Abi }[] {
  return [
    { name: "IntegraRecordV1", ...registry },
    { name: "OwnershipTokenizerV1", ...ownershipTokenizer },
    { name: "MultiPartyTokenizerV1", ...multiPartyTokenizer },
    { name: "IntegraSignalV1", ...signal },
    { name: "IntegraForwarderV1", ...forwarder },
    { name: "IntegraEscrowV1", ...escrow },
    { name: "EAS", ...eas },
  ];
}

/**
 * Decodes a call built by integraCalls back into its function and named arguments (a dry run prints it, nothing is
 * signed). A registry multicall lists its inner calls; a capability attestation shows what it grants.
 */
export function decodeContractCall(call: ContractCall): DecodedCall {
  const contract = knownContracts().find((c) => isAddressEqual(c.address, call.to));
  const decoded = contract ? decodeWith(contract.abi, call.data) : undefined;
  if (!contract || !decoded) {
    return {
      to: call.to,
      contract: contract?.name ?? "unknown",
      functionName: slice(call.data, 0, 4),
      args: [{ name: "data", value: call.data }],
      sponsored: call.sponsored,
    };
  }
  const result: DecodedCall = { to: call.to, contract: contract.name, ...decoded, sponsored: call.sponsored };
  if (contract.name === "IntegraRecordV1" && decoded.functionName === "multicall") {
    const inner = decoded.args[0]?.value;
    if (Array.isArray(inner)) result.calls = inner.map((data: Hex) => decodeContractCall({ to: call.to, data, sponsored: call.sponsored }));
  }
  if (contract.name === "EAS") {
    const grants = capabilityGrantsOf(decoded.functionName, decoded.args);
    if (grants) result.grants = grants;
  }
  return result;
}

function decodeWith(abi: Abi, data: Hex): Pick<DecodedCall, "functionName" | "args"> | undefined {
  let decoded: { functionName: string; args?: readonly unknown[] };
  try {
    decoded = decodeFunctionData({ abi, data });
  } catch {
    return undefined;
  }
  const values = decoded.args ?? [];
  const item = abi.find(
    (entry) => entry.type === "function" && entry.name === decoded.functionName && entry.inputs.length === values.length,
  );
  const inputs = item?.type === "function" ? item.inputs : [];
  return { functionName: decoded.functionName, args: values.map((value, i) => ({ name: inputs[i]?.name || `arg${i}`, value })) };
}

/** An EAS request's data as viem decodes it. */
interface RequestData {
  recipient: Address;
  expirationTime: bigint;
  data: Hex;
}

/** The grants of attest({schema, data}) or multiAttest([{schema, data[]}]) under the capability schema; else undefined. */
function capabilityGrantsOf(functionName: string, args: DecodedCall["args"]): DecodedGrant[] | undefined {
  const requests: { schema: Hex; data: RequestData[] }[] =
    functionName === "attest"
      ? [args[0]?.value as { schema: Hex; data: RequestData }].map((r) => ({ schema: r.schema, data: [r.data] }))
      : functionName === "multiAttest"
        ? (args[0]?.value as { schema: Hex; data: readonly RequestData[] }[]).map((r) => ({ schema: r.schema, data: [...r.data] }))
        : [];
  const ours = requests.filter((r) => r.schema.toLowerCase() === capabilitySchemaUid.toLowerCase());
  if (ours.length === 0) return undefined;
  return ours.flatMap((r) =>
    r.data.map((d) => {
      const [integraHash, tokenId, capabilities, processHash] = decodeAbiParameters(CAPABILITY_DATA_PARAMETERS, d.data);
      return { recipient: d.recipient, integraHash, tokenId, capabilities, processHash, expirationTime: d.expirationTime };
    }),
  );
}
