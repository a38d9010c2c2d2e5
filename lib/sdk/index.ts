/**
 * The Integra SDK: the typed public surface of the framework-free code in `lib/`, for programs (the `integra`
 * command line, an integrator's own system). Everything here re-exports the readers the app itself uses; there is
 * one implementation of each read. Every reader takes a viem `PublicClient` (make one with {@link createIntegraClient},
 * or pass your own for the same chain).
 *
 * The deployment (addresses, deploy block, capability schema) is data: choose it with {@link selectDeployment} before
 * the first read, from the JSON `npm run deploy` writes ({@link parseDeployment}). Inside the checkout it defaults to
 * the generated module's entry for the configured chain (`NEXT_PUBLIC_CHAIN_ID`, default 31337), as in the app.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { createIntegraClient, parseDeployment, selectDeployment, verifyFile } from "integra-agreements";
 * selectDeployment(parseDeployment(JSON.parse(readFileSync("deployment.json", "utf8"))));
 * const client = createIntegraClient("http://127.0.0.1:8545");
 * const { contentHash, records } = await verifyFile(client, "deed.pdf");
 * ```
 *
 * @packageDocumentation
 */
import { http, type PublicClient, createPublicClient } from "viem";
import { RPC_URL, chainFor } from "@/lib/config/appChain";
import { deploymentChainId } from "@/lib/deployment";
import { readEscrowsOf } from "@/lib/reads/escrows";
import { readReservationsFor } from "@/lib/reads/reservations";
import { type ContentRecord, readRecordsByContent } from "@/lib/reads/records";
import { type HashProgress, hashFile } from "./hashFile";

/** The configured chain's id, its viem chain, its default RPC URL and its log block range cap (0: none). */
export { APP_CHAIN_ID, LOG_BLOCK_RANGE, RPC_URL, appChain, chainFor, knownChains } from "@/lib/config/appChain";
/** The deployment in use and how a program chooses one at run time. */
export { deploymentChainId, deploymentInUse, selectDeployment } from "@/lib/deployment";
export { DeploymentFileError, parseDeployment } from "./deployment";
/**
 * Several chains: every reader takes its addresses, deploy block and schema UIDs from its client's chain, so a
 * program reads several chains at once with one client per chain. `addDeployment` makes a chain's deployment known
 * (the generated module's are known already); `integraOf(client)` / `factsOn(chainId)` are what readers use.
 */
export { addDeployment, chainIdOf, deploymentOn, factsOn, NotDeployedError, type DeploymentFacts } from "@/lib/deployment";
export { integraOf, integraOn, type IntegraOnChain } from "@/lib/contracts";
export { escrowOf } from "@/lib/escrow/escrowContract";
export { expectedDeploymentOf, proofDeploymentOn, type ProofDeployment } from "@/lib/proof/expectedDeployment";
export type { DeployedContractName, IntegraDeployment } from "@/lib/generated/deployments";
/**
 * The configured chain's deployment: whether there is one, its deploy block, every Integra address (a record's
 * timeline is one eth_getLogs over them), and each contract's address with its ABI.
 */
export {
  capabilityResolver,
  deployBlock,
  eas,
  integraAddresses,
  isDeployed,
  multiPartyTokenizer,
  ownershipTokenizer,
  registry,
  signal,
  tokenizerKindOf,
  tokenizers,
  type TokenizerKind,
} from "@/lib/contracts";
/** The capability bits an attestation can grant (CLAIM, TRANSFER, REQUEST_PAYMENT, APPROVE_PAYMENT). */
export { CAPABILITY } from "@/lib/capabilities";

/**
 * A record's state (owner, tokenizer, registered block and time, executor, content and process hashes), the pending
 * owner and pending executor offered it, and its version (what an accept names: acceptRecord).
 */
