// Imports the generated module (typed ABIs): load it only after the deploy step has (re)written that module.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Address, type Hex, parseEventLogs, sha256, zeroAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { integraCalls } from "@/lib/writes/index.ts";
import { CAPABILITY, claimAttestationRequest } from "@/lib/capabilities.ts";
import { encryptPaymentNote } from "@/lib/crypto/paymentNote.ts";
import { encryptRecordDetails } from "@/lib/crypto/recordDetails.ts";
import {
  easAbi,
  integraEscrowV1Abi,
  integraRecordV1Abi,
  integraSignalV1Abi,
  multiPartyTokenizerV1Abi,
  ownershipTokenizerV1Abi,
  testStablecoinAbi,
} from "@/lib/generated/integra.ts";
import { signPermit } from "@/lib/escrow/permit.ts";
import { accountSigner } from "@/lib/transactions/accountSigner.ts";
import { processHashOf, workflowIdOf } from "@/lib/workflow.ts";
import { ROOT } from "./artifacts.ts";
import { fundOnAnvil } from "./anvil.ts";
import { ANVIL_KEYS } from "./chains.ts";
import { type Clients, clientsFor } from "./clients.ts";
import type { Deployment } from "./deploy.ts";
import { sendAndWait, writeAndWait } from "./write.ts";

/** Who is who in the demo, by anvil dev account. */
export const DEMO_KEYS = {
  clerk: ANVIL_KEYS[1],
  titleCompany: ANVIL_KEYS[2],
  buyer: ANVIL_KEYS[3],
  seller: ANVIL_KEYS[4],
  lender: ANVIL_KEYS[5],
} as const;

/**
 * The escrow agent of the demo closing, a member of the workflow: anvil's test mnemonic at index 11 (address
 * 0x71bE63f3384f5fb98995898A86B02Fb2426c5788), past the accounts the tests use; the seed gives it ether.
 */
export const DEMO_ESCROW_AGENT_KEY = "0x701b615bbdfb9de65240bc28bd21bbc0d996645a3dd57e7b12bc2bdf6f192c82" as const;

/** The home inspector of the demo closing, whose attestation releases the demo escrow (anvil's test mnemonic, index 12). */
export const DEMO_INSPECTOR_KEY = "0xa267530f49f8280200edf313ee7af6b827f2a8bce2897751d06a843f644967b1" as const;

/** The demo escrow's deposit: the earnest money, 25,000 test dollars (6 decimals). */
export const DEMO_ESCROW_AMOUNT = 25_000_000_000n;

/** The demo closing's workflow: the title company's own, so nobody else can register into it. */
export const DEMO_WORKFLOW = "closing/12-harbour-lane";
export const DEMO_PASSPHRASE = "harbour-demo";

function demoFileHash(name: string): Hex {
  return sha256(readFileSync(path.join(ROOT, "public", "demo", name)));
}

export interface DemoRecords {
  /** The title company's closing workflow (its processHash). */
  workflow: Hex;
  deed: Hex;
  agreement: Hex;
  escrowInstructions: Hex;
  paymentId: bigint;
  /** The earnest money held on the purchase agreement, waiting on the inspection. */
  escrowId: bigint;
  /** The same workflow's record on chain B, when the stack runs a second chain. */
  secondChain?: SecondChainDemo;
}

/** What the seed leaves on chain B: the closing's next record, in the same workflow as on chain A. */
export interface SecondChainDemo {
  chainId: number;
  /** The lender's commitment letter: a multi-party record whose one token is reserved for the lender. */
  commitment: Hex;
}

/**
 * Seeds the demo: the title company opens its closing workflow and admits the clerk and the escrow agent; the
 * clerk registers a deed on the ownership tokenizer with its token reserved (and attested) for the buyer, and a
 * three-party purchase agreement with two of three role tokens claimed, both with the title company as executor
 * (offered, then accepted); the escrow agent registers its instructions; a pending earnest-money request.
 */
