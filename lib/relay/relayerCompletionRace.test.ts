// A claim in flight when another party's claim lands first and turns it into the one that completes the record: the
// relayer's transaction carries each claim's completion headroom, so it is mined, and nobody is penalized.
import type { Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientsFor } from "@/scripts/stack/clients.ts";
import {
  type ArrangedRecord,
  type TestChain,
  arrangeRecord,
  claimCall,
  makeRelayer,
  post,
  postBatch,
  signBatch,
  signRequest,
  startTestChain,
  testStoreOptions,
  inOneBlockBehind,
} from "./relayerTestChain";
import { SqliteStore } from "./store/sqliteStore";

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain();
}, 30_000);

afterAll(async () => {
  await chain?.stop();
});

const fees = { maxFeePerGas: 10n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n };

/** A funded wallet that can send its own claims. */
async function fundedParty() {
  const key = generatePrivateKey();
  const account = privateKeyToAccount(key);
  await chain.test.setBalance({ address: account.address, value: 10n ** 18n });
  return { account, clients: await clientsFor(chain.rpcUrl, key) };
}

/** `who` claims `tokenId` itself (its own ether), optionally with a high tip, without waiting. */
async function claimDirectly(who: Awaited<ReturnType<typeof fundedParty>>, record: ArrangedRecord, tokenId: number, tip = false) {
  const call = claimCall(chain, record, tokenId);
  return who.clients.walletClient.sendTransaction({
    to: call.to,
    data: call.data,
    gas: 1_000_000n,
    ...(tip ? { maxPriorityFeePerGas: 50n * 10n ** 9n, maxFeePerGas: 60n * 10n ** 9n } : {}),
  });
}

/**
 * A record of `size` tokens: tokens 1..size-2 held and claimed by a filler, token size-1 for `a`, token size for `b`.
 */
async function nearlyComplete(size: number) {
  const filler = await fundedParty();
  const a = await fundedParty();
  const b = privateKeyToAccount(generatePrivateKey());
  const parties = [...Array.from({ length: size - 2 }, () => filler.account.address), a.account.address, b.address];
  const record = await arrangeRecord(chain, parties);
  for (let t = 1; t <= size - 2; t++) {
    const hash = await claimDirectly(filler, record, t);
    await chain.clerk.publicClient.waitForTransactionReceipt({ hash });
  }
  return { record, a, b };
}

describe("a relayed claim that becomes the completing one", () => {
  it("is mined when the other party's claim lands first, on a record of 64 tokens, and nobody is penalized", async () => {
    const size = 64;
    const { record, a, b } = await nearlyComplete(size);
    const store = new SqliteStore(":memory:", testStoreOptions(chain));
    const relayer = await makeRelayer(chain, { fees, store });
    const request = await signRequest(chain, b, claimCall(chain, record, size));
    const outcome = await inOneBlockBehind(
      chain,
      () => post(relayer, request),
      () => claimDirectly(a, record, size - 1, true),
    );
    expect(outcome.status).toBe(200);
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash: (outcome.body as { hash: Hex }).hash });
    expect(receipt.status).toBe("success");
    expect((await chain.clerk.publicClient.getTransactionReceipt({ hash: receipt.transactionHash })).logs.length).toBeGreaterThan(size);
    expect(await store.get(`penalty:${b.address.toLowerCase()}`)).toBeUndefined();
    await relayer.close();
  }, 120_000);

  it("is mined inside a batch over several records when a co-party completes one of them first", async () => {
    const size = 64;
    const filler = await fundedParty();
    const a = await fundedParty();
    const b = privateKeyToAccount(generatePrivateKey());
    const target = await arrangeRecord(chain, [
      ...Array.from({ length: size - 2 }, () => filler.account.address),
      a.account.address,
      b.address,
    ]);
    for (let t = 1; t <= size - 2; t++)
      await chain.clerk.publicClient.waitForTransactionReceipt({ hash: await claimDirectly(filler, target, t) });
    const others = [await arrangeRecord(chain, [b.address, a.account.address]), await arrangeRecord(chain, [b.address, a.account.address])];
    const store = new SqliteStore(":memory:", testStoreOptions(chain));
    const relayer = await makeRelayer(chain, { fees, store });
    const batch = await signBatch(chain, b, [
      claimCall(chain, others[0], 1),
      claimCall(chain, others[1], 1),
      claimCall(chain, target, size),
    ]);
    const outcome = await inOneBlockBehind(
      chain,
      () => postBatch(relayer, batch),
      () => claimDirectly(a, target, size - 1, true),
    );
    expect(outcome.status).toBe(200);
    const receipt = await chain.clerk.publicClient.waitForTransactionReceipt({ hash: (outcome.body as { hash: Hex }).hash });
    expect(receipt.status).toBe("success");
    expect(await store.get(`penalty:${b.address.toLowerCase()}`)).toBeUndefined();
    await relayer.close();
  }, 120_000);
});