export { readRecord, type RecordInfo } from "@/lib/reads/records";
/** A record's tokens (status, holder, amount), reserved and claimed counts, whether its party set is sealed and complete. */
export { readRecordTokens, TOKEN_STATUS, type RecordTokens, type TokenRow, type TokenStatusName } from "@/lib/reads/records";
/** Every record registered under one content hash, with its registrant and its workflow's owner. */
export { readRecordsByContent, type ContentRecord } from "@/lib/reads/records";
/** The tokens reserved for (or claimed by) an account, on both tokenizers. Also exported as {@link pendingTokensFor}. */
export { readReservationsFor, type Reservation } from "@/lib/reads/reservations";
/** Capability attestations by recipient or by record, with their EAS state and whether they are under the current authority. */
export { readCapabilities, type Capability } from "@/lib/reads/capabilities";
/** A record's payment requests (newest first) and each one's status now. */
export { readPayments, PAYMENT_STATUS, type PaymentRow } from "@/lib/reads/payments";
/** A record's or workflow's events (newest first), re-readable incrementally and reorg-safe. */
export { readTimeline, REORG_DEPTH, type TimelineData, type TimelineFilter } from "@/lib/timeline/readTimeline";
/** One timeline event, decoded and typed; and its words as the app shows them. */
export { type TimelineEntry } from "@/lib/timeline/decodeEntry";
export { describeEntry, type EntryText } from "@/lib/timeline/describeEntry";
/**
 * What a watch delivers: the timeline's events, and the condition attestations a record's escrows wait on
 * (`ConditionAttested`, `ConditionRevoked`: EAS's events, delivered in the Integra layout), with their words.
 */
export {
  CONDITION_EVENT_NAMES,
  conditionEventsAbi,
  describeWatchEntry,
  isConditionEntry,
  type ConditionEntry,
  type WatchEntry,
} from "@/lib/timeline/conditionEvents";
/** Each token's role, from the reservations among timeline entries ("Token #2 (Seller)"). */
export { roleOf, tokenRolesOf, type TokenRoles } from "@/lib/timeline/tokenRoles";
export { displayRole, roleProblem, tokenLabel } from "@/lib/format/token";
/** A record's private details (title, reference), encrypted together under one passphrase. */
export { decryptRecordDetails, encryptRecordDetails, type RecordDetails } from "@/lib/crypto/recordDetails";
export { readRegistration, type Registration } from "@/lib/reads/registration";
/**
 * A token's on-chain metadata as wallets show it (`tokenURI` / `uri`, by the token standard's id): name, description,
 * SVG image and the traits Role, Record, Workflow, Status, Token kind, Token id in record, Parties.
 */
export { decodeTokenMetadataUri, readTokenMetadata, type TokenAttribute, type TokenMetadata } from "@/lib/reads/tokenMetadata";
/** Whether an account can claim a token now, and if not the reason that matters most (the app's own judgement). */
export { claimStateOf, describeClaimState, judgeAttestation, type ClaimState, type Verdict } from "@/lib/claims/claimability";
/** The tokens reserved for an account, each with whether it can be claimed now and why not. */
export { readPendingClaims, type PendingClaim } from "@/lib/claims/pendingClaims";
/** Parsing of hashes and addresses typed by a person. */
export { parseBytes32 } from "@/lib/format/hex";
export { ADDRESS_HINT, parseAddress } from "@/lib/format/address";
export { hashFile, type HashProgress };
/** Portable proofs of a record: the versioned bundle (record, events with receipts, attestations, chain and contracts), read field by field. */
export {
  parseProofBundle,
  parseProofBundleText,
  serializeProofBundle,
  ProofFormatError,
  PROOF_FORMAT,
  PROOF_VERSION,
  type ProofBundle,
} from "@/lib/proof/proofBundle";
/** Makes a record's proof bundle from the chain (`integra proof`, the app's "Download proof"). */
export { buildProof } from "@/lib/proof/buildProof";
/** Checks a proof bundle: offline (consistency, a file's hash), online (every event and attestation re-read), each check in plain words. */
export { checkProof, checkProofOffline, checkProofOnline, firstFailure, type CheckProofOptions } from "@/lib/proof/checkProof";
export { PROOF_CHECK_IDS, type ProofCheck, type ProofCheckId } from "@/lib/proof/checkOutcome";
/** An EAS attestation's UID recomputed from its fields, as EAS does. */
export { attestationUid } from "@/lib/proof/attestations";
/**
 * Workflows are namespaced by their owner: `processHashOf(owner, name)` is the processHash of `owner`'s workflow
 * `name` (e.g. "closing/12-harbour-lane"), keccak256(abi.encode(owner, workflowIdOf(name))), as the registry's
 * `workflowHashOf` computes it; `workflowIdOf(name)` is the id `openWorkflow` takes.
 */
