// The SDK (lib/sdk) as an integrator's program uses it: a clerk's key registers and attests, parties with fresh keys
// and no ether claim and request a payment through the app's relayer; a workflow's owner admits a member, whose
// record a watcher of the workflow sees with the membership events; a write the network drops ends in words. No
// browser.
import { type Hex, keccak256, stringToHex, zeroAddress, zeroHash } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { decryptPaymentNote } from "@/lib/crypto/paymentNote";
import {
  IntegraWriteError,
  type WatchItem,
  admitMember,
  claim,
  createIntegraClient,
  issueCapability,
  multiPartyTokenizer,
  openWorkflow,
  processHashOf,
  readPayments,
  readRecordTokens,
  readWorkflow,
  register,
  removeMember,
  requestPayment,
  watchWorkflow,
} from "@/lib/sdk";
import { startAnvil } from "@/scripts/stack/anvil";
import { ANVIL_KEYS } from "@/scripts/stack/chains";
import { RPC_URL, testChain } from "./anvil";
import { balanceOf } from "./chain";
import { expect, test } from "./fixtures";
import { integra } from "./integra";

const RELAYER = "http://localhost:3000";

test("SDK: register with roles, issue capabilities, two gasless claims and a gasless payment request with a sealed note", async () => {
  const client = createIntegraClient(RPC_URL);
  const clerk = { client, account: privateKeyToAccount(ANVIL_KEYS[1]) };
  const buyer = { client, account: privateKeyToAccount(generatePrivateKey()) };
  const seller = { client, account: privateKeyToAccount(generatePrivateKey()) };

  const registered = await register(clerk, {
    contentHash: keccak256(stringToHex(`sdk/${Date.now()}`)),
    tokenizer: "multiParty",
    parties: [
      { address: buyer.account.address, role: "Buyer" },
      { address: seller.account.address, role: "Seller" },
    ],
    workflow: { name: "sdk/closing" },
  });
  // The clerk's first record of its own workflow opened it, in the same transaction.
  expect(registered).toMatchObject({ processHash: processHashOf(clerk.account.address, "sdk/closing"), openedWorkflow: true });
  expect(await readWorkflow(client, registered.processHash)).toMatchObject({ owner: clerk.account.address, members: [] });
  expect(registered.tokens.map((t) => [t.tokenId, t.role, t.recipient])).toEqual([
    [1n, "Buyer", buyer.account.address],
    [2n, "Seller", seller.account.address],
  ]);
  const { integraHash } = registered;
  for (const [index, party] of [buyer, seller].entries()) {
    const { uid } = await issueCapability(clerk, { integraHash, tokenId: BigInt(index + 1), recipient: party.account.address });
    expect(uid).toMatch(/^0x[0-9a-f]{64}$/);
  }

  await claim(buyer, { integraHash, tokenId: 1n }, { relayer: RELAYER });
  await claim(seller, { integraHash, tokenId: 2n }, { relayer: RELAYER });
  const tokens = await readRecordTokens(client, integraHash, multiPartyTokenizer.address);
  expect(tokens).toMatchObject({ claimed: 2, complete: true });

  const deadline = (await client.getBlock()).timestamp + 86_400n;
  const note = { amount: "25,000 USD", memo: "Earnest money, 12 Harbour Lane", passphrase: "shared with the buyer" };
  const { paymentId } = await requestPayment(
    seller,
    { integraHash, myToken: 2n, payer: buyer.account.address, payerToken: 1n, deadline, note },
    { relayer: RELAYER },
  );
  const [payment] = await readPayments(client, integraHash, registered.blockNumber);
  expect(payment).toMatchObject({ paymentId, status: "pending", requestor: seller.account.address, payer: buyer.account.address });
  expect(await decryptPaymentNote(payment.encryptedAmount, note.passphrase)).toEqual({ amount: note.amount, memo: note.memo });

  // Nobody but the relayer paid: the parties' wallets never held ether.
  expect(await balanceOf(buyer.account.address)).toBe(0n);
  expect(await balanceOf(seller.account.address)).toBe(0n);

  // A refusal is the contract's own error, in words, and nothing is sent.
  const again = claim(
    buyer,
    { integraHash, tokenId: 1n, attestationUid: keccak256(stringToHex("no such attestation")) },
    { relayer: RELAYER },
  );
  await expect(again).rejects.toBeInstanceOf(IntegraWriteError);
});

