import { type Address, type Hex, type PublicClient, getAbiItem } from "viem";
import { capabilityResolver, deployBlock, eas, registry } from "@/lib/contracts";
import { logsInWindows } from "./logsInWindows";

const capabilityGranted = getAbiItem({ abi: capabilityResolver.abi, name: "CapabilityGranted" });

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
  /** When EAS recorded it (chain time), and the transaction that issued it. */
  time: bigint;
  transactionHash: Hex;
  /** Whether it was issued under the record's current authority (no transfer or executor change since). */
  attesterAuthorized: boolean;
}

/**
 * Capability attestations found from the chain: one eth_getLogs on CapabilityGranted (by recipient, or by
 * record), then each attestation's current state from EAS and whether it was issued under the record's
 * current authority epoch (the tokenizer's own test at claim time).
 */
export async function readCapabilities(client: PublicClient, filter: { recipient: Address } | { integraHash: Hex }): Promise<Capability[]> {
  const args = "recipient" in filter ? { recipient: filter.recipient } : { integraHash: filter.integraHash };
  const logs = await logsInWindows(client, deployBlock, ({ fromBlock, toBlock }) =>
    client.getLogs({ address: capabilityResolver.address, event: capabilityGranted, strict: true, args, fromBlock, toBlock }),
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