export { processHashOf, workflowIdOf } from "@/lib/workflow";
/**
 * A workflow as programs name it (a processHash, or `{ owner, name }`), its owner and members now, and the owner's
 * writes: open it, admit and remove members. Only the owner and its members can register records into a workflow.
 */
export { readWorkflow, workflowForRegistration, workflowHash, workflowLabel, type WorkflowRef, type WorkflowState } from "./workflowRef";
export { admitMember, openWorkflow, removeMember, type WorkflowWrite } from "./workflows";
export { canRegisterInto, type Workflow } from "@/lib/reads/workflows";
/**
 * Every write, encoded once (the app's operations use the same): `integraCalls` / `escrowCalls` on the default chain,
 * `integraCallsOn(chainId)` / `escrowCallsOn(chainId)` on another (each call carries its `chainId`).
 */
export { integraCalls, integraCallsOn, type ContractCall, type IntegraCalls } from "@/lib/writes";
export { escrowCalls, escrowCallsOn, type EscrowCalls } from "@/lib/writes/escrow";
/**
 * Writes: each takes an {@link IntegraSigner} (a public client and a viem account: a key, a keystore, a hardware
 * signer). Each is simulated first; a revert is thrown as an {@link IntegraWriteError} in the contract's own words.
 * Each goes through the app's own send engine: a transaction dropped or replaced before it is mined ends as an
 * IntegraWriteError (codes Dropped, Replaced), so no write waits for a transaction the network no longer has.
 */
export {
  acceptExecutorRole,
  acceptRecord,
  claim,
  issueCapability,
  offerExecutor,
  register,
  removeExecutor,
  requestPayment,
  sendCall,
  sendGasless,
  IntegraWriteError,
  type AcceptRecordInput,
  type ClaimInput,
  type IntegraSigner,
  type IssueCapabilityInput,
  type OnSent,
  type PartyInput,
  type Payer,
  type PaymentOptions,
  type RegisterInput,
  type Registered,
  type RequestPaymentInput,
} from "./writes";
/**
 * The clerk's writes (the record's owner, or its accepted executor): reserve a token for a party, cancel a
 * reservation, fix the party set; attest capabilities (several in one transaction), make every reserved token
 * claimable at once (`attestParties`: CLAIM to each party without a usable attestation), revoke one; offer the record
 * to a new owner or withdraw the offer. The payment signals' other two steps: the payer marks paid, the requestor
 * cancels (directly or gasless, like requestPayment).
 */
export { cancelReservation, reserveToken, sealParties, type ReserveInput } from "./reservations";
export { attestParties, issueCapabilities, missingClaimGrants, revokeCapability, type CapabilityGrant } from "./attestations";
export { offerOwnership, withdrawOwnershipOffer } from "./ownership";
export { cancelPayment, markPaid } from "./payments";
/**
 * Escrows: money held for a record and released by its conditions (agreement complete, k of n approvals, an
 * attestation, a payment marked paid), refunded after its refund time, or ruled on by its arbitrator. Reads (each
 * condition live, the attestation that satisfies it, who acts next) and every write; a deposit uses one ERC-2612
 * permit signature when the token offers permits (a relayer may submit it), else approve + deposit. Amounts are public.
 */
export {
  ATTESTATION_FAULT,
  ESCROW_STATUS,
  readEscrow,
  readEscrowsOf,
  type AttestationFaultName,
  type EscrowAsset,
  type EscrowStatusName,
  type EscrowView,
} from "@/lib/reads/escrows";
export { escrowNextSteps, type EscrowStep } from "@/lib/escrow/nextSteps";
export { CONDITION_SCHEMA, encodeConditionData } from "@/lib/escrow/conditionSchema";
export { conditionSchemaUid, localContracts } from "@/lib/contracts";
export { escrow } from "@/lib/escrow/escrowContract";
export type { EscrowTerms } from "@/lib/writes/escrow";
export {
  approveRelease,
  attestCondition,
  deposit,
  missingWords,
  openEscrow,
  raiseDispute,
  refund,
  release,
  releaseReadiness,
  revokeCondition,
  supportsPermit,
  withdraw,
  type DepositMethod,
  type Deposited,
  type Released,
  type ReleaseReadiness,
} from "./escrow";
/** A party claims every token it can claim now, through a relayer in forwarded batches (one transaction each), or paying itself. */
export { claimAll, type ClaimAllOptions, type ClaimAllResult, type ClaimAllToken } from "./claimAll";
/**
 * Registering again: the record the registrant already made for a document in a workflow, its tokens, how a party set
 * asked for differs from it (none: a no-op), the one call `register` would send and the integraHash it would give.
 */
