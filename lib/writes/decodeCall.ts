import { type Abi, type Address, type Hex, decodeAbiParameters, decodeFunctionData, isAddressEqual, slice } from "viem";
import { CAPABILITY_DATA_PARAMETERS } from "@/lib/capabilities";
import { deploymentChainId } from "@/lib/deployment";
import type { DeployedContractName } from "@/lib/generated/deployments";
import {
  easAbi,
  integraEscrowV1Abi,
  integraForwarderV1Abi,
  integraRecordV1Abi,
  integraSignalV1Abi,
  multiPartyTokenizerV1Abi,
  ownershipTokenizerV1Abi,
} from "@/lib/generated/integra";
import { type ChainAddresses, chainAddressesOn } from "./chainAddresses";
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

/** The contracts a call of ours goes to, by the deployment's name. */
const DECODABLE = [
  ["IntegraRecordV1", integraRecordV1Abi],
  ["OwnershipTokenizerV1", ownershipTokenizerV1Abi],
  ["MultiPartyTokenizerV1", multiPartyTokenizerV1Abi],
  ["IntegraSignalV1", integraSignalV1Abi],
  ["IntegraForwarderV1", integraForwarderV1Abi],
  ["IntegraEscrowV1", integraEscrowV1Abi],
  ["EAS", easAbi],
] as const satisfies readonly (readonly [DeployedContractName, Abi])[];

/** The chain's contracts by address, read when called: the deployment in use may be chosen at run time. */
function knownContracts(chain: ChainAddresses): { name: string; address: Address; abi: Abi }[] {
  return DECODABLE.map(([name, abi]) => ({ name, abi, address: chain.address(name) }));
}

/** A call to decode: one built by integraCalls, or any call on the default chain (no `chainId`). */
export type CallToDecode = Omit<ContractCall, "chainId"> & { chainId?: number };

/**
 * Decodes a call built by integraCalls back into its function and named arguments (a dry run prints it, nothing is
 * signed), against the deployment of the call's chain. A registry multicall lists its inner calls; a capability
 * attestation shows what it grants.
 */
export function decodeContractCall(call: CallToDecode): DecodedCall {
  const chain = chainAddressesOn(call.chainId ?? deploymentChainId)();
  const contract = knownContracts(chain).find((c) => isAddressEqual(c.address, call.to));
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
    if (Array.isArray(inner))
      result.calls = inner.map((data: Hex) => decodeContractCall({ chainId: chain.chainId, to: call.to, data, sponsored: call.sponsored }));
  }
  if (contract.name === "EAS") {
    const grants = capabilityGrantsOf(decoded.functionName, decoded.args, chain.capabilitySchemaUid);
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
function capabilityGrantsOf(functionName: string, args: DecodedCall["args"], capabilitySchemaUid: Hex): DecodedGrant[] | undefined {
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
