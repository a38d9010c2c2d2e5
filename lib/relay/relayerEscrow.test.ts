import { type Address, type Hex, createWalletClient, encodeFunctionData, http, parseEventLogs, zeroAddress, zeroHash } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPermit } from "@/lib/escrow/permit";
import { integraEscrowV1Abi, integraForwarderV1Abi, multiPartyTokenizerV1Abi, testStablecoinAbi } from "@/lib/generated/integra";
import type { WriteSigner } from "@/lib/transactions/writeSigner";
import { ANVIL_KEYS } from "@/scripts/stack/chains.ts";
import { type Clients, clientsFor } from "@/scripts/stack/clients.ts";
import type { RelayOutcome } from "./refusal";
import type { Relayer } from "./relayer";
import {
  type ArrangedRecord,
  type Party,
  type TestChain,
  acceptExecutorRole,
  arrangeRecord,
  claimCall,
  expectRefusedOn,
  inOneBlockBehind,
  makeRelayer,
  newParty,
  post,
  signRequest,
  startTestChain,
  testStoreOptions,
} from "./relayerTestChain";
import type { RelayerPolicy } from "./relayerPolicy";
import { SqliteStore } from "./store/sqliteStore";

// The escrow party calls a sponsor pays for (approveRelease, depositWithPermit, raiseDispute without a fee), against
// a real chain: each lands for a party with no ether on a principal's record, and everything else on the escrow, or
// on a record no principal chose, is refused with nothing sent or spent.

let chain: TestChain;
/** Anvil's account 0, which deployed the test stablecoin and mints it. */
let deployer: Clients;
let stablecoin: Address;
let arbitrator: Address;

beforeAll(async () => {
  chain = await startTestChain();
  deployer = await clientsFor(chain.rpcUrl, ANVIL_KEYS[0]);
  const local = chain.deployment.local;
  if (!local) throw new Error("The test chain has no local stablecoin and arbitrator.");
  stablecoin = local.TestStablecoin;
  arbitrator = local.SingleSignerArbitratorV1;
}, 30_000);

afterAll(async () => {
  await chain?.stop();
});

const AMOUNT = 2_500_000n; // 2.50 tUSD
const ESCROW = { FUNDED: 2, DISPUTED: 3, RELEASED: 4 };

const principals = () => [
  { address: chain.clerk.walletClient.account.address, weight: 1 },
  { address: chain.titleCompany.walletClient.account.address, weight: 1 },
];
const clerkShare = () => principals()[0].address.toLowerCase();

/** A relayer paying for the clerk's and the title company's records, over a store the test can read. */
async function escrowRelayer(policy: Partial<RelayerPolicy> = {}) {
  const full = { sponsoredPrincipals: principals(), perAddressLimit: 100, ...policy };
  const store = new SqliteStore(":memory:", testStoreOptions(chain, full));
  return { relayer: await makeRelayer(chain, { store, policy: full }), store };
}

function refusal(outcome: RelayOutcome): { status: number; check?: string; message?: string } {
  return "error" in outcome.body
    ? { status: outcome.status, check: outcome.body.error.check, message: outcome.body.error.message }
    : { status: outcome.status };
}

async function mined(outcome: RelayOutcome) {
  expect(refusal(outcome)).toEqual({ status: 200 });
  const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash: (outcome.body as { hash: Hex }).hash });
  expect(receipt.status).toBe("success");
  return receipt;
}

const expectRefused = (relayer: Relayer, outcome: Promise<RelayOutcome>, status: number, check: string, words: RegExp) =>
  expectRefusedOn(chain, relayer, outcome, status, check, words);

async function chainTime(): Promise<number> {
  return Number((await chain.clerk.publicClient.getBlock()).timestamp);
}

async function etherOf(address: Address): Promise<bigint> {
  return chain.clerk.publicClient.getBalance({ address });
}