export { ownRecordOf, predictIntegraHash, recordTokensOf } from "./registration";
export { partySetDifferences, type RecordedToken, type RequestedParty } from "./partySet";
export { callsOf, registerCall, tokenizerAddress } from "./writes";
/** A call decoded back to its contract, function and named arguments (a dry run shows what would be signed). */
export { decodeContractCall, type CallToDecode, type DecodedCall, type DecodedGrant } from "@/lib/writes/decodeCall";
/**
 * Watchers of a record, a workflow or an account: async iterators, reorg-safe, resumable from a cursor; on one chain,
 * or on several as one stream (each item names its chain; one cursor, version 2, resumes every chain).
 */
export { watchRecord, watchRecipient, watchWorkflow } from "./watch";
export {
  watchEvents,
  type AnyWatchCursor,
  type MultiChainWatchCursor,
  type WatchCursor,
  type WatchItem,
  type WatchOptions,
} from "@/lib/timeline/watchEvents";
export { watchChains, type WatchedChain } from "@/lib/timeline/watchChains";
/** A workflow's timelines of several chains as one, newest first (ties: chain id, block, log index). */
export { chainEntryId, mergeChainEntries, type ChainEntry } from "@/lib/timeline/chainTimeline";
/**
 * Webhook signatures (`integra watch --webhook` with a secret): a receiver checks the `Integra-Signature` header of
 * the raw body with verifyWebhookSignature (HMAC-SHA256 of `<t>.<body>`, Stripe's scheme, replays refused after 5 min).
 */
export { signWebhook, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TOLERANCE_SECONDS } from "./webhookSignature";
/** The relayer refused a gasless request: which check, and why. */
export { RelayRefusedError } from "@/lib/relay/relayClient";

/**
 * The tokens reserved for `account` (and those it has claimed, still reserved to it): the issue's `pendingTokensFor`.
 * The same function as {@link readReservationsFor}.
 */
export const pendingTokensFor = readReservationsFor;

/** A record's escrows, newest first, each with its conditions live: the same function as {@link readEscrowsOf}. */
export const escrowsOf = readEscrowsOf;

/** Options of {@link createIntegraClient}. */
export interface IntegraClientOptions {
  /**
   * The chain `rpcUrl` serves (default: the deployment in use's). Every reader and write takes its addresses from
   * the client's chain, so a program following several chains makes one client per chain, each with its chain id (and
   * that chain's deployment known: the generated module's, or one added with {@link addDeployment}).
   */
  chainId?: number;
  /** Per-request timeout in milliseconds (viem's default: 10 s). */
  timeoutMs?: number;
  /** Retries of a failed request (viem's default: 3). */
  retryCount?: number;
}

/**
 * A viem public client for chain `options.chainId` (default: the deployment's chain) at `rpcUrl` (default: the app's
 * RPC), with JSON-RPC batching as the app's own read client has (anvil has no Multicall3). Reads need no wallet.
 */
export function createIntegraClient(rpcUrl: string = RPC_URL, options: IntegraClientOptions = {}): PublicClient {
  return createPublicClient({
    chain: chainFor(options.chainId ?? deploymentChainId, rpcUrl),
    transport: http(rpcUrl, { batch: { wait: 16 }, timeout: options.timeoutMs, retryCount: options.retryCount }),
    // A program reads right after it writes: a cached head (viem keeps it for the polling interval) would miss its own event.
    cacheTime: 0,
  });
}

/** What {@link verifyFile} found: the file's content hash and every record registered under it (none: not registered). */
export interface FileVerification {
  contentHash: `0x${string}`;
  records: ContentRecord[];
}

/**
 * Whether a file on disk is registered: its SHA-256 (streamed, see {@link hashFile}), then every record of that
 * content hash with its registrant ({@link readRecordsByContent}).
 */
export async function verifyFile(client: PublicClient, path: string, onProgress?: HashProgress): Promise<FileVerification> {
  const contentHash = await hashFile(path, onProgress);
  return { contentHash, records: await readRecordsByContent(client, contentHash) };
}
