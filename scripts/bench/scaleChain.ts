// The state the "at scale" sections read: one target record with 50 events of 6 contracts spread over a ~5,000-block
// history, 5,000 unrelated records (register + one reservation each) in its last 500 blocks, 10 of which reserve
// a token for one dashboard wallet. Seeded once, shared by both sections.
//
// Why the unrelated records come last: anvil 1.7.1 rebuilds the whole state trie on every block it mines (empty
// ones too; fixed upstream after 1.7.1), so each block costs time in proportion to the storage already written.
// Spread evenly over 10,000 blocks, the 5,000 records (~45k slots) took 16 minutes to seed on 2 cores; written
// last, after 4,500 quiet blocks, about 1.5.
// Request counts do not depend on where the unrelated records sit; the provider's work per window barely does.
//
// Fast path: anvil signs for its dev accounts, so every write is a viem `writeContract` from a JSON-RPC account
// (eth_sendTransaction), a block's writes go out in one JSON-RPC batch with automine off, then one `anvil_mine` per
// block with transactions and one per run of empty blocks. Bulk integraHashes are computed locally (the registry's
// preimage), so register and reserve share a block.
import {
  type Address,
  type Hash,
  type Hex,
  type TransactionReceipt,
  createTestClient,
  encodeAbiParameters,
  encodeFunctionData,
  getAbiItem,
  getAddress,
  getContract,
  http,
  keccak256,
  parseEventLogs,
  publicActions,
  stringToHex,
  walletActions,
  zeroAddress,
} from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { claimAttestationRequest } from "@/lib/capabilities.ts";
import { integraAddresses } from "@/lib/contracts.ts";
import {
  easAbi,
  integraRecordV1Abi,
  integraSignalV1Abi,
  multiPartyTokenizerV1Abi,
  ownerAllowlistResolverV1Abi,
  ownershipTokenizerV1Abi,
} from "@/lib/generated/integra.ts";
import { processHashOf, workflowIdOf } from "@/lib/workflow.ts";
import { ANVIL_KEYS } from "../stack/chains.ts";
import type { Deployment } from "../stack/deploy.ts";
import type { BenchContext } from "./types.ts";

export const UNRELATED_RECORDS = 5_000;
/** Blocks before the unrelated records: only the target record's events happen there. */
const QUIET_BLOCKS = 4_500;
const BATCHES = 500;
const RECORDS_PER_BATCH = UNRELATED_RECORDS / BATCHES;
/** One block per batch of 20 transactions: the records fill the last 500 blocks. */
const BLOCKS_PER_BATCH = 1;
const TOTAL_BLOCKS = QUIET_BLOCKS + BATCHES * BLOCKS_PER_BATCH;
export const TARGET_EVENTS = 50;
/** Registered at 90% of the records: ~50 blocks before the head. */
const LATE_INDEX = 4_500;
/** Unrelated records that reserve their token for the dashboard wallet: 500k + 250 (+1 on odd k: both tokenizers). */
const WALLET_INDEXES = new Set(Array.from({ length: 10 }, (_, k) => 500 * k + 250 + (k % 2)));
const PAYMENT_DEADLINE = 4_102_444_800n; // 2100-01-01

const address = (i: number) => privateKeyToAddress(ANVIL_KEYS[i]);
const REGISTRANTS = [2, 3, 4, 5].map(address);
const TARGET_OWNER = address(9);
const [P1, P2, P3] = [6, 7, 8].map(address);
const EXECUTOR = address(1);
/** The target record's workflow (its owner's) and the one every unrelated record of a registrant goes into (each its own). */
const TARGET_WORKFLOW = "bench/scale/target";
const UNRELATED_WORKFLOW = "bench/scale/unrelated";
/** Not an anvil account: a wallet that only ever receives reservations. */
export const DASHBOARD_WALLET: Address = getAddress(`0x${keccak256(stringToHex("bench dashboard wallet")).slice(26)}`);

export interface SeededRecord {
  integraHash: Hex;
  registeredBlock: bigint;
  events: number;
}

export interface ScaleChain {
  unrelatedRecords: number;
  transactions: number;
  /** First and last block of the seeding. */
  firstBlock: bigint;
  head: bigint;
  seedSeconds: number;
  target: SeededRecord;
  late: SeededRecord;
  wallet: Address;
  walletTokens: number;
}

// --- transactions ---

/**
 * The seeding's one client: anvil's mining methods, writes from anvil's dev accounts (anvil signs) and reads. JSON-RPC
 * batching puts the writes of one block in one POST. No retries: every call is made once.
 */
