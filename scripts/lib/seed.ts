import { readFileSync } from "node:fs";
import path from "node:path";
import { type Abi, type Address, type Hex, type Log, parseEventLogs, sha256 } from "viem";
import { CAPABILITY, capabilityAttestationRequest } from "../../lib/capabilities.ts";
import { encryptReference } from "../../lib/crypto/referenceCipher.ts";
import { processHashOf } from "../../lib/workflow.ts";
import { ROOT, easArtifact, forgeArtifact } from "./artifacts.ts";
import { ANVIL_KEYS } from "./chains.ts";
import { clientsFor } from "./clients.ts";
import type { Clients, Deployment } from "./deploy.ts";
import { writeAndWait } from "./write.ts";

/** Who is who in the demo, by anvil dev account. */
export const DEMO_KEYS = {
  clerk: ANVIL_KEYS[1],
  titleCompany: ANVIL_KEYS[2],
  buyer: ANVIL_KEYS[3],
  seller: ANVIL_KEYS[4],
  lender: ANVIL_KEYS[5],
} as const;

export const DEMO_WORKFLOW = "closing/12-harbour-lane";
export const DEMO_PASSPHRASE = "harbour-demo";

async function write(clients: Clients, address: Address, abi: Abi, functionName: string, args: readonly unknown[]): Promise<Log[]> {
  return (await writeAndWait(clients, { address, abi, functionName, args })).logs;
}

function demoFileHash(name: string): Hex {
  return sha256(readFileSync(path.join(ROOT, "public", "demo", name)));
}

export interface DemoRecords {
  deed: Hex;
  agreement: Hex;
  paymentId: bigint;
}

/**
 * Seeds the demo: a deed on the ownership tokenizer with its token reserved (and attested) for the buyer;
 * a three-party purchase agreement with two of three role tokens claimed; a pending earnest-money request.
 */
export async function seedDemo(rpcUrl: string, deployment: Deployment): Promise<DemoRecords> {
  const [clerk, buyer, seller, lender] = await Promise.all(
    [DEMO_KEYS.clerk, DEMO_KEYS.buyer, DEMO_KEYS.seller, DEMO_KEYS.lender].map((k) => clientsFor(rpcUrl, k)),
  );
  const titleCompany = (await clientsFor(rpcUrl, DEMO_KEYS.titleCompany)).walletClient.account.address;
  const a = deployment.addresses;
  const registryAbi = forgeArtifact("IntegraRecordV1").abi;
  const tokenizerAbi = forgeArtifact("MultiPartyTokenizerV1").abi;
  const easAbi = easArtifact("EAS").abi;
  const processHash = processHashOf(DEMO_WORKFLOW);

  /** Registers a demo document; with `parties`, reserves their tokens 1..n and seals the set in the same transaction. */
  async function register(file: string, tokenizer: Address, reference: string, parties?: Address[]): Promise<Hex> {
    const encryptedRef = await encryptReference(reference, DEMO_PASSPHRASE);
    const common = [demoFileHash(file), encryptedRef, tokenizer, titleCompany, processHash, []] as const;
    const logs = parties
      ? await write(clerk, a.IntegraRecordV1, registryAbi, "registerWithParties", [...common, parties, parties.map(() => 1n)])
      : await write(clerk, a.IntegraRecordV1, registryAbi, "register", common);
    const [event] = parseEventLogs({ abi: registryAbi, logs, eventName: "RecordRegistered" });
    return (event.args as { integraHash: Hex }).integraHash;
  }

  async function attestClaim(integraHash: Hex, tokenId: bigint, recipient: Address): Promise<Hex> {
    const logs = await write(clerk, a.EAS, easAbi, "attest", [
      capabilityAttestationRequest({
        schema: deployment.capabilitySchemaUid,
        integraHash,
        tokenId,
        capabilities: CAPABILITY.CLAIM,
        processHash,
        recipient,
      }),
    ]);
    const [event] = parseEventLogs({ abi: easAbi, logs, eventName: "Attested" });
    return (event.args as { uid: Hex }).uid;
  }

  const buyerAddress = buyer.walletClient.account.address;
  const sellerAddress = seller.walletClient.account.address;
  const lenderAddress = lender.walletClient.account.address;

  const deed = await register("deed-12-harbour-lane.txt", a.OwnershipTokenizerV1, "county-records://harbour/12-harbour-lane/deed");
  await write(clerk, a.OwnershipTokenizerV1, tokenizerAbi, "reserveToken", [deed, 1n, buyerAddress, 1n, processHash]);
  await attestClaim(deed, 1n, buyerAddress);

  const parties = [
    { tokenId: 1n, party: buyer, address: buyerAddress },
    { tokenId: 2n, party: seller, address: sellerAddress },
    { tokenId: 3n, party: lender, address: lenderAddress },
  ];
  const agreement = await register(
    "purchase-agreement-12-harbour-lane.txt",
    a.MultiPartyTokenizerV1,
    "vault://harbour-title/closings/12-harbour-lane/purchase-agreement.pdf",
    parties.map((p) => p.address),
  );
  const uids = [];
  for (const { tokenId, address } of parties) uids.push(await attestClaim(agreement, tokenId, address));
  for (const [i, { tokenId, party }] of parties.slice(0, 2).entries()) {
    await write(party, a.MultiPartyTokenizerV1, tokenizerAbi, "claimToken", [agreement, tokenId, uids[i], processHash]);
  }

  const encryptedAmount = await encryptReference(
    JSON.stringify({ amount: "25000", currency: "USD", memo: "Earnest money deposit" }),
    DEMO_PASSPHRASE,
  );
  const block = await clerk.publicClient.getBlock();
  const deadline = block.timestamp + 14n * 24n * 3600n;
  const signalAbi = forgeArtifact("IntegraSignalV1").abi;
  const logs = await write(seller, a.IntegraSignalV1, signalAbi, "requestPayment", [
    agreement,
    2n,
    buyerAddress,
    1n,
    encryptedAmount,
    deadline,
  ]);
  const [requested] = parseEventLogs({ abi: signalAbi, logs, eventName: "PaymentRequested" });
  return { deed, agreement, paymentId: (requested.args as { paymentId: bigint }).paymentId };
}