/** Sends a write from `who` and waits for it; throws when it reverts. */
async function write(who: Clients, call: { address: Address; abi: readonly unknown[]; functionName: string; args: readonly unknown[] }) {
  const hash = await who.walletClient.writeContract({
    ...(call as Parameters<typeof who.walletClient.writeContract>[0]),
    chain: who.walletClient.chain,
    account: who.walletClient.account,
  });
  const receipt = await who.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${call.functionName} reverted in ${hash}`);
  return receipt;
}

/** A party with ether of its own (given by anvil), sending its own transactions. */
async function funded(party: Party): Promise<Clients> {
  await chain.test.setBalance({ address: party.address, value: 10n ** 18n });
  const walletClient = createWalletClient({ account: party, chain: chain.clerk.walletClient.chain, transport: http(chain.rpcUrl) });
  return { ...chain.clerk, walletClient } as Clients;
}

interface EscrowParties {
  payer: Party;
  payee: Party;
  approver: Party;
  record: ArrangedRecord;
}

/**
 * A record of `owner` (the clerk by default) with the payer (token 1), the payee (2) and an approver (3), each holding
 * its token: claimed through `relayer` (a principal's record), or by the party itself paying its own gas (a record no
 * sponsor pays for).
 */
async function partiesOf(relayer: Relayer, options: { owner?: Clients; executor?: Address; claimOwnGas?: boolean } = {}) {
  const [payer, payee, approver] = [newParty(), newParty(), newParty()];
  const record = await arrangeRecord(chain, [payer.address, payee.address, approver.address], options);
  for (const [i, party] of [payer, payee, approver].entries()) {
    if (options.claimOwnGas) {
      const own = await funded(party);
      await write(own, {
        address: chain.contracts.multiPartyTokenizer,
        abi: multiPartyTokenizerV1Abi,
        functionName: "claimToken",
        args: [record.integraHash, BigInt(i + 1), record.uids[i], record.processHash],
      });
    } else {
      await mined(await post(relayer, await sign(party, claimCall(chain, record, i + 1))));
    }
  }
  return { payer, payee, approver, record } satisfies EscrowParties;
}

/**
 * `opener` (the record's owner or executor) opens an escrow of AMOUNT tUSD from token 1 to token 2, released on
 * `approvers` (token 3 by default, one needed), with the local arbitrator, refundable `refundIn` seconds from now; the
 * payer is minted the amount. Returns the escrow's id.
 */
async function openEscrow(
  opener: Clients,
  parties: EscrowParties,
  options: { approvers?: number[]; refundIn?: number; arbitrator?: Address } = {},
): Promise<bigint> {
  await write(deployer, { address: stablecoin, abi: testStablecoinAbi, functionName: "mint", args: [parties.payer.address, AMOUNT] });
  const approvers = options.approvers ?? [3];
  const receipt = await write(opener, {
    address: chain.contracts.escrow,
    abi: integraEscrowV1Abi,
    functionName: "open",
    args: [
      {
        integraHash: parties.record.integraHash,
        asset: stablecoin,
        amount: AMOUNT,
        payerTokenId: 1,
        payeeTokenId: 2,
        refundAfter: (await chainTime()) + (options.refundIn ?? 86_400),
        arbitrator: options.arbitrator ?? arbitrator,
        splitPayeeBps: 5_000,
        agreementComplete: false,
        approverTokenIds: approvers,
        approvalsRequired: 1,
        attester: zeroAddress,
        attestationSchema: zeroHash,
        paymentId: 0n,
      },
    ],
  });
  return parseEventLogs({ abi: integraEscrowV1Abi, logs: receipt.logs, eventName: "EscrowOpened" })[0].args.escrowId;
}

/**
 * `party`'s request for `call`, at its forwarder nonce also when the call would revert (signRequest then signs it
 * anyway, as an attacker would, but at nonce 0).
 */
async function sign(party: Party, call: { to: Address; data: Hex }, override: { value?: bigint } = {}) {
  const nonce = await chain.clerk.publicClient.readContract({
    address: chain.contracts.forwarder,
    abi: integraForwarderV1Abi,
    functionName: "nonces",
    args: [party.address],
  });
  return signRequest(chain, party, call, { nonce, ...override });
}

const escrowCall = (data: Hex) => ({ to: chain.contracts.escrow, data });
const approve = (escrowId: bigint, tokenId: bigint) =>
  escrowCall(encodeFunctionData({ abi: integraEscrowV1Abi, functionName: "approveRelease", args: [escrowId, tokenId] }));
const dispute = (escrowId: bigint) =>
  escrowCall(encodeFunctionData({ abi: integraEscrowV1Abi, functionName: "raiseDispute", args: [escrowId] }));

/** The payer's deposit with a permit for the escrow to take AMOUNT, signed by the payer's key alone. */
async function depositWithPermit(payer: Party, escrowId: bigint) {
  const signer = {
    address: payer.address,
    signPermit: (typedData) => payer.signTypedData(typedData),
  } as Pick<WriteSigner, "address" | "signPermit"> as WriteSigner;
  const permit = await signPermit(chain.clerk.publicClient, signer, {
    token: stablecoin,
    spender: chain.contracts.escrow,
    value: AMOUNT,
    deadline: BigInt((await chainTime()) + 3_600),
  });
  return escrowCall(
    encodeFunctionData({
      abi: integraEscrowV1Abi,
      functionName: "depositWithPermit",
      args: [escrowId, permit.deadline, permit.v, permit.r, permit.s],
    }),
  );
}

function readEscrow(escrowId: bigint) {
  return chain.clerk.publicClient.readContract({
    address: chain.contracts.escrow,
    abi: integraEscrowV1Abi,
    functionName: "getEscrow",
    args: [escrowId],
  });
}

function tokenBalance(account: Address) {
  return chain.clerk.publicClient.readContract({ address: stablecoin, abi: testStablecoinAbi, functionName: "balanceOf", args: [account] });
}

describe("escrow calls a sponsor pays for", () => {
  it("an approver with no ether approves through the relayer, paid from its record's principal's share and its own bucket", async () => {
    const { relayer, store } = await escrowRelayer();
    const parties = await partiesOf(relayer);
    const escrowId = await openEscrow(chain.clerk, parties);
    const { approver } = parties;
    expect(await etherOf(approver.address)).toBe(0n);
    // Anyone but the token's holder is refused in the contract's words.
    const impostor = newParty();
    await expectRefused(
      relayer,
      post(relayer, await sign(impostor, approve(escrowId, 3n))),
      422,
      "simulation",
      /Would fail if submitted now: 0x[0-9a-fA-F]+…[0-9a-fA-F]{4} does not hold token 3: only its holder approves/,
    );

    const receipt = await mined(await post(relayer, await sign(approver, approve(escrowId, 3n))));
    const [approved] = parseEventLogs({ abi: integraEscrowV1Abi, logs: receipt.logs, eventName: "ReleaseApproved" });
    expect(approved.args).toMatchObject({ escrowId, approver: approver.address, tokenId: 3n, approvals: 1n });
    expect(await etherOf(approver.address)).toBe(0n);
    // The principal's share, its part not kept for claims, and the approver's own bucket each carry the cost.
    expect(await relayer.spentWei(clerkShare())).toBeGreaterThan(0n);
    expect(await store.spentGwei(`spend:${clerkShare()}:signals`)).toBeGreaterThan(0);
    expect(await store.spentGwei(`signer:${approver.address.toLowerCase()}`)).toBeGreaterThan(0);

    // A second approval would revert: refused in the contract's words.
    await expectRefused(
      relayer,
      post(relayer, await sign(approver, approve(escrowId, 3n))),
      422,
      "simulation",
      /Would fail if submitted now: Token 3 has already approved this release/,
    );
    await relayer.close();
  });

  it("a payer with the tokens and no ether deposits with a permit, and the escrow is funded", async () => {
    const { relayer } = await escrowRelayer();
    const parties = await partiesOf(relayer);
    const escrowId = await openEscrow(chain.clerk, parties);
    const { payer } = parties;
    expect(await etherOf(payer.address)).toBe(0n);
    expect(await tokenBalance(payer.address)).toBe(AMOUNT);

    const receipt = await mined(await post(relayer, await sign(payer, await depositWithPermit(payer, escrowId))));
    const [funded] = parseEventLogs({ abi: integraEscrowV1Abi, logs: receipt.logs, eventName: "EscrowFunded" });
    expect(funded.args).toMatchObject({ escrowId, payer: payer.address, amount: AMOUNT });
    expect((await readEscrow(escrowId)).status).toBe(ESCROW.FUNDED);
    expect(await tokenBalance(payer.address)).toBe(0n);
    expect(await tokenBalance(chain.contracts.escrow)).toBeGreaterThanOrEqual(AMOUNT);
    expect(await etherOf(payer.address)).toBe(0n);

    // Funded once: a second deposit would revert.
    await expectRefused(
      relayer,
      post(relayer, await sign(payer, await depositWithPermit(payer, escrowId))),
      422,
      "simulation",
      /Would fail if submitted now: Escrow #\d+ is/,
    );
    await relayer.close();
  });

  it("the payee raises a dispute without a fee; a dispute that carries ether is refused", async () => {
    const { relayer } = await escrowRelayer();
    const parties = await partiesOf(relayer);
    const escrowId = await openEscrow(chain.clerk, parties);
    const { payer, payee } = parties;
    await mined(await post(relayer, await sign(payer, await depositWithPermit(payer, escrowId))));

    await expectRefused(
      relayer,
      post(relayer, await sign(payee, dispute(escrowId), { value: 1n })),
      422,
      "value",
      /would send ether along; sponsored calls never do/,
    );
    await mined(await post(relayer, await sign(payee, dispute(escrowId))));
    expect((await readEscrow(escrowId)).status).toBe(ESCROW.DISPUTED);
    expect(await etherOf(payee.address)).toBe(0n);
    await relayer.close();
  });

  it("a dispute on an escrow with no arbitrator is refused in the contract's words", async () => {
    const { relayer } = await escrowRelayer();
    const parties = await partiesOf(relayer);
    const escrowId = await openEscrow(chain.clerk, parties, { arbitrator: zeroAddress });
    await expectRefused(
      relayer,
      post(relayer, await sign(parties.payee, dispute(escrowId))),
      422,
      "simulation",
      /names no arbitrator: it has no dispute path/,
    );
    await relayer.close();
  });
});

describe("escrow calls a sponsor refuses, sending and spending nothing", () => {
  it("open, a plain deposit, release, refund and withdraw: nobody's gas but their sender's", async () => {
    const { relayer } = await escrowRelayer();
    const parties = await partiesOf(relayer);
    const escrowId = await openEscrow(chain.clerk, parties);
    const clerk = newParty();
    const calls: [string, Hex][] = [
      [
        "open",
        encodeFunctionData({
          abi: integraEscrowV1Abi,
          functionName: "open",
          args: [
            {
              integraHash: parties.record.integraHash,
              asset: stablecoin,
              amount: AMOUNT,
              payerTokenId: 1,
              payeeTokenId: 2,
              refundAfter: (await chainTime()) + 86_400,
              arbitrator: zeroAddress,
              splitPayeeBps: 0,
              agreementComplete: true,
              approverTokenIds: [],
              approvalsRequired: 0,
              attester: zeroAddress,
              attestationSchema: zeroHash,
              paymentId: 0n,
            },
          ],
        }),
      ],
      ["deposit", encodeFunctionData({ abi: integraEscrowV1Abi, functionName: "deposit", args: [escrowId] })],
      ["release", encodeFunctionData({ abi: integraEscrowV1Abi, functionName: "release", args: [escrowId, zeroHash] })],
      ["refund", encodeFunctionData({ abi: integraEscrowV1Abi, functionName: "refund", args: [escrowId] })],
      ["withdraw", encodeFunctionData({ abi: integraEscrowV1Abi, functionName: "withdraw", args: [escrowId] })],
    ];
    for (const [name, data] of calls) {
      const signer = name === "deposit" ? parties.payer : clerk;
      await expectRefused(
        relayer,
        post(relayer, await sign(signer, escrowCall(data))),
        422,
        "call",
        new RegExp(
          `Only approvals of a release, deposits with a permit and disputes are sponsored on the escrow contract; this request calls ${name}\\.`,
        ),
      );
    }
    // Padding after the arguments is refused as on every sponsored call.
    const padded = `${approve(escrowId, 3n).data}${"00".repeat(32)}` as Hex;
    await expectRefused(
      relayer,
      post(relayer, await sign(parties.approver, escrowCall(padded))),
      422,
      "call",
      /bytes beyond its arguments/,
    );
    await relayer.close();
  });

  it("an escrow that does not exist, before the simulation and without taking the signer's turn", async () => {
    const { relayer } = await escrowRelayer({ perAddressLimit: 1 });
    // The parties claim through another relayer, so the approver's one request a minute is still there.
    const claims = await makeRelayer(chain);
    const parties = await partiesOf(claims);
    await claims.close();
    const escrowId = await openEscrow(chain.clerk, parties);
    const { approver } = parties;
    for (const missing of [escrowId + 1_000n, 0n]) {
      await expectRefused(
        relayer,
        post(relayer, await sign(approver, approve(missing, 3n))),
        422,
        "escrow",
        new RegExp(`Escrow #${missing} does not exist on this chain\\.`),
      );
      await expectRefused(relayer, post(relayer, await sign(approver, dispute(missing))), 422, "escrow", /does not exist on this chain/);
    }
    // The refusals took none of the approver's one request a minute: its real approval passes.
    await mined(await post(relayer, await sign(approver, approve(escrowId, 3n))));
    await relayer.close();
  });

  it("an escrow on a stranger's record, even one naming a principal executor that never accepted", async () => {
    const { relayer } = await escrowRelayer();
    const titleCompany = chain.titleCompany.walletClient.account.address;
    // The stranger registers a record naming the title company executor (an offer), and its parties pay their claims.
    const parties = await partiesOf(relayer, { owner: chain.stranger, executor: titleCompany, claimOwnGas: true });
    const escrowId = await openEscrow(chain.stranger, parties);
    const { payer, payee, approver } = parties;
    // Its parties have ether here; the relayer still pays nothing for them.
    for (const [signer, call] of [
      [approver, approve(escrowId, 3n)],
      [payer, await depositWithPermit(payer, escrowId)],
    ] as const) {
      await expectRefused(
        relayer,
        post(relayer, await sign(signer, call)),
        422,
        "sponsorship",
        /pays only for the records of the offices it serves/,
      );
    }
    expect(await relayer.spentWei(titleCompany.toLowerCase())).toBe(0n);
    // Funded by the payer's own transaction, a dispute is refused the same way.
    const own = await funded(payer);
    await write(own, { address: stablecoin, abi: testStablecoinAbi, functionName: "approve", args: [chain.contracts.escrow, AMOUNT] });
    await write(own, { address: chain.contracts.escrow, abi: integraEscrowV1Abi, functionName: "deposit", args: [escrowId] });
    await expectRefused(
      relayer,
      post(relayer, await sign(payee, dispute(escrowId))),
      422,
      "sponsorship",
      /pays only for the records of the offices it serves/,
    );

    // Once the title company accepts the role, the record is one it chose: the stranger, still its owner, may open
    // escrows the sponsor pays approvals for (within the title company's share), as it pays its claims.
    await acceptExecutorRole(chain, chain.titleCompany, parties.record.integraHash);
    await mined(await post(relayer, await sign(approver, approve(escrowId, 3n))));
    await expect.poll(() => relayer.spentWei(titleCompany.toLowerCase())).toBeGreaterThan(0n);
    await relayer.close();
  });

  it("a stranger holding a token of a principal's record cannot open an escrow on it", async () => {
    const { relayer } = await escrowRelayer();
    const parties = await partiesOf(relayer);
    const holder = await funded(parties.payee);
    await expect(openEscrow(holder, parties)).rejects.toThrow(/NotOwnerOrExecutor|reverted/);
    await relayer.close();
  });

  it("an escrow within a minute of its refund time, or past it", async () => {
    const { relayer } = await escrowRelayer();
    const parties = await partiesOf(relayer);
    const escrowId = await openEscrow(chain.clerk, parties, { refundIn: 45 });
    const { approver, payer } = parties;
    await expectRefused(
      relayer,
      post(relayer, await sign(approver, approve(escrowId, 3n))),
      422,
      "escrow",
      /reaches its refund time in \d+ seconds, too soon for this request to be mined safely before it/,
    );
    const snapshot = await chain.snapshot();
    try {
      await chain.test.increaseTime({ seconds: 120 });
      await chain.test.mine({ blocks: 1 });
      await expectRefused(
        relayer,
        post(relayer, await sign(approver, approve(escrowId, 3n))),
        422,
        "escrow",
        /reached its refund time \d+ seconds ago: it can no longer be funded, released or disputed, only refunded, so an approval changes nothing/,
      );
      await expectRefused(
        relayer,
        post(relayer, await sign(payer, await depositWithPermit(payer, escrowId))),
        422,
        "escrow",
        /reached its refund time .* only refunded\./,
      );
    } finally {
      await chain.revert(snapshot);
    }
    await relayer.close();
  });
});