function seedingClient(rpcUrl: string) {
  return createTestClient({ mode: "anvil", transport: http(rpcUrl, { batch: true, retryCount: 0 }) })
    .extend(publicActions)
    .extend(walletActions);
}

type SeedingClient = ReturnType<typeof seedingClient>;

/** The contracts the seeding writes to, typed by the generated ABIs. */
function seedingContracts(client: SeedingClient, d: Deployment) {
  const a = d.addresses;
  return {
    registry: getContract({ address: a.IntegraRecordV1, abi: integraRecordV1Abi, client }),
    multiParty: getContract({ address: a.MultiPartyTokenizerV1, abi: multiPartyTokenizerV1Abi, client }),
    ownership: getContract({ address: a.OwnershipTokenizerV1, abi: ownershipTokenizerV1Abi, client }),
    eas: getContract({ address: a.EAS, abi: easAbi, client }),
    signal: getContract({ address: a.IntegraSignalV1, abi: integraSignalV1Abi, client }),
    allowlist: getContract({ address: a.OwnerAllowlistResolverV1, abi: ownerAllowlistResolverV1Abi, client }),
  };
}

type SeedingContracts = ReturnType<typeof seedingContracts>;

class Nonces {
  private readonly next = new Map<Address, number>();
  constructor(private readonly client: SeedingClient) {}
  async load(accounts: Address[]): Promise<void> {
    for (const account of accounts)
      this.next.set(account, await this.client.getTransactionCount({ address: account, blockTag: "pending" }));
  }
  /**
   * The options of a write from `account`: its next nonce, a fixed gas limit (with automine off, an estimate would not
   * see the block's earlier transactions) and no chain id check (anvil signs).
   */
  from(account: Address, gas: bigint) {
    const nonce = this.next.get(account);
    if (nonce === undefined) throw new Error(`no nonce loaded for ${account}`);
    this.next.set(account, nonce + 1);
    return { account, nonce, gas, chain: null };
  }
}

/** The registry's id: keccak256(abi.encode(chainid, registry, registrant, contentHash, nonce)). */
function integraHashOf(d: Deployment, registrant: Address, contentHash: Hex, nonce: bigint): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "address" }, { type: "bytes32" }, { type: "uint256" }],
      [BigInt(d.chainId), d.addresses.IntegraRecordV1, registrant, contentHash, nonce],
    ),
  );
}

// --- the target record's 50 events ---

interface TargetState {
  uids: Map<bigint, Hex>;
  payments: bigint[];
}

interface TargetStep {
  label: string;
  /** Integra events the step emits on the target record. */
  events: number;
  send: (state: TargetState) => Promise<Hash>;
  after?: (receipt: TransactionReceipt, state: TargetState) => void;
}

