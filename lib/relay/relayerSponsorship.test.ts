import { type Hex, encodeFunctionData, parseEventLogs } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integraRecordV1Abi, integraSignalV1Abi } from "@/lib/generated/integra";
import type { RelayOutcome } from "./refusal";
import type { Relayer } from "./relayer";
import {
  type TestChain,
  acceptExecutorRole,
  arrangeRecord,
  attestClaim,
  claimCall,
  makeRelayer,
  newParty,
  post,
  requestPaymentCall,
  signRequest,
  sponsorNonce,
  startTestChain,
} from "./relayerTestChain";

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain();
}, 30_000);

afterAll(async () => {
  await chain?.stop();
});

const principals = () => [
  { address: chain.clerk.walletClient.account.address, weight: 1 },
  { address: chain.titleCompany.walletClient.account.address, weight: 1 },
];

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

describe("what the sponsor pays for", () => {
  it("pays for claims on its principals' records and refuses a stranger's record, spending nothing", async () => {
    const relayer = await makeRelayer(chain, { policy: { sponsoredPrincipals: principals() } });
    const party = newParty();
    const ours = await arrangeRecord(chain, [party.address]);
    const receipt = await mined(await post(relayer, await signRequest(chain, party, claimCall(chain, ours, 1))));
    // Settled: the worst case reserved at sending replaced by the real cost.
    await expect
      .poll(() => relayer.spentWei(principals()[0].address.toLowerCase()))
      .toBeLessThanOrEqual(receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);

    const stranger = chain.stranger;
    const theirs = await arrangeRecord(chain, [party.address], { owner: stranger });
    const nonce = await sponsorNonce(chain);
    const spent = await relayer.spentWei(principals()[0].address.toLowerCase());
    const outcome = await post(relayer, await signRequest(chain, party, claimCall(chain, theirs, 1)));
    expect(refusal(outcome)).toMatchObject({
      status: 422,
      check: "sponsorship",
      message: expect.stringMatching(/pays only for the records of the offices it serves/),
    });
    expect(await sponsorNonce(chain)).toBe(nonce);
    expect(await relayer.spentWei(principals()[0].address.toLowerCase())).toBe(spent);
    await relayer.close();
  });

  it("does not pay when a principal is only named executor, and pays once it accepted the role", async () => {
    const relayer = await makeRelayer(chain, { policy: { sponsoredPrincipals: principals() } });
    const party = newParty();
    const stranger = chain.stranger;
    // The stranger names the title company as executor: an offer, not authority.
    const record = await arrangeRecord(chain, [party.address], {
      owner: stranger,
      executor: chain.titleCompany.walletClient.account.address,
    });
    const request = await signRequest(chain, party, claimCall(chain, record, 1));
    const nonce = await sponsorNonce(chain);
    expect(refusal(await post(relayer, request))).toMatchObject({ status: 422, check: "sponsorship" });
    expect(await sponsorNonce(chain)).toBe(nonce);
    expect(await relayer.spentWei(principals()[1].address.toLowerCase())).toBe(0n);

    await acceptExecutorRole(chain, chain.titleCompany, record.integraHash);
    // Accepting moved the record's authority epoch: the stranger's attestation is dead, the executor attests anew.
    const uid = await attestClaim(chain, chain.titleCompany, record.integraHash, 1, party.address);
    await mined(await post(relayer, await signRequest(chain, party, claimCall(chain, { ...record, uids: [uid] }, 1))));
    expect(await relayer.spentWei(principals()[1].address.toLowerCase())).toBeGreaterThan(0n);
    await relayer.close();
  });

  it("does not pay for a stranger's record offered to a principal (an offer never accepted)", async () => {
    const relayer = await makeRelayer(chain, { policy: { sponsoredPrincipals: principals() } });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address], { owner: chain.stranger });
    const stranger = chain.stranger.walletClient;
    const hash = await stranger.writeContract({
      account: stranger.account,
      chain: stranger.chain,
      address: chain.contracts.registry,
      abi: integraRecordV1Abi,
      functionName: "offerRecordOwnership",
      args: [record.integraHash, chain.clerk.walletClient.account.address, "yours"],
    });
    await chain.clerk.publicClient.waitForTransactionReceipt({ hash });
    const nonce = await sponsorNonce(chain);
    expect(refusal(await post(relayer, await signRequest(chain, party, claimCall(chain, record, 1))))).toMatchObject({
      status: 422,
      check: "sponsorship",
    });
    expect(await sponsorNonce(chain)).toBe(nonce);
    expect(await relayer.spentWei(principals()[0].address.toLowerCase())).toBe(0n);
    await relayer.close();
  });

  it("gives each principal its own share of the global rate", async () => {
    const relayer = await makeRelayer(chain, { policy: { sponsoredPrincipals: principals(), globalLimit: 4, perAddressLimit: 100 } });
    const parties = Array.from({ length: 3 }, () => newParty());
    const clerks = await arrangeRecord(
      chain,
      parties.map((p) => p.address),
    );
    const titles = await arrangeRecord(
      chain,
      parties.map((p) => p.address),
      { owner: chain.titleCompany },
    );
    await mined(await post(relayer, await signRequest(chain, parties[0], claimCall(chain, clerks, 1))));
    await mined(await post(relayer, await signRequest(chain, parties[1], claimCall(chain, clerks, 2))));
    expect(refusal(await post(relayer, await signRequest(chain, parties[2], claimCall(chain, clerks, 3))))).toMatchObject({
      status: 429,
      check: "rate",
      message: expect.stringMatching(/the records of 0x7099…79C8 have used their 2 sponsored requests/),
    });
    // The clerk's records used up the clerk's share, not the title company's.
    await mined(await post(relayer, await signRequest(chain, parties[2], claimCall(chain, titles, 3))));
    await relayer.close();
  });
});