describe("an escrow that moved on while a party's request was in flight", () => {
  it("a keeper's release landing just ahead of a party's approval reverts it, and the party is not penalized", async () => {
    const { relayer, store } = await escrowRelayer();
    const parties = await partiesOf(relayer);
    // Tokens 1 and 3 approve, one approval needed: once the approver approved, the payer's approval adds nothing.
    const escrowId = await openEscrow(chain.clerk, parties, { approvers: [1, 3] });
    const { payer, approver } = parties;
    await mined(await post(relayer, await sign(payer, await depositWithPermit(payer, escrowId))));
    await mined(await post(relayer, await sign(approver, approve(escrowId, 3n))));

    const late = await sign(payer, approve(escrowId, 1n));
    const spentBefore = await relayer.spentWei(clerkShare());
    const outcome = await inOneBlockBehind(
      chain,
      () => post(relayer, late),
      () =>
        chain.stranger.walletClient.writeContract({
          address: chain.contracts.escrow,
          abi: integraEscrowV1Abi,
          functionName: "release",
          args: [escrowId, zeroHash],
          gas: 300_000n,
          maxPriorityFeePerGas: 50n * 10n ** 9n,
          maxFeePerGas: 60n * 10n ** 9n,
        }),
    );
    expect(outcome.status).toBe(200);
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash: (outcome.body as { hash: Hex }).hash });
    expect(receipt.status).toBe("reverted");
    expect((await readEscrow(escrowId)).status).toBe(ESCROW.RELEASED);
    // Settled (the real cost in the ledger) without a penalty: the escrow moved on, not through the payer.
    await expect
      .poll(() => relayer.spentWei(clerkShare()))
      .toBeLessThanOrEqual(spentBefore + receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);
    expect(await store.get(`penalty:${payer.address.toLowerCase()}`)).toBeUndefined();
    // The payer still has the relayer for what else it does: a claim of another record of the clerk's. The reverted
    // request's nonce is the payer's next one, and the relayer frees it once it has settled that transaction: until
    // then it answers 409 and sends nothing, so the claim is posted again until it is taken.
    const more = await arrangeRecord(chain, [payer.address]);
    const claim = await sign(payer, claimCall(chain, more, 1));
    const taken: RelayOutcome[] = [];
    await expect
      .poll(
        async () => {
          const outcome = await post(relayer, claim);
          taken.push(outcome);
          return refusal(outcome);
        },
        { timeout: 15_000, interval: 250 },
      )
      .toEqual({ status: 200 });
    await mined(taken[taken.length - 1]);
    await relayer.close();
  });

  it("a revert that is the party's own doing still penalizes it", async () => {
    const { relayer, store } = await escrowRelayer();
    const parties = await partiesOf(relayer);
    const escrowId = await openEscrow(chain.clerk, parties);
    const { payer } = parties;
    const request = await sign(payer, await depositWithPermit(payer, escrowId));
    // The payer (given ether for it) moves its tokens away just ahead of the sponsored deposit.
    const own = await funded(payer);
    const outcome = await inOneBlockBehind(
      chain,
      () => post(relayer, request),
      () =>
        own.walletClient.writeContract({
          account: own.walletClient.account,
          chain: own.walletClient.chain,
          address: stablecoin,
          abi: testStablecoinAbi,
          functionName: "transfer",
          args: [chain.clerk.walletClient.account.address, AMOUNT],
          gas: 100_000n,
          maxPriorityFeePerGas: 50n * 10n ** 9n,
          maxFeePerGas: 60n * 10n ** 9n,
        }),
    );
    expect(outcome.status).toBe(200);
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash: (outcome.body as { hash: Hex }).hash });
    expect(receipt.status).toBe("reverted");
    await expect.poll(() => store.get(`penalty:${payer.address.toLowerCase()}`).then((p) => p !== undefined)).toBe(true);
    await relayer.close();
  });
});
