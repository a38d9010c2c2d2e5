// Test support (not a test): a private anvil with EAS and the Integra contracts deployed, records arranged for
// claims, parties that sign forward requests, and relayers over a store, for the relayer's tests. Each test file
// starts its own chain on a free port (about 2 s) and reverts to a snapshot between tests.
import {
  type Abi,
  type Address,
  type EIP1193RequestFn,
  type Hex,
  createPublicClient,
  createTestClient,
  createWalletClient,
  custom,
  defineChain,
  encodeFunctionData,
  http,
  keccak256,
  parseEventLogs,
  stringToHex,
  toHex,
  zeroAddress,
  zeroHash,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { expect } from "vitest";
import { type RunningAnvil, startAnvil } from "@/scripts/stack/anvil.ts";
import { ANVIL_KEYS } from "@/scripts/stack/chains.ts";
import { chainAt, clientsFor } from "@/scripts/stack/clients.ts";
import type { Clients } from "@/scripts/stack/clients.ts";
import { type Deployment, deployIntegra } from "@/scripts/stack/deploy.ts";
import { freePort } from "../../scripts/relayer/freePort.ts";
import { claimAttestationRequest } from "@/lib/capabilities";
import type { ForwardingContracts } from "@/lib/forwarder/forwardingContracts";
import { type ForwardRequest, type SignedForwardRequest, forwardRequestTypedData, toWire } from "@/lib/forwarder/forwardRequest";
import { prepareForwardRequest } from "@/lib/forwarder/prepareForwardRequest";
import { easAbi, integraForwarderV1Abi, integraRecordV1Abi, integraSignalV1Abi, multiPartyTokenizerV1Abi } from "@/lib/generated/integra";
import { LOCAL_RELAYER_ADDRESS, LOCAL_RELAYER_KEY } from "./localRelayerKey";
import { type RelayOutcome, Relayer } from "./relayer";
import type { Fees } from "./replacementFees";
import { DEFAULT_POLICY, type RelayerPolicy } from "./relayerPolicy";
import type { RelayerStore } from "./store/relayerStore";
import { SqliteStore } from "./store/sqliteStore";

export interface TestChain {
  rpcUrl: string;
  deployment: Deployment;
  contracts: ForwardingContracts;
  /** Anvil's account 1: registers records, reserves and attests. */
  clerk: Clients;
  /** Anvil's account 2: another office. */
  titleCompany: Clients;
  /** Anvil's account 9: registers records of its own, which no sponsor chose. */
  stranger: Clients;
  test: ReturnType<typeof makeTestClient>;
  snapshot: () => Promise<Hex>;
  revert: (id: Hex) => Promise<void>;
  stop: () => Promise<void>;
}

function makeTestClient(rpcUrl: string) {
  return createTestClient({ mode: "anvil", transport: http(rpcUrl) });
}

/**
 * A private anvil (on a free port, with `anvilArgs`: `--chain-id` for a second chain) with EAS and Integra deployed.
 * `deployerNonce`: the deployer's first nonce, so this chain's contracts land at other addresses than another test
 * chain's (as the local stack's chain B does).
 */
export async function startTestChain(anvilArgs: string[] = [], options: { deployerNonce?: number } = {}): Promise<TestChain> {
  const anvil: RunningAnvil = await startAnvil(await freePort(), anvilArgs);
  try {
    const test = makeTestClient(anvil.rpcUrl);
    if (options.deployerNonce !== undefined) {
      await test.setNonce({ address: privateKeyToAccount(ANVIL_KEYS[0]).address, nonce: options.deployerNonce });
    }
    const deployment = await deployIntegra(await clientsFor(anvil.rpcUrl, ANVIL_KEYS[0]));
    await test.setBalance({ address: LOCAL_RELAYER_ADDRESS, value: 10n ** 20n });
    const a = deployment.addresses;
    return {
      rpcUrl: anvil.rpcUrl,
      deployment,
      contracts: {
        forwarder: a.IntegraForwarderV1,
        ownershipTokenizer: a.OwnershipTokenizerV1,
        multiPartyTokenizer: a.MultiPartyTokenizerV1,
        signal: a.IntegraSignalV1,
        escrow: a.IntegraEscrowV1,
        registry: a.IntegraRecordV1,
        eas: a.EAS,
      },
      clerk: await clientsFor(anvil.rpcUrl, ANVIL_KEYS[1]),
      titleCompany: await clientsFor(anvil.rpcUrl, ANVIL_KEYS[2]),
      stranger: await clientsFor(anvil.rpcUrl, ANVIL_KEYS[9]),
      test,
      snapshot: () => test.snapshot(),
      revert: (id) => test.revert({ id }),
      stop: () => anvil.stop(),
    };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** Sends a write as `who` and waits for it; throws when it reverts. */
async function write(who: Clients, call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] }) {
  const hash = await who.walletClient.writeContract({ ...call, chain: who.walletClient.chain, account: who.walletClient.account });
  const receipt = await who.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${call.functionName} reverted in ${hash}`);
  return receipt;
}

export interface ArrangedRecord {
  integraHash: Hex;
  processHash: Hex;
  /** The claim attestation of token i + 1, for parties[i]. */
  uids: Hex[];
}

let recordCount = 0;

/**
 * A multi-party record owned by `owner` (the clerk by default) with token i + 1 reserved for parties[i] and sealed,
 * and a claim attestation for each (expiring at `expirationTime`, 0 for never). `executor` is named at registration,
 * which is only an offer of the role until the executor accepts it (acceptExecutorRole).
 */
export async function arrangeRecord(
  chain: TestChain,
  parties: readonly Address[],
  options: { owner?: Clients; executor?: Address; expirationTime?: bigint } = {},
): Promise<ArrangedRecord> {
  const owner = options.owner ?? chain.clerk;
  const a = chain.deployment.addresses;
  const receipt = await write(owner, {
    address: a.IntegraRecordV1,
    abi: integraRecordV1Abi,
    functionName: "registerWithParties",
    args: [
      keccak256(stringToHex(`relayer test ${process.pid} ${recordCount++}`)),
      "0x01",
      a.MultiPartyTokenizerV1,
      options.executor ?? zeroAddress,
      zeroHash,
      [],
      parties.map((recipient) => ({ recipient, amount: 1n, role: "Party" })),
    ],
  });
  const [registered] = parseEventLogs({ abi: integraRecordV1Abi, logs: receipt.logs, eventName: "RecordRegistered" });
  const integraHash = registered.args.integraHash;
  const uids: Hex[] = [];
  for (const [i, recipient] of parties.entries()) {
    uids.push(await attestClaim(chain, owner, integraHash, i + 1, recipient, options.expirationTime));
  }
  return { integraHash, processHash: zeroHash, uids };
}

/** A claim attestation of token `tokenId` for `recipient`, issued by `attester` (the record's owner or executor). */
export async function attestClaim(
  chain: TestChain,
  attester: Clients,
  integraHash: Hex,
  tokenId: number,
  recipient: Address,
  expirationTime = 0n,
): Promise<Hex> {
  const attested = await write(attester, {
    address: chain.deployment.addresses.EAS,
    abi: easAbi,
    functionName: "attest",
    args: [
      claimAttestationRequest({
        schema: chain.deployment.capabilitySchemaUid,
        integraHash,
        tokenId: BigInt(tokenId),
        processHash: zeroHash,
        recipient,
        expirationTime,
      }),
    ],
  });
  return parseEventLogs({ abi: easAbi, logs: attested.logs, eventName: "Attested" })[0].args.uid;
}

/** The executor named at registration accepts the role: only from then on is it the record's executor. */
export async function acceptExecutorRole(chain: TestChain, executor: Clients, integraHash: Hex): Promise<void> {
  await write(executor, {
    address: chain.deployment.addresses.IntegraRecordV1,
    abi: integraRecordV1Abi,
    functionName: "acceptExecutorRole",
    args: [integraHash],
  });
}

export function newParty() {
  return privateKeyToAccount(generatePrivateKey());
}

export type Party = ReturnType<typeof newParty>;

export function claimCall(chain: TestChain, record: ArrangedRecord, tokenId: number) {
  return {
    to: chain.contracts.multiPartyTokenizer,
    data: encodeFunctionData({
      abi: multiPartyTokenizerV1Abi,
      functionName: "claimToken",
      args: [record.integraHash, BigInt(tokenId), record.uids[tokenId - 1], record.processHash],
    }),
  };
}

/** requestPayment from `payer` (token `payerTokenId`) as the party of `requestorTokenId`, with a ciphertext of `noteBytes`. */
export function requestPaymentCall(
  chain: TestChain,
  record: ArrangedRecord,
  requestorTokenId: number,
  payer: Address,
  payerTokenId: number,
  deadline: bigint,
  noteBytes = 64,
) {
  return {
    to: chain.contracts.signal,
    data: encodeFunctionData({
      abi: integraSignalV1Abi,
      functionName: "requestPayment",
      args: [record.integraHash, BigInt(requestorTokenId), payer, BigInt(payerTokenId), toHex(new Uint8Array(noteBytes).fill(7)), deadline],
    }),
  };
}

/** A request as the app prepares it (nonce, gas, deadline from the chain), with `override` applied, signed by `signer`. */
export async function signRequest(
  chain: TestChain,
  signer: Party,
  call: { to: Address; data: Hex },
  override: Partial<ForwardRequest> = {},
): Promise<SignedForwardRequest> {
  const base = await prepareForwardRequest(
    chain.clerk.publicClient,
    { from: signer.address, to: call.to, data: call.data },
    chain.contracts.forwarder,
  ).catch(async (): Promise<ForwardRequest> => ({
    // A call that would revert cannot be estimated: sign it anyway, as an attacker would.
    from: signer.address,
    to: call.to,
    value: 0n,
    gas: 300_000n,
    nonce: 0n,
    deadline: Number((await chain.clerk.publicClient.getBlock()).timestamp) + 600,
    data: call.data,
  }));
  const request = { ...base, ...override };
  const signature = await signer.signTypedData(forwardRequestTypedData(request, chain.deployment.chainId, chain.contracts.forwarder));
  return { ...request, signature };
}

export interface TestRelayerOptions {
  store?: RelayerStore;
  policy?: Partial<RelayerPolicy>;
  now?: () => number;
  pollMs?: number;
  /** Fees the relayer's client estimates, fixed (so a test can compute worst cases); the node's otherwise. */
  fees?: Fees;
}

/** The store options a test relayer uses (a store opened by the test must use the same namespace). */
export function testStoreOptions(chain: TestChain, policy: Partial<RelayerPolicy> = {}) {
  const full = { ...DEFAULT_POLICY, ...policy };
  return {
    namespace: Relayer.namespace(chain.deployment.chainId, LOCAL_RELAYER_ADDRESS),
    rateWindowMs: full.rateWindowMs,
    spendWindowMs: full.spendWindowMs,
  };
}

/** A relayer paying from the local sponsor key on the test chain, over `store` (a fresh in-memory SQLite one by default). */
export async function makeRelayer(chain: TestChain, options: TestRelayerOptions = {}): Promise<Relayer> {
  const policy: RelayerPolicy = { ...DEFAULT_POLICY, ...options.policy };
  const fixed = options.fees;
  const testChain = defineChain({
    ...(await chainAt(chain.rpcUrl)),
    ...(fixed ? { fees: { estimateFeesPerGas: async () => fixed } } : {}),
  });
  const transport = http(chain.rpcUrl);
  const publicClient = createPublicClient({ chain: testChain, transport, pollingInterval: 50 });
  const walletClient = createWalletClient({ chain: testChain, transport, account: privateKeyToAccount(LOCAL_RELAYER_KEY) });
  const store = options.store ?? new SqliteStore(":memory:", testStoreOptions(chain, policy));
  return new Relayer({
    publicClient,
    walletClient,
    policy,
    store,
    contracts: chain.contracts,
    now: options.now,
    pollMs: options.pollMs ?? 50,
  });
}

/** What the route does for one request: the client's limit, then the relayer, with the request as JSON carries it. */
export async function post(
  relayer: Relayer,
  request: SignedForwardRequest | Record<string, unknown>,
  client = "127.0.0.1",
): Promise<RelayOutcome> {
  const throttled = await relayer.admit(client);
  if (throttled) return throttled;
  const wire = "signature" in request && typeof request.gas === "bigint" ? toWire(request as SignedForwardRequest) : request;
  return relayer.relay(JSON.parse(JSON.stringify({ request: wire })));
}

/** The route's work for a `{ requests }` batch: the client's limit, then the relayer with the client named. */
export async function postBatch(
  relayer: Relayer,
  requests: readonly (SignedForwardRequest | Record<string, unknown>)[],
  client = "127.0.0.1",
): Promise<RelayOutcome> {
  const throttled = await relayer.admit(client);
  if (throttled) return throttled;
  const wire = requests.map((r) => ("signature" in r && typeof r.gas === "bigint" ? toWire(r as SignedForwardRequest) : r));
  return relayer.relay(JSON.parse(JSON.stringify({ requests: wire })), client);
}

/** One party's requests for `calls`, signed as a batch: nonces in order from the party's current one. */
export async function signBatch(
  chain: TestChain,
  signer: Party,
  calls: readonly { to: Address; data: Hex }[],
): Promise<SignedForwardRequest[]> {
  const nonce = await chain.clerk.publicClient.readContract({
    address: chain.contracts.forwarder,
    abi: integraForwarderV1Abi,
    functionName: "nonces",
    args: [signer.address],
  });
  return Promise.all(calls.map((call, i) => signRequest(chain, signer, call, { nonce: nonce + BigInt(i) })));
}

export function sponsorNonce(chain: TestChain): Promise<number> {
  return chain.clerk.publicClient.getTransactionCount({ address: LOCAL_RELAYER_ADDRESS, blockTag: "pending" });
}

/** What a test's RPC does with one call: answer it itself, or `forward()` it to the chain. */
export type RpcIntercept = (method: string, params: unknown, forward: () => Promise<unknown>) => Promise<unknown>;

/**
 * A relayer like makeRelayer's whose RPC goes through `intercept` (a flaky, slow or load-balanced node), without
 * viem's retries, so each call the test sees is one the relayer made.
 */
export async function relayerOverRpc(chain: TestChain, options: TestRelayerOptions, intercept: RpcIntercept): Promise<Relayer> {
  const policy: RelayerPolicy = { ...DEFAULT_POLICY, ...options.policy };
  const fixed = options.fees;
  const testChain = defineChain({
    ...(await chainAt(chain.rpcUrl)),
    ...(fixed ? { fees: { estimateFeesPerGas: async () => fixed } } : {}),
  });
  const node = http(chain.rpcUrl)({ chain: testChain, retryCount: 0 });
  const request = (async ({ method, params }: { method: string; params?: unknown }) =>
    intercept(method, params, () => node.request({ method, params } as Parameters<typeof node.request>[0]))) as EIP1193RequestFn;
  const transport = custom({ request }, { retryCount: 0 });
  return new Relayer({
    publicClient: createPublicClient({ chain: testChain, transport, pollingInterval: 50 }),
    walletClient: createWalletClient({ chain: testChain, transport, account: privateKeyToAccount(LOCAL_RELAYER_KEY) }),
    policy,
    store: options.store ?? new SqliteStore(":memory:", testStoreOptions(chain, policy)),
    contracts: chain.contracts,
    now: options.now,
    pollMs: options.pollMs ?? 50,
  });
}

/** The sponsor's transactions waiting in anvil's pool, by nonce. */
export async function sponsorPool(
  chain: TestChain,
): Promise<Map<number, { hash: Hex; to: Address | null; value: bigint; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }>> {
  const content = await chain.test.getTxpoolContent();
  const mine =
    Object.entries(content.pending).find(([address]) => address.toLowerCase() === LOCAL_RELAYER_ADDRESS.toLowerCase())?.[1] ?? {};
  return new Map(
    // Anvil answers with the RPC's hex quantities, whatever viem's type says: read them as numbers either way.
    Object.values(mine).map((tx) => [
      Number(tx.nonce),
      {
        hash: tx.hash,
        to: tx.to,
        value: BigInt(String(tx.value)),
        maxFeePerGas: BigInt(String(tx.maxFeePerGas)),
        maxPriorityFeePerGas: BigInt(String(tx.maxPriorityFeePerGas)),
      },
    ]),
  );
}

/**
 * A refusal: its status, check and words, and nothing sent or spent (the sponsor's nonce and the relayer's spend
 * unchanged).
 */
export async function expectRefusedOn(
  chain: TestChain,
  relayer: Relayer,
  outcome: Promise<RelayOutcome>,
  status: number,
  check: string,
  words: RegExp,
): Promise<RelayOutcome> {
  const nonceBefore = await sponsorNonce(chain);
  const spentBefore = await relayer.spentWei();
  const result = await outcome;
  expect({ status: result.status, check: "error" in result.body ? result.body.error.check : undefined }).toEqual({ status, check });
  const message = "error" in result.body ? result.body.error.message : "";
  expect(message).toMatch(words);
  expect(message).toMatch(/Nothing was sent\.$/);
  expect(await sponsorNonce(chain)).toBe(nonceBefore);
  expect(await relayer.spentWei()).toBe(spentBefore);
  return result;
}

/**
 * Runs `relay` with automining off, then `ahead` (sent with a higher tip, so it lands first), then mines one block:
 * the relayer's transaction and another's in the same block, the other first. Resolves with what `relay` resolved.
 */
export async function inOneBlockBehind<T>(chain: TestChain, relay: () => Promise<T>, ahead: () => Promise<unknown>): Promise<T> {
  await chain.test.setAutomine(false);
  try {
    const relayed = await relay();
    await ahead();
    await chain.test.mine({ blocks: 1 });
    return relayed;
  } finally {
    await chain.test.setAutomine(true);
  }
}

/** The record's attester (the clerk) revokes attestation `uid`, with a tip that puts it ahead of the relayer's sends. */
export async function revokeAhead(chain: TestChain, uid: Hex): Promise<Hex> {
  return chain.clerk.walletClient.writeContract({
    address: chain.contracts.eas,
    abi: easAbi,
    functionName: "revoke",
    args: [{ schema: chain.deployment.capabilitySchemaUid, data: { uid, value: 0n } }],
    gas: 200_000n,
    maxPriorityFeePerGas: 50n * 10n ** 9n,
    maxFeePerGas: 60n * 10n ** 9n,
  });
}
