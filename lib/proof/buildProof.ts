import { type Hex, getAddress } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { LOG_BLOCK_RANGE } from "@/lib/config/appChain";
import { chainIdOf } from "@/lib/deployment";
import { readRecord } from "@/lib/reads/records";
import { fetchLogs } from "@/lib/timeline/readTimeline";
import { readAttestation } from "./attestations";
import { proofDeploymentOn } from "./expectedDeployment";
import { PROOF_FORMAT, PROOF_VERSION, type ProofBundle, type ProofLog, type ProofReceipt } from "./proofBundle";
import { decodeProofLog, proofAddresses } from "./proofLogs";
import { recordFromEvents } from "./recordFromEvents";

/** A new event between reading the record and reading the block leaves the two out of step: read again. */
const ATTEMPTS = 3;

/**
 * A portable proof of one record on the chain `client` reads, against that chain's deployment: the record as the registry has it, every Integra event
 * of the record (read by the app's one timeline reader) up to the latest block, their transactions' receipts and
 * the EAS attestations they reference. Fails with the registry's RecordNotFound for an unknown record.
 */
export async function buildProof(client: ReadClient, integraHash: Hex): Promise<ProofBundle> {
  for (let attempt = 1; ; attempt++) {
    const bundle = await readProof(client, integraHash);
    // The record is read at the latest block and the events up to a block read just after: an event in between
    // shows as a record that does not follow from its events.
    if (recordFromEvents(bundle).ok || attempt === ATTEMPTS) return bundle;
  }
}

async function readProof(client: ReadClient, integraHash: Hex): Promise<ProofBundle> {
  const record = await readRecord(client, integraHash);
  const block = await client.getBlock({ blockTag: "latest" });
  const { chainId, contracts, capabilitySchemaUid } = proofDeploymentOn(chainIdOf(client));
  const { logs: rpcLogs } = await fetchLogs(
    client,
    { addresses: proofAddresses(contracts), integraHash, fromBlock: record.registeredBlock },
    record.registeredBlock,
    block.number,
    LOG_BLOCK_RANGE,
  );
  const logs: ProofLog[] = rpcLogs
    .filter((log) => log.removed !== true && log.blockHash && log.transactionHash && log.blockNumber && log.logIndex)
    .map((log) => ({
      address: getAddress(log.address),
      topics: log.topics,
      data: log.data,
      blockNumber: BigInt(log.blockNumber!).toString(),
      blockHash: log.blockHash!,
      transactionHash: log.transactionHash!,
      logIndex: Number(log.logIndex),
    }));

  const transactions = [...new Set(logs.map((log) => log.transactionHash))];
  const receipts: ProofReceipt[] = await Promise.all(
    transactions.map(async (hash) => {
      const receipt = await client.getTransactionReceipt({ hash });
      return {
        transactionHash: receipt.transactionHash,
        status: receipt.status,
        blockHash: receipt.blockHash,
        blockNumber: receipt.blockNumber.toString(),
        transactionIndex: receipt.transactionIndex,
        from: getAddress(receipt.from),
        to: receipt.to && getAddress(receipt.to),
        logs: receipt.logs.map((log) => ({ address: getAddress(log.address), topics: log.topics, data: log.data, logIndex: log.logIndex })),
      };
    }),
  );

  const uids = new Set<Hex>();
  for (const log of logs) {
    const entry = decodeProofLog(log);
    if (entry?.eventName === "CapabilityGranted" || entry?.eventName === "CapabilityRevoked" || entry?.eventName === "TokenClaimed") {
      uids.add(entry.args.attestationUid);
    }
  }
  const attestations = await Promise.all([...uids].map((uid) => readAttestation(client, contracts.eas, uid)));

  return {
    format: PROOF_FORMAT,
    version: PROOF_VERSION,
    createdAt: new Date().toISOString(),
    chainId,
    contracts,
    capabilitySchemaUid,
    integraHash,
    block: { number: block.number.toString(), hash: block.hash },
    record: {
      owner: record.owner,
      executor: record.executor,
      pendingOwner: record.pendingOwner,
      tokenizer: record.tokenizer,
      contentHash: record.contentHash,
      processHash: record.processHash,
      registeredAt: record.registeredAt.toString(),
      registeredBlock: record.registeredBlock.toString(),
      resolvers: [...record.resolvers],
    },
    logs,
    receipts,
    attestations,
  };
}