describe("what one wallet may cost", () => {
  it("stops paying for a signer at its own spend cap, whatever share its records are in", async () => {
    // A claim reserves about 265,000 gas (its completion headroom included) x 2 gwei = 0.00053 ETH: one fits under
    // 0.0007 ETH, a second does not.
    const relayer = await makeRelayer(chain, {
      policy: { perSignerSpendCapWei: 7n * 10n ** 14n, perAddressLimit: 100 },
      fees: { maxFeePerGas: 2n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n },
    });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address, party.address]);
    await mined(await post(relayer, await signRequest(chain, party, claimCall(chain, record, 1))));
    const nonce = await sponsorNonce(chain);
    expect(refusal(await post(relayer, await signRequest(chain, party, claimCall(chain, record, 2))))).toMatchObject({
      status: 429,
      check: "spend",
      message: expect.stringMatching(/what it pays for one wallet \(0\.0007 ETH in 24 hours\).*Nothing was sent\.$/),
    });
    expect(await sponsorNonce(chain)).toBe(nonce);
    // Another wallet is not held back by it.
    const other = newParty();
    const another = await arrangeRecord(chain, [other.address]);
    await mined(await post(relayer, await signRequest(chain, other, claimCall(chain, another, 1))));
    await relayer.close();
  });
});

describe("payment signals", () => {
  /** Two parties who claimed their tokens (through the relayer), so they may signal payments to each other. */
  async function claimedPair(relayer: Relayer) {
    const [a, b] = [newParty(), newParty()];
    const record = await arrangeRecord(chain, [a.address, b.address]);
    await mined(await post(relayer, await signRequest(chain, a, claimCall(chain, record, 1))));
    await mined(await post(relayer, await signRequest(chain, b, claimCall(chain, record, 2))));
    return { a, b, record };
  }

  const deadline = () => BigInt(Math.floor(Date.now() / 1000) + 86_400);

  it("from a stranger who is no party are refused without taking a slot of the share", async () => {
    const relayer = await makeRelayer(chain, { policy: { sponsoredPrincipals: principals(), globalLimit: 4 } });
    const [a, b] = [newParty(), newParty()];
    const record = await arrangeRecord(chain, [a.address, b.address]);
    const stranger = newParty();
    for (let i = 0; i < 4; i++) {
      const outcome = await post(
        relayer,
        await signRequest(chain, stranger, requestPaymentCall(chain, record, 1, b.address, 2, deadline())),
        `10.1.1.${i}`,
      );
      expect(refusal(outcome).check).toMatch(/simulation|rate/);
    }
    // The clerk's share (two of the four slots) is still there for the parties' claims.
    for (const [i, party] of [a, b].entries()) {
      await mined(await post(relayer, await signRequest(chain, party, claimCall(chain, record, i + 1)), `10.2.2.${i}`));
    }
    await relayer.close();
  });

  it("may use only their part of the global rate; claims keep the rest", async () => {
    const relayer = await makeRelayer(chain, { policy: { globalLimit: 8, signalShare: 0.25, perAddressLimit: 100 } });
    const { a, b, record } = await claimedPair(relayer);
    const signal = () => signRequest(chain, a, requestPaymentCall(chain, record, 1, b.address, 2, deadline()));
    await mined(await post(relayer, await signal()));
    await mined(await post(relayer, await signal()));
    expect(refusal(await post(relayer, await signal()))).toMatchObject({
      status: 429,
      check: "rate",
      message: expect.stringMatching(/Payment signals on the records it sponsors have used their 2 requests.*the rest is kept for claims/),
    });
    // Four of eight used (two claims, two signals): claims still pass.
    const c = newParty();
    const another = await arrangeRecord(chain, [c.address]);
    await mined(await post(relayer, await signRequest(chain, c, claimCall(chain, another, 1))));
    await relayer.close();
  });

  it("are refused with a ciphertext over 512 bytes, and sponsored for a principal's record through the payment", async () => {
    const relayer = await makeRelayer(chain, { policy: { sponsoredPrincipals: principals(), perAddressLimit: 100 } });
    const { a, b, record } = await claimedPair(relayer);
    expect(
      refusal(await post(relayer, await signRequest(chain, a, requestPaymentCall(chain, record, 1, b.address, 2, deadline(), 513)))),
    ).toMatchObject({ status: 422, check: "call", message: expect.stringMatching(/longer than the 512 bytes/) });
    const requested = await mined(
      await post(relayer, await signRequest(chain, a, requestPaymentCall(chain, record, 1, b.address, 2, deadline(), 512))),
    );
    const [event] = parseEventLogs({ abi: integraSignalV1Abi, logs: requested.logs, eventName: "PaymentRequested" });
    // markPaid names only the payment: the relayer finds its record (and the record's principal) through it.
    const markPaid = {
      to: chain.contracts.signal,
      data: encodeFunctionData({ abi: integraSignalV1Abi, functionName: "markPaid", args: [event.args.paymentId, "0x01"] }),
    };
    await mined(await post(relayer, await signRequest(chain, b, markPaid)));
    await relayer.close();
  });
});
