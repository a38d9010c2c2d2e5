import { type Address, type Hex, decodeAbiParameters, getAbiItem } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { CAPABILITY_DATA_PARAMETERS } from "@/lib/capabilities";
import { integraOf } from "@/lib/contracts";
import { integraCapabilityResolverV1Abi } from "@/lib/generated/integra";
import { readAccountList } from "./accountLists";
import { logsInWindows } from "@/lib/chain/logsInWindows";

const capabilityGranted = getAbiItem({ abi: integraCapabilityResolverV1Abi, name: "CapabilityGranted" });

export interface Capability {
  uid: Hex;
  integraHash: Hex;
  processHash: Hex;
  tokenId: bigint;
  capabilities: bigint;
  recipient: Address;
  attester: Address;
  expirationTime: bigint;
  revocationTime: bigint;
  /** When EAS recorded it (chain time). */
  time: bigint;
  /** The transaction that issued it, when read from the record's logs (a recipient's list does not keep it). */
  transactionHash?: Hex;
  /** Whether it was issued under the record's current authority (no transfer or executor change since). */
  attesterAuthorized: boolean;
}

/**
 * Capability attestations, each in its current state from EAS and with whether it was issued under the record's
 * current authority epoch (the tokenizer's own test at claim time). A recipient's come from the resolver's
 * `grantsTo` view, one eth_call per 50 attestations on any chain length; a record's from its CapabilityGranted
 * logs from the record's block (behind a capped provider the windows then cover the record's life only): its
 * registeredBlock as `fromBlock` when the caller has read the record, else read here.
 */
export async function readCapabilities(
  client: ReadClient,
  filter: { recipient: Address } | { integraHash: Hex; fromBlock?: bigint },
): Promise<Capability[]> {
  return "recipient" in filter
    ? readGrantsTo(client, filter.recipient)
    : readRecordCapabilities(client, filter.integraHash, filter.fromBlock);
}

async function readGrantsTo(client: ReadClient, recipient: Address): Promise<Capability[]> {
  const { capabilityResolver } = integraOf(client);
  const grants = await readAccountList(
    async (offset, limit) => {
      const [rows, total] = await client.readContract({
        ...capabilityResolver,
        functionName: "grantsTo",
        args: [recipient, offset, limit],
      });
      return { rows, total };
    },
    (grant) => grant.attestation.uid,
  );
  return grants.map(({ attestation, currentAuthority }) => {
    const [integraHash, tokenId, capabilities, processHash] = decodeAbiParameters(CAPABILITY_DATA_PARAMETERS, attestation.data);
    return {
      uid: attestation.uid,
      integraHash,
      processHash,
      tokenId,
      capabilities,
      recipient: attestation.recipient,
      attester: attestation.attester,
      expirationTime: attestation.expirationTime,
      revocationTime: attestation.revocationTime,
      time: attestation.time,
      attesterAuthorized: currentAuthority,
    };
  });
}

async function readRecordCapabilities(client: ReadClient, integraHash: Hex, registeredBlock?: bigint): Promise<Capability[]> {
  const { capabilityResolver, eas, registry } = integraOf(client);
  const from =
    registeredBlock ?? (await client.readContract({ ...registry, functionName: "getRecord", args: [integraHash] })).registeredBlock;
  const logs = await logsInWindows(client, from, ({ fromBlock, toBlock }) =>
    client.getLogs({
      address: capabilityResolver.address,
      event: capabilityGranted,
      strict: true,
      args: { integraHash },
      fromBlock,
      toBlock,
    }),
  );
  return Promise.all(
    logs.map(async (log) => {
      const { args } = log;
      const [attestation, authority] = await Promise.all([
        client.readContract({ ...eas, functionName: "getAttestation", args: [args.attestationUid] }),
        client.readContract({ ...registry, functionName: "authorityOf", args: [args.integraHash] }),
      ]);
      const attesterAuthorized = await client.readContract({
        ...capabilityResolver,
        functionName: "issuedUnderEpoch",
        args: [args.attestationUid, authority[4]],
      });
      return {
        uid: args.attestationUid,
        integraHash: args.integraHash,
        processHash: args.processHash,
        tokenId: args.tokenId,
        capabilities: args.capabilities,
        recipient: args.recipient,
        attester: args.attester,
        expirationTime: attestation.expirationTime,
        revocationTime: attestation.revocationTime,
        time: attestation.time,
        transactionHash: log.transactionHash,
        attesterAuthorized,
      };
    }),
  );
}