function targetSteps(
  c: SeedingContracts,
  nonces: Nonces,
  d: Deployment,
  integraHash: Hex,
  contentHash: Hex,
  processHash: Hex,
): TargetStep[] {
  const a = d.addresses;
  const by = (account: Address) => nonces.from(account, 1_000_000n);
  const step = (label: string, send: TargetStep["send"], events = 1): TargetStep => ({ label, events, send });
  const reserve = (tokenId: bigint, party: Address) =>
    step(`reserve ${tokenId}`, () =>
      c.multiParty.write.reserveToken([integraHash, tokenId, party, 1n, processHash, "Party"], by(TARGET_OWNER)),
    );
  const attest = (tokenId: bigint, party: Address): TargetStep => ({
    ...step(`attest ${tokenId}`, () =>
      c.eas.write.attest(
        [
          claimAttestationRequest({
            schema: d.capabilitySchemaUid,
            integraHash,
            tokenId,
            processHash,
            recipient: party,
          }),
        ],
        by(TARGET_OWNER),
      ),
    ),
    after: (receipt, state) => {
      const [attested] = parseEventLogs({ abi: easAbi, logs: receipt.logs, eventName: "Attested" });
      state.uids.set(tokenId, attested.args.uid);
    },
  });
  const uidOf = (state: TargetState, tokenId: bigint): Hex => {
    const uid = state.uids.get(tokenId);
    if (!uid) throw new Error(`no attestation for token ${tokenId}`);
    return uid;
  };
  const claim = (tokenId: bigint, party: Address, events = 1) =>
    step(
      `claim ${tokenId}`,
      (state) => c.multiParty.write.claimToken([integraHash, tokenId, uidOf(state, tokenId), processHash], by(party)),
      events,
    );
  const cancel = (tokenId: bigint) =>
    step(`cancel ${tokenId}`, () => c.multiParty.write.cancelReservation([integraHash, tokenId], by(TARGET_OWNER)));
  const requestPayment = (requestor: Address, requestorToken: bigint, payer: Address, payerToken: bigint): TargetStep => ({
    ...step("request payment", () =>
      c.signal.write.requestPayment(
        [integraHash, requestorToken, payer, payerToken, `0x${"ab".repeat(64)}`, PAYMENT_DEADLINE],
        by(requestor),
      ),
    ),
    after: (receipt, state) => {
      const [requested] = parseEventLogs({ abi: integraSignalV1Abi, logs: receipt.logs, eventName: "PaymentRequested" });
      state.payments.push(requested.args.paymentId);
    },
  });
  const lastPayment = (state: TargetState): bigint => {
    const id = state.payments.at(-1);
    if (id === undefined) throw new Error("no payment requested yet");
    return id;
  };
  const markPaid = (payer: Address) => step("mark paid", (state) => c.signal.write.markPaid([lastPayment(state), "0x"], by(payer)));
  const cancelPayment = (requestor: Address) =>
    step("cancel payment", (state) => c.signal.write.cancelPayment([lastPayment(state)], by(requestor)));

  const parties = [P1, P2, P3];
  // The owner's first record opens its workflow in the same transaction (the registry's multicall); WorkflowOpened is
  // on the workflow's timeline, not the record's. The executor is only offered the role here; it accepts below.
  const openAndRegister = [
    encodeFunctionData({ abi: integraRecordV1Abi, functionName: "openWorkflow", args: [workflowIdOf(TARGET_WORKFLOW)] }),
    encodeFunctionData({
      abi: integraRecordV1Abi,
      functionName: "register",
      args: [contentHash, "0x01", a.MultiPartyTokenizerV1, EXECUTOR, processHash, []],
    }),
  ];
  const steps: TargetStep[] = [
    // RecordRegistered + OwnershipTransferred + ExecutorOffered
    step("register", () => c.registry.write.multicall([openAndRegister], by(TARGET_OWNER)), 3),
    reserve(1n, P1),
    reserve(2n, P2),
    reserve(3n, P3), // stays unclaimed until the end, so nothing completes early
  ];
  for (let k = 0; k < 5; k += 1) steps.push(reserve(BigInt(4 + k), parties[k % 3]));
  // Reserved and cancelled before the seal: not parties of the agreement.
  for (let k = 0; k < 4; k += 1) steps.push(reserve(BigInt(9 + k), parties[k % 3]), cancel(BigInt(9 + k)));
  steps.push(
    step("seal parties", () => c.multiParty.write.sealParties([integraHash], by(TARGET_OWNER))),
    attest(1n, P1),
    claim(1n, P1),
    attest(2n, P2),
    claim(2n, P2),
    requestPayment(P1, 1n, P2, 2n),
    markPaid(P2),
    requestPayment(P2, 2n, P1, 1n),
    cancelPayment(P2),
    // The executor accepting its role moves the authority epoch: the attestations below are issued after it.
    step("acceptExecutorRole", () => c.registry.write.acceptExecutorRole([integraHash], by(EXECUTOR))),
    step("addResolver", () => c.registry.write.addResolver([integraHash, a.OwnerAllowlistResolverV1], by(TARGET_OWNER))),
    step("allow", () => c.allowlist.write.setAllowed([integraHash, P1, true], by(TARGET_OWNER))),
    step("removeResolver", () => c.registry.write.removeResolver([integraHash, a.OwnerAllowlistResolverV1], by(TARGET_OWNER))),
  );
  for (let k = 0; k < 5; k += 1) steps.push(attest(BigInt(4 + k), parties[k % 3]), claim(BigInt(4 + k), parties[k % 3]));
  for (let k = 0; k < 2; k += 1) steps.push(requestPayment(P1, 1n, P2, 2n), markPaid(P2));
  // One left pending (at most MAX_PENDING_PER_PAIR may be).
  steps.push(requestPayment(P1, 1n, P2, 2n));
  // The last party claims: TokenClaimed + DocumentComplete.
  steps.push(attest(3n, P3), claim(3n, P3, 2));

  const total = steps.reduce((sum, s) => sum + s.events, 0);
  if (total !== TARGET_EVENTS) throw new Error(`target plan emits ${total} events, expected ${TARGET_EVENTS}`);
  return steps;
}

// --- seeding ---

