import { type Hex, concat, createWalletClient, decodeFunctionData, encodeFunctionData, http, zeroHash } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integraForwarderV1Abi, multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import type { Relayer } from "./relayer";
import type { RelayOutcome } from "./refusal";
import {
  type TestChain,
  arrangeRecord,
  claimCall,
  makeRelayer,
  newParty,
  post,
  relayerOverRpc,
  signRequest,
  sponsorNonce,
  startTestChain,
  testStoreOptions,
  expectRefusedOn,
  inOneBlockBehind,
  revokeAhead,
} from "./relayerTestChain";
import { SqliteStore } from "./store/sqliteStore";

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain();
}, 30_000);

afterAll(async () => {
  await chain?.stop();
});

const expectRefused = (relayer: Relayer, outcome: Promise<RelayOutcome>, status: number, check: string, words: RegExp) =>
  expectRefusedOn(chain, relayer, outcome, status, check, words);

async function latestTimestamp(): Promise<number> {
  return Number((await chain.clerk.publicClient.getBlock()).timestamp);
}

describe("Relayer refusals", () => {
  it("relays a good claim, paying once, and settles the spend to the real cost", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const request = await signRequest(chain, party, claimCall(chain, record, 1));
    const before = await sponsorNonce(chain);
    const outcome = await post(relayer, request);
    expect(outcome.status).toBe(200);
    const hash = (outcome.body as { hash: Hex }).hash;
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
    expect(await sponsorNonce(chain)).toBe(before + 1);
    await expect.poll(() => relayer.spentWei()).toBeLessThanOrEqual(receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);
    expect(await relayer.spentWei()).toBeGreaterThan(0n);
    await expectRefused(relayer, post(relayer, request), 409, "nonce", /already used/);
    await relayer.close();
  });

  it("refuses bad formats, other calls, ether, too much gas, a wrong signature and a failing simulation", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const claim = claimCall(chain, record, 1);
    await expectRefused(relayer, post(relayer, { from: "nope" }), 400, "format", /"from" is not an address/);
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, { ...claim, to: chain.contracts.registry })),
      422,
      "call",
      /Nothing is sponsored on/,
    );
    const reserve = encodeFunctionData({
      abi: multiPartyTokenizerV1Abi,
      functionName: "reserveToken",
      args: [record.integraHash, 2n, party.address, 1n, zeroHash, ""],
    });
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, { ...claim, data: reserve })),
      422,
      "call",
      /Only claims are sponsored/,
    );
    await expectRefused(relayer, post(relayer, await signRequest(chain, party, claim, { value: 1n })), 422, "value", /send ether/);
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claim, { gas: 2_000_000n })),
      422,
      "gas",
      /at most 1,000,000/,
    );
    const signed = await signRequest(chain, party, claim);
    await expectRefused(relayer, post(relayer, { ...signed, gas: signed.gas + 1n }), 400, "signature", /changed after signing/);
    const noAttestation = { ...claim, data: claimCall(chain, { ...record, uids: [zeroHash] }, 1).data };
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, noAttestation)),
      422,
      "simulation",
      /Would fail if submitted now/,
    );
    const future = await signRequest(chain, party, claim, { nonce: 5n });
    await expectRefused(relayer, post(relayer, future), 409, "nonce", /later turn/);
    await relayer.close();
  });

  it("refuses deadlines outside one minute to one hour from the next block, far-future ones included", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const claim = claimCall(chain, record, 1);
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(relayer, post(relayer, await signRequest(chain, party, claim, { deadline: now - 60 })), 400, "deadline", /expired/);
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claim, { deadline: now + 30 })),
      400,
      "deadline",
      /too soon/,
    );
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claim, { deadline: now + 3_700 })),
      400,
      "deadline",
      /at most 60 minutes/,
    );
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claim, { deadline: 2 ** 48 - 1 })),
      400,
      "deadline",
      /at most 60 minutes/,
    );
    expect((await post(relayer, await signRequest(chain, party, claim, { deadline: now + 3_500 }))).status).toBe(200);
    await relayer.close();
  });

  it("judges the deadline at the next block's time, not the latest block's", async () => {
    // The chain has been idle: its latest block is 29 minutes and 50 seconds older than the wall clock.
    const latest = await latestTimestamp();
    const relayer = await makeRelayer(chain, { now: () => (latest + 1_790) * 1000 });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    // Thirty minutes from the latest block: ten seconds from the next one.
    const request = await signRequest(chain, party, claimCall(chain, record, 1), { deadline: latest + 1_800 });
    await expectRefused(relayer, post(relayer, request), 400, "deadline", /expires in 10 seconds, too soon/);
    await relayer.close();
  });

  it("refuses a claim whose attestation expires within a minute of the next block, before sending anything", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const soon = await arrangeRecord(chain, [party.address], { expirationTime: BigInt(Math.floor(Date.now() / 1000) + 40) });
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claimCall(chain, soon, 1))),
      422,
      "attestation",
      /expires in \d+ seconds/,
    );
    const later = await arrangeRecord(chain, [party.address], { expirationTime: BigInt(Math.floor(Date.now() / 1000) + 3_600) });
    expect((await post(relayer, await signRequest(chain, party, claimCall(chain, later, 1)))).status).toBe(200);
    await relayer.close();
  });

  it("limits each client and each signer, counting a signer only for requests it really signed", async () => {
    const relayer = await makeRelayer(chain, { policy: { perClientLimit: 3, perAddressLimit: 2 } });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const failing = await signRequest(chain, party, { ...claimCall(chain, { ...record, uids: [zeroHash] }, 1) });
    await expectRefused(relayer, post(relayer, failing, "10.0.0.1"), 422, "simulation", /Would fail/);
    await expectRefused(relayer, post(relayer, failing, "10.0.0.2"), 422, "simulation", /Would fail/);
    await expectRefused(relayer, post(relayer, failing, "10.0.0.3"), 429, "rate", /This wallet has sent 2 requests/);
    // An impostor's requests in the party's name do not count against the party.
    const impostor = newParty();
    const forged = await signRequest(chain, impostor, claimCall(chain, record, 1));
    for (const client of ["10.0.0.9", "10.0.0.9", "10.0.0.9"]) {
      await expectRefused(relayer, post(relayer, { ...forged, from: party.address }, client), 400, "signature", /not 0x/);
    }
    await expectRefused(relayer, post(relayer, forged, "10.0.0.9"), 429, "rate", /Too many requests from your network \(3 a minute\)/);
    await relayer.close();
  });

  it("pays once for one signed request posted many times at once", async () => {
    const relayer = await makeRelayer(chain);
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const request = await signRequest(chain, party, claimCall(chain, record, 1));
    const before = await sponsorNonce(chain);
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => post(relayer, request)));
    expect(outcomes.map((o) => o.status).sort()).toEqual([200, 409, 409, 409]);
    expect(await sponsorNonce(chain)).toBe(before + 1);
    await relayer.close();
  });

  it("refuses the signer and the claimed token for the whole spend window after a relayed request reverted at the sponsor's cost", async () => {
    const store = new SqliteStore(":memory:", testStoreOptions(chain));
    const relayer = await makeRelayer(chain, { store });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address, party.address]);
    const request = await signRequest(chain, party, claimCall(chain, record, 1));
    // The attester revokes the attestation in the same block, ahead of the claim: the claim reverts on chain.
    const outcome = await inOneBlockBehind(
      chain,
      () => post(relayer, request),
      () => revokeAhead(chain, record.uids[0]),
    );
    expect(outcome.status).toBe(200);
    const hash = (outcome.body as { hash: Hex }).hash;
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("reverted");
    // Settled (the worst case replaced by the real cost) only after the penalty is recorded.
    await expect.poll(() => relayer.spentWei()).toBeLessThanOrEqual(receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);
    await expectRefused(
      relayer,
      post(relayer, await signRequest(chain, party, claimCall(chain, record, 2))),
      429,
      "rate",
      /reverted on chain at the sponsor's cost; it is refused for the next 24 hours/,
    );
    // The token too, whoever signs for it next (here the same request, its signer's penalty lifted by hand).
    await store.delete(`penalty:${party.address.toLowerCase()}`);
    await expectRefused(relayer, post(relayer, request), 429, "rate", /claim of this token reverted on chain.*next 24 hours/);
    await relayer.close();
  });

  it("refuses a signer whose wallet has code (an EIP-7702 delegation), and penalizes one delegated after the checks", async () => {
    const relayer = await makeRelayer(chain, { fees: { maxFeePerGas: 2n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n } });
    const [delegated, late] = [newParty(), newParty()];
    const record = await arrangeRecord(chain, [delegated.address, late.address]);
    // Code that passes any simulation (tx.gasprice 0) and loops on chain, answering onERC1155Received otherwise:
    //   GASPRICE PUSH1 0x14 JUMPI | PUSH4 0xf23a6e61 PUSH1 0xe0 SHL PUSH1 0 MSTORE PUSH1 0x20 PUSH1 0 RETURN | 0x14: JUMPDEST PUSH1 0x14 JUMP
    const burner = "0x00000000000000000000000000000000000b0b0b" as const;
    const burnerCode: Hex = "0x3a60145763f23a6e6160e01b60005260206000f35b601456";
    await chain.test.setCode({ address: burner, bytecode: burnerCode });

    // Delegated before asking (a real type-4 authorization): refused at the checks, nothing sent, nothing reserved.
    const wallet = createWalletClient({ chain: chain.clerk.walletClient.chain, transport: http(chain.rpcUrl), account: delegated });
    const helper = chain.stranger.walletClient;
    const setup = await helper.sendTransaction({
      account: helper.account,
      chain: helper.chain,
      authorizationList: [await wallet.signAuthorization({ contractAddress: burner })],
      to: helper.account.address,
      data: "0x",
    });
    await chain.clerk.publicClient.waitForTransactionReceipt({ hash: setup });
    expect(await chain.clerk.publicClient.getCode({ address: delegated.address })).toBe(concat(["0xef0100", burner]).toLowerCase());
    const request = await signRequest(chain, delegated, claimCall(chain, record, 1));
    await expectRefused(relayer, post(relayer, request), 422, "wallet", /has code \(an EIP-7702 delegation\)/);

    // Given code after the checks passed and before the block: the claim burns its gas once, and never again.
    const lateRequest = await signRequest(chain, late, claimCall(chain, record, 2));
    await chain.test.setAutomine(false);
    let hash: Hex;
    try {
      const outcome = await post(relayer, lateRequest);
      expect(outcome.status).toBe(200);
      hash = (outcome.body as { hash: Hex }).hash;
      await chain.test.setCode({ address: late.address, bytecode: burnerCode });
      await chain.test.mine({ blocks: 1 });
    } finally {
      await chain.test.setAutomine(true);
    }
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("reverted");
    await expect.poll(() => relayer.spentWei()).toBeLessThanOrEqual(receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);
    // The code gone again, the very same signed request (its forwarder nonce unused) is refused for the spend window.
    await chain.test.setCode({ address: late.address, bytecode: "0x" });
    await expectRefused(
      relayer,
      post(relayer, lateRequest),
      429,
      "rate",
      /reverted on chain at the sponsor's cost; it is refused for the next 24 hours/,
    );
    await relayer.close();
  });

  it("does not penalize a party whose request a stranger copied from the pending transaction and ran first", async () => {
    const relayer = await makeRelayer(chain, { fees: { maxFeePerGas: 2n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n } });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address, party.address]);
    await chain.test.setAutomine(false);
    let sponsorHash: Hex;
    try {
      const outcome = await post(relayer, await signRequest(chain, party, claimCall(chain, record, 1)));
      expect(outcome.status).toBe(200);
      sponsorHash = (outcome.body as { hash: Hex }).hash;
      const pending = await chain.clerk.publicClient.getTransaction({ hash: sponsorHash });
      const { args } = decodeFunctionData({ abi: integraForwarderV1Abi, data: pending.input });
      const stranger = chain.stranger.walletClient;
      await stranger.writeContract({
        account: stranger.account,
        chain: stranger.chain,
        address: chain.contracts.forwarder,
        abi: integraForwarderV1Abi,
        functionName: "execute",
        args: args as never,
        gas: 300_000n,
        maxFeePerGas: 50n * 10n ** 9n,
        maxPriorityFeePerGas: 40n * 10n ** 9n,
      });
      await chain.test.mine({ blocks: 1 });
    } finally {
      await chain.test.setAutomine(true);
    }
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash: sponsorHash });
    expect(receipt.status).toBe("reverted");
    // Settled at the revert's real cost, and the party's next request goes through.
    await expect.poll(() => relayer.spentWei()).toBeLessThanOrEqual(receipt.gasUsed * receipt.effectiveGasPrice + 10n ** 9n);
    expect((await post(relayer, await signRequest(chain, party, claimCall(chain, record, 2)))).status).toBe(200);
    await relayer.close();
  });

  it("answers 503 (try again), not a refusal of the request, when the node does not answer the simulation", async () => {
    let down = true;
    // Only the simulation (the call to the tokenizer) times out; the other reads answer.
    const relayer = await relayerOverRpc(chain, {}, async (method, params, forward) => {
      const to = Array.isArray(params) ? (params[0] as { to?: string }).to : undefined;
      if (down && method === "eth_call" && to?.toLowerCase() === chain.contracts.multiPartyTokenizer.toLowerCase())
        throw new Error("The request took too long to respond.");
      return forward();
    });
    const party = newParty();
    const record = await arrangeRecord(chain, [party.address]);
    const request = await signRequest(chain, party, claimCall(chain, record, 1));
    const outcome = await expectRefused(relayer, post(relayer, request), 503, "chain", /did not answer the simulation/);
    expect(outcome.status !== 200 && outcome.retryAfter).toBeGreaterThan(0);
    down = false;
    expect((await post(relayer, request)).status).toBe(200);
    await relayer.close();
  });
});
