// Imports the generated module (typed ABIs): load it only after the deploy step has (re)written that module.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Address, type Hex, parseEventLogs, sha256 } from "viem";
import { claimAttestationRequest } from "../../lib/capabilities.ts";
import { encryptPaymentNote } from "../../lib/crypto/paymentNote.ts";
import { encryptRecordDetails } from "../../lib/crypto/recordDetails.ts";
import {
  easAbi,
  integraRecordV1Abi,
  integraSignalV1Abi,
  multiPartyTokenizerV1Abi,
  ownershipTokenizerV1Abi,
} from "../../lib/generated/integra.ts";
import { processHashOf } from "../../lib/workflow.ts";
import { ROOT } from "./artifacts.ts";
import { ANVIL_KEYS } from "./chains.ts";
import { clientsFor } from "./clients.ts";
import type { Deployment } from "./deploy.ts";
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
  const processHash = processHashOf(DEMO_WORKFLOW);

  /** Registers a demo document; with `parties`, reserves their tokens 1..n and seals the set in the same transaction. */
  async function register(
    file: string,
    tokenizer: Address,
    details: { title: string; reference: string },
    parties?: { recipient: Address; role: string }[],
  ): Promise<Hex> {
    const encryptedRef = await encryptRecordDetails(details, DEMO_PASSPHRASE);
    const common = [demoFileHash(file), encryptedRef, tokenizer, titleCompany, processHash, []] as const;
    const registry = { address: a.IntegraRecordV1, abi: integraRecordV1Abi } as const;
    const { logs } = parties
      ? await writeAndWait(clerk, {
          ...registry,
          functionName: "registerWithParties",
          args: [...common, parties.map((p) => ({ ...p, amount: 1n }))],
        })
      : await writeAndWait(clerk, { ...registry, functionName: "register", args: common });
    const [event] = parseEventLogs({ abi: integraRecordV1Abi, logs, eventName: "RecordRegistered" });
    return event.args.integraHash;
  }

  async function attestClaim(integraHash: Hex, tokenId: bigint, recipient: Address): Promise<Hex> {
    const { logs } = await writeAndWait(clerk, {
      address: a.EAS,
      abi: easAbi,
      functionName: "attest",
      args: [
        claimAttestationRequest({
          schema: deployment.capabilitySchemaUid,
          integraHash,
          tokenId,
          processHash,
          recipient,
        }),
      ],
    });
    const [event] = parseEventLogs({ abi: easAbi, logs, eventName: "Attested" });
    return event.args.uid;
  }

  const buyerAddress = buyer.walletClient.account.address;
  const sellerAddress = seller.walletClient.account.address;
  const lenderAddress = lender.walletClient.account.address;

  const deed = await register("deed-12-harbour-lane.txt", a.OwnershipTokenizerV1, {
    title: "Deed, 12 Harbour Lane",
    reference: "county-records://harbour/12-harbour-lane/deed",
  });
  await writeAndWait(clerk, {
    address: a.OwnershipTokenizerV1,
    abi: ownershipTokenizerV1Abi,
    functionName: "reserveToken",
    args: [deed, 1n, buyerAddress, 1n, processHash, "Buyer"],
  });
  await attestClaim(deed, 1n, buyerAddress);

  const parties = [
    { tokenId: 1n, party: buyer, address: buyerAddress, role: "Buyer" },
    { tokenId: 2n, party: seller, address: sellerAddress, role: "Seller" },
    { tokenId: 3n, party: lender, address: lenderAddress, role: "Lender" },
  ];
  const agreement = await register(
    "purchase-agreement-12-harbour-lane.txt",
    a.MultiPartyTokenizerV1,
    { title: "Purchase agreement, 12 Harbour Lane", reference: "vault://harbour-title/closings/12-harbour-lane/purchase-agreement.pdf" },
    parties.map((p) => ({ recipient: p.address, role: p.role })),
  );
  const uids: Hex[] = [];
  for (const { tokenId, address } of parties) uids.push(await attestClaim(agreement, tokenId, address));
  for (const [i, { tokenId, party }] of parties.slice(0, 2).entries()) {
    await writeAndWait(party, {
      address: a.MultiPartyTokenizerV1,
      abi: multiPartyTokenizerV1Abi,
      functionName: "claimToken",
      args: [agreement, tokenId, uids[i], processHash],
    });
  }

  const encryptedAmount = await encryptPaymentNote({ amount: "25000 USD", memo: "Earnest money deposit" }, DEMO_PASSPHRASE);
  const block = await clerk.publicClient.getBlock();
  const deadline = block.timestamp + 14n * 24n * 3600n;
  const { logs } = await writeAndWait(seller, {
    address: a.IntegraSignalV1,
    abi: integraSignalV1Abi,
    functionName: "requestPayment",
    args: [agreement, 2n, buyerAddress, 1n, encryptedAmount, deadline],
  });
  const [requested] = parseEventLogs({ abi: integraSignalV1Abi, logs, eventName: "PaymentRequested" });
  return { deed, agreement, paymentId: requested.args.paymentId };
}