function assertAppAddresses(d: Deployment): void {
  const bench = [
    d.addresses.IntegraRecordV1,
    d.addresses.OwnershipTokenizerV1,
    d.addresses.MultiPartyTokenizerV1,
    d.addresses.IntegraCapabilityResolverV1,
    d.addresses.IntegraSignalV1,
    d.addresses.OwnerAllowlistResolverV1,
  ].map((x) => x.toLowerCase());
  const app = integraAddresses.map((x) => x.toLowerCase());
  if (bench.join() !== app.join()) {
    throw new Error(`the app's lib/generated/integra.ts addresses (${app.join(", ")}) differ from the bench chain's (${bench.join(", ")})`);
  }
}

async function seed(ctx: BenchContext): Promise<ScaleChain> {
  const d = ctx.deployment;
  assertAppAddresses(d);
  const client = seedingClient(ctx.rpcUrl);
  const startedAt = performance.now();
  console.log(
    `Seeding ${TOTAL_BLOCKS.toLocaleString("en-US")} blocks: the target record's ${TARGET_EVENTS} events, then ${UNRELATED_RECORDS.toLocaleString("en-US")} unrelated records...`,
  );

  const contracts = seedingContracts(client, d);
  const nonces = new Nonces(client);
  await nonces.load([...REGISTRANTS, TARGET_OWNER, P1, P2, P3, EXECUTOR]);
  const registryNonce = new Map<Address, bigint>();
  for (const registrant of [...REGISTRANTS, TARGET_OWNER]) {
    registryNonce.set(
      registrant,
      await client.readContract({
        address: d.addresses.IntegraRecordV1,
        abi: integraRecordV1Abi,
        functionName: "nonces",
        args: [registrant],
      }),
    );
  }
  const nextRegistryNonce = (registrant: Address): bigint => {
    const nonce = registryNonce.get(registrant) ?? 0n;
    registryNonce.set(registrant, nonce + 1n);
    return nonce;
  };

  const targetContent = keccak256(stringToHex("bench scale target"));
  const targetProcess = processHashOf(TARGET_OWNER, TARGET_WORKFLOW);
  const targetHash = integraHashOf(d, TARGET_OWNER, targetContent, nextRegistryNonce(TARGET_OWNER));
  const steps = targetSteps(contracts, nonces, d, targetHash, targetContent, targetProcess);
  /** Step k goes out in block (tick) round(k * (TOTAL_BLOCKS - 1) / (steps - 1)) of the seeding: evenly, first to last. */
  const stepAtTick = new Map(steps.map((step, k) => [Math.round((k * (TOTAL_BLOCKS - 1)) / (steps.length - 1)), step]));
  if (stepAtTick.size !== steps.length) throw new Error("two target steps in one block");
  const state: TargetState = { uids: new Map(), payments: [] };

  let lateHash: Hex | undefined;
  /** The batch of 10 unrelated records (20 transactions) that goes out at `tick`, if any. */
  const batchAt = (tick: number): number | undefined => {
    const offset = tick - QUIET_BLOCKS;
    return offset < 0 || offset % BLOCKS_PER_BATCH !== 0 ? undefined : offset / BLOCKS_PER_BATCH;
  };
  const sendRecords = (batch: number): Promise<Hash>[] => {
    const sent: Promise<Hash>[] = [];
    for (let r = 0; r < RECORDS_PER_BATCH; r += 1) {
      const i = batch * RECORDS_PER_BATCH + r;
      const registrant = REGISTRANTS[i % REGISTRANTS.length];
      const tokenizer = i % 2 === 0 ? contracts.multiParty : contracts.ownership;
      const contentHash = keccak256(stringToHex(`bench scale record ${i}`));
      const processHash = processHashOf(registrant, UNRELATED_WORKFLOW);
      const integraHash = integraHashOf(d, registrant, contentHash, nextRegistryNonce(registrant));
      if (i === LATE_INDEX) lateHash = integraHash;
      const recipient = WALLET_INDEXES.has(i) ? DASHBOARD_WALLET : getAddress(`0x5ca1e${i.toString(16).padStart(35, "0")}`);
      sent.push(
        contracts.registry.write.register(
          [contentHash, "0x01", tokenizer.address, zeroAddress, processHash, []],
          nonces.from(registrant, 400_000n),
        ),
      );
      const reservation = [integraHash, 1n, recipient, 1n, processHash, "Party"] as const;
      const options = nonces.from(registrant, 300_000n);
      sent.push(
        i % 2 === 0
          ? contracts.multiParty.write.reserveToken(reservation, options)
          : contracts.ownership.write.reserveToken(reservation, options),
      );
    }
    return sent;
  };

  // Each registrant of unrelated records opens its workflow for them, before the seeded range.
  for (const registrant of REGISTRANTS) {
    const hash = await contracts.registry.write.openWorkflow([workflowIdOf(UNRELATED_WORKFLOW)], nonces.from(registrant, 200_000n));
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`openWorkflow of ${registrant} reverted`);
  }

  let transactions = 0;
  let emptyBlocks = 0;
  const mineEmpty = async () => {
    if (emptyBlocks > 0) await client.mine({ blocks: emptyBlocks });
    emptyBlocks = 0;
  };
  const firstBlock = (await client.getBlockNumber()) + 1n;
  await client.setAutomine(false);
  try {
    for (let tick = 0; tick < TOTAL_BLOCKS; tick += 1) {
      const step = stepAtTick.get(tick);
      const batch = batchAt(tick);
      if (!step && batch === undefined) {
        emptyBlocks += 1;
        continue;
      }
      // Mined before this block's writes are sent: with automine off they would land in the first empty block.
      await mineEmpty();
      // Started in order (each takes its nonce now); they reach anvil together, in one JSON-RPC batch.
      const sends = [...(step ? [step.send(state)] : []), ...(batch === undefined ? [] : sendRecords(batch))];
      const hashes = await Promise.all(sends);
      transactions += sends.length;
      await client.mine({ blocks: 1 });
      if (step) {
        const receipt = await client.getTransactionReceipt({ hash: hashes[0] });
        if (receipt.status !== "success") throw new Error(`target step "${step.label}" reverted (${receipt.transactionHash})`);
        step.after?.(receipt, state);
      }
    }
    await mineEmpty();
  } finally {
    await client.setAutomine(true);
  }
  const head = await client.getBlockNumber();
  const seedSeconds = (performance.now() - startedAt) / 1000;

  // Every bulk transaction must have landed: count the events they emit over the seeded range.
  const registered = (
    await client.getLogs({
      address: d.addresses.IntegraRecordV1,
      event: getAbiItem({ abi: integraRecordV1Abi, name: "RecordRegistered" }),
      fromBlock: firstBlock,
      toBlock: head,
    })
  ).length;
  const reserved = (
    await client.getLogs({
      address: [d.addresses.MultiPartyTokenizerV1, d.addresses.OwnershipTokenizerV1],
      event: getAbiItem({ abi: multiPartyTokenizerV1Abi, name: "TokenReserved" }),
      fromBlock: firstBlock,
      toBlock: head,
    })
  ).length;
  const targetReserves = steps.filter((s) => s.label.startsWith("reserve")).length;
  if (registered !== UNRELATED_RECORDS + 1 || reserved !== UNRELATED_RECORDS + targetReserves) {
    throw new Error(`seeding incomplete: ${registered} registrations, ${reserved} reservations in blocks ${firstBlock}..${head}`);
  }

  const recordAt = async (integraHash: Hex | undefined, events: number): Promise<SeededRecord> => {
    if (!integraHash) throw new Error("record not seeded");
    const info = await client.readContract({
      address: d.addresses.IntegraRecordV1,
      abi: integraRecordV1Abi,
      functionName: "getRecord",
      args: [integraHash],
    });
    return { integraHash, registeredBlock: info.registeredBlock, events };
  };
  return {
    unrelatedRecords: UNRELATED_RECORDS,
    transactions,
    firstBlock,
    head,
    seedSeconds,
    target: await recordAt(targetHash, TARGET_EVENTS),
    late: await recordAt(lateHash, 3), // RecordRegistered, OwnershipTransferred, TokenReserved
    wallet: DASHBOARD_WALLET,
    walletTokens: WALLET_INDEXES.size,
  };
}

let seeded: Promise<ScaleChain> | undefined;

/** Seeds on first use; both "at scale" sections share the result. */
export function scaleChain(ctx: BenchContext): Promise<ScaleChain> {
  seeded ??= seed(ctx);
  return seeded;
}

export function describeScaleChain(chain: ScaleChain): string {
  return (
    `Chain: ${chain.unrelatedRecords.toLocaleString("en-US")} unrelated records + 1 target, ${chain.transactions.toLocaleString("en-US")} transactions ` +
    `in blocks ${chain.firstBlock}..${chain.head}; seeded in ${chain.seedSeconds.toFixed(1)} s.`
  );
}