export async function seedDemo(rpcUrl: string, deployment: Deployment): Promise<DemoRecords> {
  const [clerk, buyer, seller, lender] = await Promise.all(
    [DEMO_KEYS.clerk, DEMO_KEYS.buyer, DEMO_KEYS.seller, DEMO_KEYS.lender].map((k) => clientsFor(rpcUrl, k)),
  );
  const titleCompanyClients = await clientsFor(rpcUrl, DEMO_KEYS.titleCompany);
  const titleCompany = titleCompanyClients.walletClient.account.address;
  const escrowAgent = await clientsFor(rpcUrl, DEMO_ESCROW_AGENT_KEY);
  await fundOnAnvil(rpcUrl, escrowAgent.walletClient.account.address, "10");
  const a = deployment.addresses;
  const registry = { address: a.IntegraRecordV1, abi: integraRecordV1Abi } as const;
  const processHash = processHashOf(titleCompany, DEMO_WORKFLOW);

  // The title company's closing workflow: only it and the offices it admits register into it.
  await writeAndWait(titleCompanyClients, { ...registry, functionName: "openWorkflow", args: [workflowIdOf(DEMO_WORKFLOW)] });
  for (const member of [clerk.walletClient.account.address, escrowAgent.walletClient.account.address]) {
    await writeAndWait(titleCompanyClients, { ...registry, functionName: "admitMember", args: [processHash, member] });
  }

  /** Registers a demo document; with `parties`, reserves their tokens 1..n and seals the set in the same transaction. */
  async function register(
    file: string,
    tokenizer: Address,
    details: { title: string; reference: string },
    parties?: { recipient: Address; role: string }[],
  ): Promise<Hex> {
    const encryptedRef = await encryptRecordDetails(details, DEMO_PASSPHRASE);
    const common = [demoFileHash(file), encryptedRef, tokenizer, titleCompany, processHash, []] as const;
    const { logs } = parties
      ? await writeAndWait(clerk, {
          ...registry,
          functionName: "registerWithParties",
          args: [...common, parties.map((p) => ({ ...p, amount: 1n }))],
        })
      : await writeAndWait(clerk, { ...registry, functionName: "register", args: common });
    const [event] = parseEventLogs({ abi: integraRecordV1Abi, logs, eventName: "RecordRegistered" });
    // Naming the title company as executor only offers it the role: it accepts, and its authority starts then.
    await writeAndWait(titleCompanyClients, { ...registry, functionName: "acceptExecutorRole", args: [event.args.integraHash] });
    return event.args.integraHash;
  }

  async function attestClaim(integraHash: Hex, tokenId: bigint, recipient: Address): Promise<Hex> {
    const { logs } = await sendAndWait(
      clerk,
      integraCalls.issueCapability({ integraHash, tokenId, capabilities: CAPABILITY.CLAIM, recipient, processHash }),
    );
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

  const escrowDetails = await encryptRecordDetails(
    { title: "Escrow instructions, 12 Harbour Lane", reference: "vault://quayside-escrow/12-harbour-lane/instructions.pdf" },
    DEMO_PASSPHRASE,
  );
  const { logs: escrowLogs } = await writeAndWait(escrowAgent, {
    ...registry,
    functionName: "register",
    args: [demoFileHash("escrow-instructions-12-harbour-lane.txt"), escrowDetails, zeroAddress, zeroAddress, processHash, []],
  });
  const [escrowRegistered] = parseEventLogs({ abi: integraRecordV1Abi, logs: escrowLogs, eventName: "RecordRegistered" });

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

  const escrowId = await seedDemoEscrow({
    rpcUrl,
    deployment,
    agreement,
    titleCompanyClients,
    buyer,
    parties: [clerk, buyer, seller, lender],
  });
  return {
    workflow: processHash,
    deed,
    agreement,
    escrowInstructions: escrowRegistered.args.integraHash,
    paymentId: requested.args.paymentId,
    escrowId,
  };
}

/**
 * The demo parties get test dollars, and the earnest money goes into escrow on the purchase agreement: the title
 * company (the record's executor) opens it, buyer (token 1) pays seller (token 2), released once the inspector
 * attests the inspection, refundable after 30 days, the local arbitrator ruling any dispute (a split is 50/50). The
 * buyer deposits with a permit: one signature, no approve transaction.
 */
async function seedDemoEscrow(p: {
  rpcUrl: string;
  deployment: Deployment;
  agreement: Hex;
  titleCompanyClients: Clients;
  buyer: Clients;
  parties: Clients[];
}): Promise<bigint> {
  const local = p.deployment.local;
  if (!local) throw new Error("The demo escrow needs the local chain's stablecoin and arbitrator.");
  const deployer = await clientsFor(p.rpcUrl, ANVIL_KEYS[0]);
  const stablecoin = { address: local.TestStablecoin, abi: testStablecoinAbi } as const;
  for (const party of p.parties) {
    await writeAndWait(deployer, { ...stablecoin, functionName: "mint", args: [party.walletClient.account.address, 100_000_000_000n] });
  }
  const inspector = privateKeyToAccount(DEMO_INSPECTOR_KEY).address;
  const block = await deployer.publicClient.getBlock();
  const escrow = { address: p.deployment.addresses.IntegraEscrowV1, abi: integraEscrowV1Abi } as const;
  const { logs } = await writeAndWait(p.titleCompanyClients, {
    ...escrow,
    functionName: "open",
    args: [
      {
        integraHash: p.agreement,
        asset: local.TestStablecoin,
        amount: DEMO_ESCROW_AMOUNT,
        payerTokenId: 1,
        payeeTokenId: 2,
        refundAfter: Number(block.timestamp + 30n * 24n * 3600n),
        arbitrator: local.SingleSignerArbitratorV1,
        splitPayeeBps: 5_000,
        agreementComplete: false,
        approverTokenIds: [],
        approvalsRequired: 0,
        attester: inspector,
        attestationSchema: p.deployment.conditionSchemaUid,
        paymentId: 0n,
      },
    ],
  });
  const [opened] = parseEventLogs({ abi: integraEscrowV1Abi, logs, eventName: "EscrowOpened" });
  const permit = await signPermit(p.buyer.publicClient, accountSigner(p.buyer.publicClient, p.buyer.walletClient.account), {
    token: local.TestStablecoin,
    spender: escrow.address,
    value: DEMO_ESCROW_AMOUNT,
    deadline: block.timestamp + 3600n,
  });
  await writeAndWait(p.buyer, {
    ...escrow,
    functionName: "depositWithPermit",
    args: [opened.args.escrowId, permit.deadline, permit.v, permit.r, permit.s],
  });
  return opened.args.escrowId;
}

/**
 * Seeds chain B: the title company opens its closing workflow there too (same owner and name, so the same
 * processHash as on chain A) and registers the lender's commitment letter into it, its one party token reserved for
 * the lender and attested for it to claim, as the purchase agreement's tokens are on chain A. Run after the chain A
 * seed, so that these events come after that chain's.
 */
export async function seedSecondChain(rpcUrl: string, deployment: Deployment): Promise<SecondChainDemo> {
  const titleCompanyClients = await clientsFor(rpcUrl, DEMO_KEYS.titleCompany);
  const titleCompany = titleCompanyClients.walletClient.account.address;
  const lender = privateKeyToAccount(DEMO_KEYS.lender).address;
  const a = deployment.addresses;
  const registry = { address: a.IntegraRecordV1, abi: integraRecordV1Abi } as const;

  const { logs: openLogs } = await writeAndWait(titleCompanyClients, {
    ...registry,
    functionName: "openWorkflow",
    args: [workflowIdOf(DEMO_WORKFLOW)],
  });
  const [opened] = parseEventLogs({ abi: integraRecordV1Abi, logs: openLogs, eventName: "WorkflowOpened" });
  const processHash = processHashOf(titleCompany, DEMO_WORKFLOW);
  // The demo's point: one workflow across chains. A registry that hashed it otherwise would split it in two.
  if (opened.args.processHash !== processHash) {
    throw new Error(`chain ${deployment.chainId} opened ${DEMO_WORKFLOW} as ${opened.args.processHash}, not ${processHash}`);
  }

  const encryptedRef = await encryptRecordDetails(
    { title: "Mortgage commitment letter, 12 Harbour Lane", reference: "vault://bayside-mortgage/12-harbour-lane/commitment-letter.pdf" },
    DEMO_PASSPHRASE,
  );
  const { logs } = await writeAndWait(titleCompanyClients, {
    ...registry,
    functionName: "registerWithParties",
    args: [
      demoFileHash("commitment-letter-12-harbour-lane.txt"),
      encryptedRef,
      a.MultiPartyTokenizerV1,
      zeroAddress,
      processHash,
      [],
      [{ recipient: lender, role: "Lender", amount: 1n }],
    ],
  });
  const [registered] = parseEventLogs({ abi: integraRecordV1Abi, logs, eventName: "RecordRegistered" });
  const commitment = registered.args.integraHash;
  // On this chain's EAS under this chain's schema UID: integraCalls.issueCapability writes to the default chain's.
  await writeAndWait(titleCompanyClients, {
    address: a.EAS,
    abi: easAbi,
    functionName: "attest",
    args: [
      claimAttestationRequest({
        schema: deployment.capabilitySchemaUid,
        integraHash: commitment,
        tokenId: 1n,
        recipient: lender,
        processHash,
      }),
    ],
  });
  return { chainId: deployment.chainId, commitment };
}
