// Gas of the product's writes, each against its lower bound: what the EVM, EAS and the token standards force
// on any implementation of the same operation, so that the ratio measures only what is ours (our checks, our
// bookkeeping, the compiler's code). Every term is taken from the very transaction (its calldata, anvil's
// prestate diff of its storage, its receipt's logs, the attestation it reads), not assumed. Prices are
// EIP-2028 (calldata), EIP-2929 (cold access) and EIP-2200/3529 (storage) as anvil charges them.
//
// lower bound = base + calldata + new slots + logs                                 (every operation)
//             + EAS read + EAS code + status slot                                  (claims)
//             + signature + target call + signer's code check                      (forwarded claims)
//
// A forwarded claim is also compared with the direct one of the same tokenizer, and what it adds is split three
// ways, each measured from the two transactions' call traces: forced (the difference of the two lower bounds),
// OpenZeppelin's forwarder (its frame less its forced terms, with the trust check it makes into the tokenizer),
// and ours (the tokenizer's own execution, forwarded less direct, less the signer's cold account it touches).
//
// Not counted (ours, by design): the authority checks (the registry's authorityOf / authorityEpochOf and the
// capability resolver's issuedUnderEpoch: two cold calls and two cold slots on a claim), the per-record
// progress slot (reserved / claimed / sealed / complete), warm reads, memory and ABI code.
import {
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type TransactionReceipt,
  encodeFunctionData,
  getAbiItem,
  parseEventLogs,
  sha256,
  stringToHex,
  toFunctionSelector,
  zeroAddress,
  zeroHash,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { forwardRequestData, forwardRequestTypedData } from "@/lib/forwarder/forwardRequest.ts";
import { prepareForwardRequest } from "@/lib/forwarder/prepareForwardRequest.ts";
import { type ContractCall, integraCalls } from "@/lib/writes/index.ts";
import { CAPABILITY } from "@/lib/capabilities.ts";
import { processHashOf, workflowIdOf } from "@/lib/workflow.ts";
import {
  easAbi,
  integraForwarderV1Abi,
  integraRecordV1Abi,
  integraSignalV1Abi,
  multiPartyTokenizerV1Abi,
  ownershipTokenizerV1Abi,
} from "@/lib/generated/integra.ts";
import { ANVIL_KEYS } from "../stack/chains.ts";
import { clientsFor } from "../stack/clients.ts";
import type { Clients } from "../stack/clients.ts";
import type { Deployment } from "../stack/deploy.ts";

/** The demo agreement's roles: what a clerk types, so the event data is as long as in real use. */
const ROLES = ["Buyer", "Seller", "Lender"];
import { type ContractWrite, type Mutability, sendAndWait, writeAndWait } from "../stack/write.ts";

/** The forced costs of one transaction, each a term of its lower bound (zero where it does not apply). */
export interface BoundTerms {
  /** 21,000: every transaction. */
  base: number;
  /** 16 per non-zero and 4 per zero byte of the transaction's input (EIP-2028). */
  calldata: number;
  /** 22,100 per storage slot the transaction turns from zero to non-zero (cold SLOAD 2,100 + SSTORE 20,000). */
  newSlots: number;
  /** 375 per log + 375 per topic + 8 per data byte, for every log of the receipt (the event layout is the product's). */
  logs: number;
  /**
   * Claims: reading the attestation, which EAS only offers whole (`getAttestation` copies the stored struct):
   * a cold CALL to EAS (2,600) + a cold SLOAD (2,100) per slot of the stored `Attestation`: uid, schema,
   * time/expirationTime/revocationTime (one packed slot), refUID, recipient, attester+revocable, the data's
   * length, and one slot per 32 bytes of data (the capability schema's 128 bytes: 4). 7 + 4 = 11 slots.
   */
  easRead: number;
  /**
   * Claims: the rest of EAS's `getAttestation` frame, measured from the transaction's call trace (the frame's gas
   * less the cold slots above): EAS's dispatcher, its copy of the stored struct and the ABI encoding of its answer.
   * EAS's code, not ours; `getAttestation` is the only way EAS offers to read an attestation.
   */
  easCode: number;
  /** Claims: the token's own state change, reserved -> claimed: a cold SLOAD (2,100) + a non-zero SSTORE (2,900). */
  statusSlot: number;
  /**
   * Forwarded claims (ERC-2771): the signature's ecrecover (the precompile's 3,000 + the warm call to it, 100), the
   * cold call from the forwarder to the tokenizer (2,600; a direct claim's tokenizer is the transaction's warm `to`),
   * and the signer's account, cold where a direct claimant (the transaction's sender) is warm, when the token
   * standard's receiver check reads its code (2,600 - 100: ERC-721 `_safeMint`, ERC-1155's acceptance check).
   * The signer's nonce slot is among the new slots, the forwarder's `ExecutedForwardRequest` among the logs.
   */
  forwarding: number;
}

/** Claims: where the execution gas went, from the call trace, to split what a forwarder adds to a claim. */
export interface ClaimFrames {
  /** The claim's execution in the tokenizer, its calls to EAS, the registry and the resolver included. */
  tokenizer: number;
  /** Forwarded claims (0 direct): the rest of the execution, the forwarder's, its ecrecover and trust check included. */
  forwarder: number;
  /** Forwarded claims: the forwarder's `isTrustedForwarder` call into the tokenizer (OpenZeppelin's own check). */
  trustCheck: number;
  /**
   * Forwarded claims: the forced terms paid in the forwarder's frame: ecrecover, the cold tokenizer, and the new
   * slots and logs of the forwarder's own address (the signer's nonce, `ExecutedForwardRequest`).
   */
  forwarderForced: number;
  /** Forwarded claims: the new slots and logs of the forwarder's own address, the part of `forwarderForced` that is storage and logs. */
  forwarderWrites: number;
}

export interface GasRow {
  operation: string;
  hash: Hex;
  gasUsed: bigint;
  newSlotCount: number;
  terms: BoundTerms;
  claimFrames?: ClaimFrames;
  lowerBound: number;
  ratio: number;
  /** The ratio this row must not exceed. */
  goal: number;
}

/** Goal for claims against the bound above: what is ours is at most 30% of what is forced. */
export const CLAIM_GOAL = 1.3;
/** Goal for the other writes, whose bounds count storage and logs only (not their authority checks). */
export const WRITE_GOAL = 1.4;
/**
 * Goal for sealParties: its bound is 21,000 + calldata + one log, while the trust rules make it read the record's
 * authority from the registry (a cold call and four cold slots: 11,000) and write the seal flag (5,000), and the
 * record's change count moves with it (the version a buyer's accept names: a few hundred gas in the same slot).
 */
export const SEAL_GOAL = 1.85;
/**
 * Goal for acceptRecordOwnership: its bound is 21,000 + calldata + the new owner's list entry + three logs, while the
 * trust rules make it rewrite the owner and end the executor's authority (two cold slot rewrites: 10,000), clear the
 * ownership and executor offers (two cold reads and clears, each mostly refunded), and read the tokenizer's change
 * count for the version it names (a cold call and a cold slot: 4,700). Those alone are ~1.3x of the bound.
 */
export const ACCEPT_GOAL = 1.7;
/**
 * What our contracts add to a forwarded claim, past what forwarding forces and OpenZeppelin's forwarder code: at most
 * 1% of the same direct claim (about 1,100-1,300 gas), in the same run. (Until issue 13 the goal was forwarded / direct <= 1.35x; forced and
 * OpenZeppelin's code alone make 1.38x for ERC-1155, so it measured the forwarder, not us.)
 */
export const FORWARDED_GOAL = 1.01;
/** registerWithParties against register + one reserveToken per party: one transaction must cost less. */
export const PARTY_SET_GOAL = 1.0;

const COLD_ACCOUNT = 2_600;
const WARM_ACCESS = 100;
const COLD_SLOAD = 2_100;
const ECRECOVER = 3_000;
/** The stored `Attestation`'s fixed slots (see `easRead`); its data adds one per 32 bytes. */
const ATTESTATION_FIXED_SLOTS = 7;

interface CallFrame {
  to?: Address;
  input: Hex;
  gasUsed: Hex;
  calls?: CallFrame[];
}

/** Gas used inside the frames of `to` whose input starts with `selector`, from the transaction's call trace. */
export async function frameGas(clients: Clients, hash: Hex, to: Address, selector: Hex): Promise<number> {
  const root = await clients.publicClient.request<{
    Parameters: [hash: Hex, options: { tracer: "callTracer" }];
    ReturnType: CallFrame;
  }>({ method: "debug_traceTransaction", params: [hash, { tracer: "callTracer" }] });
  const sum = (frame: CallFrame): number =>
    (frame.to?.toLowerCase() === to.toLowerCase() && frame.input.startsWith(selector) ? Number(frame.gasUsed) : 0) +
    (frame.calls ?? []).reduce((total, call) => total + sum(call), 0);
  return sum(root);
}

type StateDiff = Record<string, { storage?: Record<string, Hex> }>;

/** Storage slots the transaction turns from zero to non-zero, per (lower-case) address. */
async function newStorageSlots(clients: Clients, hash: Hex): Promise<Map<string, number>> {
  return (await storageChanges(clients, hash)).created;
}

/**
 * Storage slots the transaction changed, per (lower-case) address, from anvil's prestate diff: `created` turned from
 * zero to non-zero, `rewritten` from one non-zero value to another.
 */
export async function storageChanges(
  clients: Clients,
  hash: Hex,
): Promise<{ created: Map<string, number>; rewritten: Map<string, number> }> {
  const { pre, post } = await clients.publicClient.request<{
    Parameters: [hash: Hex, options: { tracer: "prestateTracer"; tracerConfig: { diffMode: true } }];
    ReturnType: { pre: StateDiff; post: StateDiff };
  }>({ method: "debug_traceTransaction", params: [hash, { tracer: "prestateTracer", tracerConfig: { diffMode: true } }] });
  const created = new Map<string, number>();
  const rewritten = new Map<string, number>();
  const count = (map: Map<string, number>, address: string) => map.set(address, (map.get(address) ?? 0) + 1);
  for (const [address, account] of Object.entries(post)) {
    for (const [slot, value] of Object.entries(account.storage ?? {})) {
      const before = BigInt(pre[address]?.storage?.[slot] ?? 0);
      if (BigInt(value) === 0n) continue;
      if (before === 0n) count(created, address.toLowerCase());
      else if (before !== BigInt(value)) count(rewritten, address.toLowerCase());
    }
  }
  return { created, rewritten };
}

export function calldataCost(input: Hex): number {
  let cost = 0;
  for (let i = 2; i < input.length; i += 2) cost += input.slice(i, i + 2) === "00" ? 4 : 16;
  return cost;
}

/** Gas of the receipt's logs (only those `from` emitted, when given). */
export function logCost(receipt: TransactionReceipt, from?: Address): number {
  return receipt.logs
    .filter((log) => from === undefined || log.address.toLowerCase() === from.toLowerCase())
    .reduce((sum, log) => sum + 375 + 375 * log.topics.length + 8 * ((log.data.length - 2) / 2), 0);
}

export async function measureGas(rpcUrl: string, deployment: Deployment): Promise<GasRow[]> {
  const [clerk, party] = await Promise.all([clientsFor(rpcUrl, ANVIL_KEYS[6]), clientsFor(rpcUrl, ANVIL_KEYS[7])]);
  const payer = await clientsFor(rpcUrl, ANVIL_KEYS[8]);
  const a = deployment.addresses;
  const registry = { address: a.IntegraRecordV1, abi: integraRecordV1Abi } as const;
  const ownership = { address: a.OwnershipTokenizerV1, abi: ownershipTokenizerV1Abi } as const;
  const multiParty = { address: a.MultiPartyTokenizerV1, abi: multiPartyTokenizerV1Abi } as const;
  const signal = { address: a.IntegraSignalV1, abi: integraSignalV1Abi } as const;
  const eas = { address: a.EAS, abi: easAbi } as const;
  const clerkAddress = clerk.walletClient.account.address;
  /** The clerk's own workflow: every record below goes into it (opened first), unless a row says otherwise. */
  const processHash = processHashOf(clerkAddress, "bench/gas");
  const rows: GasRow[] = [];

  /** Claims name the attestation they read, their tokenizer, and whether a forwarder submits them: their bound has more terms. */
  interface ClaimOf {
    attestationUid: Hex;
    tokenizer: Address;
    forwarded: boolean;
  }
  const claimTokenSelector = toFunctionSelector(getAbiItem({ abi: multiPartyTokenizerV1Abi, name: "claimToken" }));
  const isTrustedForwarderSelector = toFunctionSelector(getAbiItem({ abi: multiPartyTokenizerV1Abi, name: "isTrustedForwarder" }));

  async function measure<
    const abi extends Abi,
    functionName extends ContractFunctionName<abi, Mutability>,
    const args extends ContractFunctionArgs<abi, Mutability, functionName>,
  >(operation: string, clients: Clients, call: ContractWrite<abi, functionName, args> | ContractCall, claim?: ClaimOf) {
    const receipt = "data" in call ? await sendAndWait(clients, call) : await writeAndWait(clients, call);
    const hash = receipt.transactionHash;
    const newSlots = await newStorageSlots(clients, hash);
    const newSlotCount = [...newSlots.values()].reduce((sum, n) => sum + n, 0);
    const { input } = await clients.publicClient.getTransaction({ hash });
    let easRead = 0;
    let easCode = 0;
    if (claim) {
      const attestation = await clients.publicClient.readContract({ ...eas, functionName: "getAttestation", args: [claim.attestationUid] });
      const slots = ATTESTATION_FIXED_SLOTS + Math.ceil((attestation.data.length - 2) / 2 / 32);
      easRead = COLD_ACCOUNT + COLD_SLOAD * slots;
      const getAttestation = toFunctionSelector(getAbiItem({ abi: easAbi, name: "getAttestation" }));
      easCode = (await frameGas(clients, hash, eas.address, getAttestation)) - COLD_SLOAD * slots;
    }
    const terms: BoundTerms = {
      base: 21_000,
      calldata: calldataCost(input),
      newSlots: 22_100 * newSlotCount,
      logs: logCost(receipt),
      easRead,
      easCode,
      statusSlot: claim ? COLD_SLOAD + 2_900 : 0,
      forwarding: claim?.forwarded ? ECRECOVER + WARM_ACCESS + COLD_ACCOUNT + (COLD_ACCOUNT - WARM_ACCESS) : 0,
    };
    let claimFrames: ClaimFrames | undefined;
    // Execution: all the gas past the intrinsic (base + calldata). A direct claim's is the tokenizer's alone.
    const execution = Number(receipt.gasUsed) - terms.base - terms.calldata;
    if (claim?.forwarded) {
      const tokenizer = await frameGas(clients, hash, claim.tokenizer, claimTokenSelector);
      const forwarder = "data" in call ? call.to : call.address;
      const forwarderWrites = 22_100 * (newSlots.get(forwarder.toLowerCase()) ?? 0) + logCost(receipt, forwarder);
      claimFrames = {
        tokenizer,
        forwarder: execution - tokenizer,
        trustCheck: await frameGas(clients, hash, claim.tokenizer, isTrustedForwarderSelector),
        forwarderForced: ECRECOVER + WARM_ACCESS + COLD_ACCOUNT + forwarderWrites,
        forwarderWrites,
      };
    } else if (claim) {
      claimFrames = { tokenizer: execution, forwarder: 0, trustCheck: 0, forwarderForced: 0, forwarderWrites: 0 };
    }
    const lowerBound = Object.values(terms).reduce((sum, term) => sum + term, 0);
    const goal = claim
      ? CLAIM_GOAL
      : operation.startsWith("seal parties")
        ? SEAL_GOAL
        : operation.startsWith("accept ownership")
          ? ACCEPT_GOAL
          : WRITE_GOAL;
    rows.push({
      operation,
      hash,
      gasUsed: receipt.gasUsed,
      newSlotCount,
      terms,
      claimFrames,
      lowerBound,
      ratio: Number(receipt.gasUsed) / lowerBound,
      goal,
    });
    return receipt;
  }

  const integraHashIn = (receipt: TransactionReceipt): Hex =>
    parseEventLogs({ abi: integraRecordV1Abi, logs: receipt.logs, eventName: "RecordRegistered" })[0].args.integraHash;

  /** A bare registration (no parties) by `by` into `workflow` (default the clerk's open one; zero: none), offering `executor`. */
  async function registerRecord(
    tokenizer: Address,
    label: string,
    options: { by?: Clients; workflow?: Hex; executor?: Address } = {},
  ): Promise<Hex> {
    const receipt = await measure(`register (${label})`, options.by ?? clerk, {
      ...registry,
      functionName: "register",
      args: [
        sha256(stringToHex(`bench ${label} ${Date.now()}`)),
        "0x01",
        tokenizer,
        options.executor ?? zeroAddress,
        options.workflow ?? processHash,
        [],
      ],
    });
    return integraHashIn(receipt);
  }

  /** The registry's multicall: the clerk opens its workflow `name` and registers `register` into it, one transaction. */
  function openingMulticall(name: string, register: Hex) {
    const open = encodeFunctionData({ abi: integraRecordV1Abi, functionName: "openWorkflow", args: [workflowIdOf(name)] });
    return { ...registry, functionName: "multicall", args: [[open, register]] } as const;
  }

  async function attest(integraHash: Hex, tokenId: bigint, recipient: Address, label: string): Promise<Hex> {
    const receipt = await measure(
      `attest CLAIM (${label})`,
      clerk,
      integraCalls.issueCapability({ integraHash, tokenId, capabilities: CAPABILITY.CLAIM, recipient, processHash }),
    );
    const [event] = parseEventLogs({ abi: easAbi, logs: receipt.logs, eventName: "Attested" });
    return event.args.uid;
  }

  const partyAddress = party.walletClient.account.address;
  const payerAddress = payer.walletClient.account.address;

  // Workflows: the clerk opens its own (every record below goes into it), and admits the party as a member.
  await measure("open workflow", clerk, { ...registry, functionName: "openWorkflow", args: [workflowIdOf("bench/gas")] });
  // Warm the registrant's nonce so "register" measures the steady state, not a first-ever registration.
  await registerRecord(a.OwnershipTokenizerV1, "first, cold nonce");
  await registerRecord(a.OwnershipTokenizerV1, "no workflow", { workflow: zeroHash });
  await registerRecord(a.OwnershipTokenizerV1, "into an open workflow");
  // The owner's first record of a new workflow opens it in the same transaction.
  const bareRegister = (label: string) =>
    encodeFunctionData({
      abi: integraRecordV1Abi,
      functionName: "register",
      args: [
        sha256(stringToHex(`bench ${label} ${Date.now()}`)),
        "0x01",
        a.OwnershipTokenizerV1,
        zeroAddress,
        processHashOf(clerkAddress, "bench/gas/first"),
        [],
      ],
    });
  await measure(
    "register (first record, opens the workflow: multicall)",
    clerk,
    openingMulticall("bench/gas/first", bareRegister("first")),
  );
  await measure("admit member", clerk, {
    ...registry,
    functionName: "admitMember",
    args: [processHash, party.walletClient.account.address],
  });
  await registerRecord(a.OwnershipTokenizerV1, "member's first, cold nonce", { by: party });
  await registerRecord(a.OwnershipTokenizerV1, "by a member", { by: party });
  const deed = await registerRecord(a.OwnershipTokenizerV1, "ownership");
  await measure("reserve (ownership)", clerk, {
    ...ownership,
    functionName: "reserveToken",
    args: [deed, 1n, partyAddress, 1n, processHash, "Buyer"],
  });
  const deedUid = await attest(deed, 1n, partyAddress, "ownership");
  await measure(
    "claim (ownership, ERC-721)",
    party,
    { ...ownership, functionName: "claimToken", args: [deed, 1n, deedUid, processHash] },
    { attestationUid: deedUid, tokenizer: a.OwnershipTokenizerV1, forwarded: false },
  );

  const agreement = await registerRecord(a.MultiPartyTokenizerV1, "multi-party");
  await measure("reserve (multi-party)", clerk, {
    ...multiParty,
    functionName: "reserveToken",
    args: [agreement, 1n, partyAddress, 1n, processHash, "Buyer"],
  });
  await measure("reserve (multi-party, 2nd)", clerk, {
    ...multiParty,
    functionName: "reserveToken",
    args: [agreement, 2n, payerAddress, 1n, processHash, "Seller"],
  });
  await measure("seal parties (multi-party)", clerk, { ...multiParty, functionName: "sealParties", args: [agreement] });

  // Three parties the old way (roles as the demo's) (register, then one reservation per transaction) against one registerWithParties.
  const threeParties = [partyAddress, payerAddress, clerk.walletClient.account.address];
  const separate = await registerRecord(a.MultiPartyTokenizerV1, "3 parties, separately");
  for (const [i, recipient] of threeParties.entries()) {
    await measure(`reserve (3 parties, separately, #${i + 1})`, clerk, {
      ...multiParty,
      functionName: "reserveToken",
      args: [separate, BigInt(i + 1), recipient, 1n, processHash, ROLES[i]],
    });
  }
  const withParties = (label: string, workflow: Hex) =>
    [
      sha256(stringToHex(`bench ${label} ${Date.now()}`)),
      "0x01",
      a.MultiPartyTokenizerV1,
      zeroAddress,
      workflow,
      [],
      threeParties.map((recipient, i) => ({ recipient, amount: 1n, role: ROLES[i] })),
    ] as const;
  await measure("register with 3 parties (one transaction)", clerk, {
    ...registry,
    functionName: "registerWithParties",
    args: withParties("3 parties", processHash),
  });
  await measure(
    "register with 3 parties, opens the workflow (multicall)",
    clerk,
    openingMulticall(
      "bench/gas/first with parties",
      encodeFunctionData({
        abi: integraRecordV1Abi,
        functionName: "registerWithParties",
        args: withParties("3 parties, opening", processHashOf(clerkAddress, "bench/gas/first with parties")),
      }),
    ),
  );
  const uid1 = await attest(agreement, 1n, partyAddress, "multi-party");
  const uid2 = await attest(agreement, 2n, payerAddress, "multi-party, 2nd");
  await measure(
    "claim (multi-party, ERC-1155)",
    party,
    { ...multiParty, functionName: "claimToken", args: [agreement, 1n, uid1, processHash] },
    { attestationUid: uid1, tokenizer: a.MultiPartyTokenizerV1, forwarded: false },
  );
  await measure(
    "claim (multi-party, completes)",
    payer,
    { ...multiParty, functionName: "claimToken", args: [agreement, 2n, uid2, processHash] },
    { attestationUid: uid2, tokenizer: a.MultiPartyTokenizerV1, forwarded: false },
  );

  // Forwarded claims: a fresh wallet with no ether signs, a sponsor submits forwarder.execute (ERC-2771).
  const sponsor = payer;
  /** Both tokenizers share reserve, seal and claim (IntegraTokenizerBase): the multi-party ABI serves either address. */
  async function forwardedClaim(label: string, tokenizer: Address, integraHash: Hex, tokenId: bigint) {
    const ephemeral = privateKeyToAccount(generatePrivateKey());
    const contract = { address: tokenizer, abi: multiPartyTokenizerV1Abi } as const;
    await measure(`reserve (${label}, for forwarding)`, clerk, {
      ...contract,
      functionName: "reserveToken",
      args: [integraHash, tokenId, ephemeral.address, 1n, processHash, "Buyer"],
    });
    if (tokenizer === a.MultiPartyTokenizerV1) await writeAndWait(clerk, { ...contract, functionName: "sealParties", args: [integraHash] });
    const uid = await attest(integraHash, tokenId, ephemeral.address, `${label}, for forwarding`);
    const data = encodeFunctionData({
      abi: multiPartyTokenizerV1Abi,
      functionName: "claimToken",
      args: [integraHash, tokenId, uid, processHash],
    });
    const client = sponsor.publicClient;
    const request = await prepareForwardRequest(client, { from: ephemeral.address, to: tokenizer, data }, a.IntegraForwarderV1);
    const signature = await ephemeral.signTypedData(forwardRequestTypedData(request, await client.getChainId(), a.IntegraForwarderV1));
    await measure(
      `claim (${label}, forwarded)`,
      sponsor,
      {
        address: a.IntegraForwarderV1,
        abi: integraForwarderV1Abi,
        functionName: "execute",
        args: [forwardRequestData({ ...request, signature })],
      },
      { attestationUid: uid, tokenizer, forwarded: true },
    );
  }
  const deed2 = await registerRecord(a.OwnershipTokenizerV1, "ownership, 2nd");
  await forwardedClaim("ownership, ERC-721", a.OwnershipTokenizerV1, deed2, 1n);
  const agreement2 = await registerRecord(a.MultiPartyTokenizerV1, "multi-party, 2nd");
  await measure("reserve (multi-party, keeps it open)", clerk, {
    ...multiParty,
    functionName: "reserveToken",
    args: [agreement2, 2n, payerAddress, 1n, processHash, "Seller"],
  });
  // (Not sealed: the forwarded claim below completes nothing, like the direct one it is compared with.)
  await forwardedClaim("multi-party, ERC-1155", a.MultiPartyTokenizerV1, agreement2, 1n);

  const block = await party.publicClient.getBlock();
  await measure("request payment", party, {
    ...signal,
    functionName: "requestPayment",
    args: [agreement, 1n, payerAddress, 2n, `0x${"ab".repeat(64)}`, block.timestamp + 86_400n],
  });

  // Executors consent, and a transfer's accept names the record's version. A deed offered its executor (the payer) at
  // registration, which takes the role; then offered to the party, who accepts it as it was: the executor is removed.
  const sold = await registerRecord(a.OwnershipTokenizerV1, "offering an executor", { executor: payerAddress });
  await measure("accept executor role", payer, { ...registry, functionName: "acceptExecutorRole", args: [sold] });
  await measure("offer executor", clerk, { ...registry, functionName: "offerExecutor", args: [sold, partyAddress] });
  await measure("offer ownership", clerk, { ...registry, functionName: "offerRecordOwnership", args: [sold, partyAddress, "sale"] });
  const version = await clerk.publicClient.readContract({ ...registry, functionName: "recordVersionOf", args: [sold] });
  await measure("accept ownership (acceptRecordOwnership)", party, {
    ...registry,
    functionName: "acceptRecordOwnership",
    args: [sold, version],
  });
  return rows;
}

const fmt = (n: number | bigint) => n.toLocaleString("en-US");
const verdict = (value: number, goal: number) => (value <= goal ? "ok" : "OVER");

/** What a forwarder adds to a claim, split three ways; the parts add up to `added`. */
export interface ForwardingSplit {
  added: number;
  /** The difference of the two lower bounds: what any ERC-2771 forwarding of this claim must pay. */
  forced: number;
  /** Its terms, each forwarded less direct (only those that differ). */
  forcedTerms: [name: string, gas: number][];
  /** OpenZeppelin's ERC2771Forwarder past its forced terms (decoding, EIP-712 hashing, the copy of the call data, the nonce read twice, the trust check). */
  forwarderCode: number;
  /** The trust check within `forwarderCode`: the forwarder's `isTrustedForwarder` call, executed in the tokenizer. */
  trustCheck: number;
  /** Ours: the tokenizer's own execution, forwarded less direct, past the forced terms paid in it. */
  ours: number;
}

const TERM_NAMES: Record<keyof BoundTerms, string> = {
  base: "base",
  calldata: "calldata (the request and signature)",
  newSlots: "new slots (the signer's nonce)",
  logs: "logs (ExecutedForwardRequest)",
  easRead: "EAS read",
  easCode: "EAS code",
  statusSlot: "status slot",
  forwarding: "forwarding (ecrecover 3,100, cold tokenizer 2,600, cold signer 2,500)",
};

/**
 * Splits forwarded - direct: forced (the lower bounds' difference), OpenZeppelin's forwarder (its frame's execution
 * less its own forced terms), ours (the rest: the tokenizer's execution, forwarded less direct, less its forced
 * terms, such as the signer's cold account). All from the two transactions of the same run.
 */
export function forwardingSplit(direct: GasRow, forwarded: GasRow): ForwardingSplit {
  const added = Number(forwarded.gasUsed - direct.gasUsed);
  const frames = forwarded.claimFrames ?? { forwarder: 0, trustCheck: 0, forwarderForced: 0, forwarderWrites: 0, tokenizer: 0 };
  // Only the forwarder's own new slots and logs are forced by forwarding: any other slot or log a forwarded claim
  // writes beyond the direct one's is ours, not a term of the bound.
  const writes = (row: GasRow) => row.terms.newSlots + row.terms.logs;
  const oursWrites = Math.max(0, writes(forwarded) - writes(direct) - frames.forwarderWrites);
  const forced = forwarded.lowerBound - direct.lowerBound - oursWrites;
  const forcedTerms = (Object.keys(direct.terms) as (keyof BoundTerms)[])
    .map((key): [string, number] => [TERM_NAMES[key], forwarded.terms[key] - direct.terms[key]])
    .filter(([, gas]) => gas !== 0);
  if (oursWrites > 0) forcedTerms.push(["less writes not the forwarder's (ours)", -oursWrites]);
  const forwarderCode = frames.forwarder - frames.forwarderForced;
  return { added, forced, forcedTerms, forwarderCode, trustCheck: frames.trustCheck, ours: added - forced - forwarderCode };
}

/**
 * Forwarded claim gas over direct claim gas, per tokenizer, measured in the same run; then what the forwarder adds,
 * split into forced, OpenZeppelin's forwarder and ours, each also as the ratio it alone would give. The goal is on ours.
 */
export function forwardedOverDirect(rows: GasRow[]): string[] {
  const row = (operation: string) => rows.find((r) => r.operation === operation);
  const pairs = [
    ["ownership, ERC-721", "claim (ownership, ERC-721)", "claim (ownership, ERC-721, forwarded)"],
    ["multi-party, ERC-1155", "claim (multi-party, ERC-1155)", "claim (multi-party, ERC-1155, forwarded)"],
  ] as const;
  return pairs.map(([label, directName, forwardedName]) => {
    const direct = row(directName);
    const forwarded = row(forwardedName);
    if (!direct || !forwarded) return `forwarded claim (${label}): not measured`;
    const d = Number(direct.gasUsed);
    const ratio = Number(forwarded.gasUsed) / d;
    const split = forwardingSplit(direct, forwarded);
    const alone = (gas: number) => `+${(gas / d).toFixed(3)}x`;
    const oursRatio = 1 + split.ours / d;
    const line = (name: string, gas: number, detail: string) =>
      `  ${name.padEnd(31)} ${fmt(gas).padStart(7)} ${alone(gas)}  ${detail}`.trimEnd();
    return [
      `forwarded claim (${label}): ${fmt(forwarded.gasUsed)} gas vs direct ${fmt(d)} = ${ratio.toFixed(2)}x; ours ${oursRatio.toFixed(3)}x (goal <= ${FORWARDED_GOAL.toFixed(2)}x: ${verdict(oursRatio, FORWARDED_GOAL)}); adds ${fmt(split.added)}:`,
      line("forced", split.forced, split.forcedTerms.map(([name, gas]) => `${name} ${fmt(gas)}`).join(", ")),
      line(
        "OpenZeppelin's forwarder code",
        split.forwarderCode,
        `of which its isTrustedForwarder call into the tokenizer ${fmt(split.trustCheck)}`,
      ),
      line("ours (tokenizer, fwd - direct)", split.ours, ""),
      `  forced alone ${(1 + split.forced / d).toFixed(3)}x; forced and OpenZeppelin's forwarder ${(1 + (split.forced + split.forwarderCode) / d).toFixed(3)}x`,
    ].join("\n");
  });
}

/** Three parties in one registerWithParties against register + three reserveToken transactions, same run. */
export function onePartySetTransaction(rows: GasRow[]): string {
  const gas = (operation: string) => rows.find((r) => r.operation === operation)?.gasUsed ?? 0n;
  const separately =
    gas("register (3 parties, separately)") + [1, 2, 3].reduce((sum, i) => sum + gas(`reserve (3 parties, separately, #${i})`), 0n);
  const together = gas("register with 3 parties (one transaction)");
  const ratio = Number(together) / Number(separately);
  return `register + 3 reservations: ${fmt(separately)} gas in 4 transactions (no seal) vs registerWithParties ${fmt(together)} gas in 1 (sealed) = ${ratio.toFixed(2)}x (goal < ${PARTY_SET_GOAL.toFixed(2)}x: ${ratio < PARTY_SET_GOAL ? "ok" : "OVER"})`;
}

/** How the lower bound is made, printed above the table. */
export const GAS_BOUND_LEGEND = [
  "Gas per operation against its lower bound: what the EVM, EAS and the token standards force (ratio = gas used / lower bound).",
  "  base 21,000 + calldata (16/non-zero byte, 4/zero byte) + new slots (22,100 each, from the prestate diff) + logs (375 + 375/topic + 8/data byte)",
  "  claims:    + EAS read (cold call 2,600 + 2,100 per cold slot of the attestation: 7 fixed + 1 per 32 data bytes)",
  "             + EAS code (the rest of EAS's getAttestation frame, from the call trace) + status slot (2,100 + 2,900)",
  "  forwarded: + ecrecover 3,100 (precompile 3,000 + warm call 100) + cold call to the tokenizer 2,600",
  "             + the signer's account for the receiver check, cold where a direct claimant's is warm: 2,600 - 100",
  `  goals: claims <= ${CLAIM_GOAL.toFixed(2)}x, sealing <= ${SEAL_GOAL.toFixed(2)}x (authority read + seal flag + change count, not in its bound),`,
  `         accepting a record <= ${ACCEPT_GOAL.toFixed(2)}x (owner and executor rewritten, offers cleared, version read: not in its bound), other writes <= ${WRITE_GOAL.toFixed(2)}x`,
].join("\n");

export function formatGasTable(rows: GasRow[]): string {
  const width = Math.max(...rows.map((r) => r.operation.length), "operation".length);
  const columns: [string, (r: GasRow) => string, number][] = [
    ["gas used", (r) => fmt(r.gasUsed), 9],
    ["base", (r) => fmt(r.terms.base), 6],
    ["calldata", (r) => fmt(r.terms.calldata), 8],
    ["new slots", (r) => `${fmt(r.terms.newSlots)} (${r.newSlotCount})`, 13],
    ["logs", (r) => fmt(r.terms.logs), 6],
    ["EAS read", (r) => fmt(r.terms.easRead), 8],
    ["EAS code", (r) => fmt(r.terms.easCode), 8],
    ["status", (r) => fmt(r.terms.statusSlot), 6],
    ["forwarding", (r) => fmt(r.terms.forwarding), 10],
    ["lower bd", (r) => fmt(r.lowerBound), 9],
    ["ratio", (r) => `${r.ratio.toFixed(2)}x`, 6],
    ["goal", (r) => `<=${r.goal.toFixed(2)}x`, 8],
    ["", (r) => verdict(r.ratio, r.goal), 4],
  ];
  const header = `${"operation".padEnd(width)} ${columns.map(([name, , w]) => name.padStart(w)).join(" ")}`;
  const lines = rows.map((r) => `${r.operation.padEnd(width)} ${columns.map(([, cell, w]) => cell(r).padStart(w)).join(" ")}`);
  return [header, "-".repeat(header.length), ...lines].join("\n");
}

/** The whole gas report: legend, table, and the comparisons, each with its goal. */
export function formatGasReport(rows: GasRow[]): string {
  return `${GAS_BOUND_LEGEND}\n\n${formatGasTable(rows)}\n\n${[...forwardedOverDirect(rows), onePartySetTransaction(rows)].join("\n")}`;
}