test("watchWorkflow delivers the workflow's opening, its membership and a member's record; a stranger is refused before sending", async () => {
  const client = createIntegraClient(RPC_URL);
  const owner = { client, account: privateKeyToAccount(ANVIL_KEYS[2]) };
  const member = { client, account: privateKeyToAccount(ANVIL_KEYS[3]) };
  const stranger = { client, account: privateKeyToAccount(ANVIL_KEYS[9]) };
  const name = "sdk/escrow-closing";
  const processHash = processHashOf(owner.account.address, name);
  const party = [{ address: privateKeyToAccount(generatePrivateKey()).address, role: "Buyer" }];

  const stop = new AbortController();
  const items: WatchItem[] = [];
  const from = (await client.getBlockNumber()) + 1n;
  const watching = (async () => {
    for await (const item of watchWorkflow(
      client,
      { owner: owner.account.address, name },
      { fromBlock: from, pollIntervalMs: 100, signal: stop.signal },
    ))
      items.push(item);
  })();
  try {
    await openWorkflow(owner, name);
    await admitMember(owner, { name }, member.account.address);
    const record = await register(member, {
      contentHash: keccak256(stringToHex(`sdk/member/${Date.now()}`)),
      tokenizer: "multiParty",
      parties: party,
      workflow: { owner: owner.account.address, name },
    });
    expect(record).toMatchObject({ processHash, openedWorkflow: false });

    // A stranger is refused before anything is signed, told who owns the workflow; so is a record into an unopened one.
    const nonce = await client.getTransactionCount({ address: stranger.account.address });
    const refused = register(stranger, {
      contentHash: keccak256(stringToHex(`sdk/stranger/${Date.now()}`)),
      tokenizer: "multiParty",
      parties: party,
      workflow: processHash,
    });
    await expect(refused).rejects.toMatchObject({ errorName: "NotWorkflowMember", code: "NotWorkflowMember" });
    await expect(refused).rejects.toThrow(new RegExp(`belongs to ${owner.account.address}, who must admit ${stranger.account.address}`));
    const unopened = register(stranger, {
      contentHash: keccak256(stringToHex("sdk/unopened")),
      tokenizer: "multiParty",
      parties: party,
      workflow: { owner: owner.account.address, name: "sdk/never-opened" },
    });
    await expect(unopened).rejects.toMatchObject({ errorName: "UnknownWorkflow" });
    expect(await client.getTransactionCount({ address: stranger.account.address })).toBe(nonce);
    // Outside any workflow anyone registers, and none of it is the workflow's.
    await register(stranger, {
      contentHash: keccak256(stringToHex(`sdk/no-workflow/${Date.now()}`)),
      tokenizer: "multiParty",
      parties: party,
    });

    await removeMember(owner, { name }, member.account.address);
    await expect(
      register(member, {
        contentHash: keccak256(stringToHex(`sdk/removed/${Date.now()}`)),
        tokenizer: "multiParty",
        parties: party,
        workflow: processHash,
      }),
    ).rejects.toMatchObject({ errorName: "NotWorkflowMember" });
    expect(await readWorkflow(client, processHash)).toEqual({ processHash, owner: owner.account.address, members: [] });

    await expect
      .poll(() => items.some((i) => i.type === "event" && i.entry.eventName === "WorkflowMemberRemoved"), { timeout: 20_000 })
      .toBe(true);
    const events = items.flatMap((i) => (i.type === "event" ? [i.entry] : []));
    expect(events.map((e) => e.eventName)).toEqual([
      "WorkflowOpened",
      "WorkflowMemberAdmitted",
      "RecordRegistered",
      "OwnershipTransferred",
      "TokenReserved",
      "PartiesSealed",
      "WorkflowMemberRemoved",
    ]);
    expect(events.every((e) => e.processHash === processHash)).toBe(true);
    const [opened, admitted, registered] = events;
    expect(opened).toMatchObject({ integraHash: zeroHash, args: { owner: owner.account.address } });
    expect(admitted).toMatchObject({ integraHash: zeroHash, args: { member: member.account.address } });
    expect(registered).toMatchObject({ integraHash: record.integraHash, args: { owner: member.account.address, executor: zeroAddress } });
  } finally {
    stop.abort();
    await watching;
  }
  expect(() => watchWorkflow(client, zeroHash as Hex)).toThrow(/not a workflow/);
});

test("an SDK write whose transaction the network drops ends with a 'Dropped' IntegraWriteError, and nothing changed", async () => {
  const client = createIntegraClient(RPC_URL);
  const owner = { client, account: privateKeyToAccount(ANVIL_KEYS[4]) };
  const name = "sdk/dropped";
  const nonce = await client.getTransactionCount({ address: owner.account.address });
  // Mining paused: the transaction waits in the node's pool, where the node drops it as soon as the SDK has sent it.
  await testChain.setAutomine(false);
  try {
    const sent: Hex[] = [];
    const write = openWorkflow(owner, name, (hash) => {
      sent.push(hash);
      void testChain.dropTransaction({ hash });
    });
    await expect(write).rejects.toBeInstanceOf(IntegraWriteError);
    expect(sent).toHaveLength(1);
    await expect(write).rejects.toMatchObject({
      code: "Dropped",
      title: "The transaction was dropped",
      message: expect.stringContaining(`Transaction ${sent[0]} was dropped`),
    });
  } finally {
    await testChain.setAutomine(true);
  }
  // It never ran: the workflow is not open, and the owner's nonce is where it was.
  expect(await client.getTransactionCount({ address: owner.account.address })).toBe(nonce);
  expect((await readWorkflow(client, { owner: owner.account.address, name })).owner).toBeUndefined();
});

test("the CLI refuses a chain other than the deployment's with one line and exit code 3", async () => {
  const other = await startAnvil(8557, ["--chain-id", "1337"]);
  try {
    const run = await integra(["status", `0x${"ab".repeat(32)}`], { rpc: other.rpcUrl });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`serves chain 1337 (Chain 1337), but the deployment in use is on chain 31337`);
  } finally {
    await other.stop();
  }
});
