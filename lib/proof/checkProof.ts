import type { Hex } from "viem";
import { type ProofDeployment, expectedDeploymentOf } from "./expectedDeployment";
import {
  checkAttestationLinks,
  checkAttestationUids,
  checkChain,
  checkContracts,
  checkEventsDecode,
  checkEventsInReceipts,
  checkEventsRecord,
  checkFile,
} from "./offlineChecks";
import { type ProofClient, checkAttestationsOnline, checkBlockOnline, checkChainOnline, checkEventsOnline } from "./onlineChecks";
import type { ProofCheck } from "./checkOutcome";
import type { ProofBundle } from "./proofBundle";
import { recordFromEvents } from "./recordFromEvents";

export interface OfflineCheckOptions {
  /** The document's SHA-256, when a file is checked alongside. */
  fileHash?: Hex;
  /** The chain and contracts to hold the proof to (default: the deployment known for the proof's own chain). */
  expected?: ProofDeployment;
}

/**
 * The checks that need no chain: the proof is of this chain and deployment, and consistent with itself (events,
 * receipts, record, attestations), and, given a file's hash, of that file. Consistent is not genuine: a forger can
 * make a consistent bundle; {@link checkProofOnline} shows it is the chain's.
 */
export function checkProofOffline(bundle: ProofBundle, options: OfflineCheckOptions = {}): ProofCheck[] {
  const expected = options.expected ?? expectedDeploymentOf(bundle);
  const checks = [
    checkChain(bundle, expected),
    checkContracts(bundle, expected),
    checkEventsDecode(bundle),
    checkEventsRecord(bundle),
    checkEventsInReceipts(bundle),
    recordFromEvents(bundle),
    checkAttestationUids(bundle),
    checkAttestationLinks(bundle),
  ];
  if (options.fileHash) checks.push(checkFile(bundle, options.fileHash));
  return checks;
}

/**
 * The checks that re-read the chain through `client`: the node serves the proof's chain (if not, only that check
 * is reported), the proof's block is still there, every event is on chain as recorded with none left out, and
 * every attestation is in EAS unchanged. An unreachable node rejects (that is no verdict on the proof).
 */
export async function checkProofOnline(bundle: ProofBundle, client: ProofClient): Promise<ProofCheck[]> {
  const chain = await checkChainOnline(bundle, client);
  if (!chain.ok) return [chain];
  const rest = await Promise.all([
    checkBlockOnline(bundle, client),
    checkEventsOnline(bundle, client),
    checkAttestationsOnline(bundle, client),
  ]);
  return [chain, ...rest];
}

export interface CheckProofOptions extends OfflineCheckOptions {
  /** Given, the online checks run too. */
  client?: ProofClient;
}

/** Every check of a proof: offline, then (given a client) online. */
export async function checkProof(bundle: ProofBundle, options: CheckProofOptions = {}): Promise<ProofCheck[]> {
  const offline = checkProofOffline(bundle, options);
  return options.client ? [...offline, ...(await checkProofOnline(bundle, options.client))] : offline;
}

/** The first failed check in one line ("<title>: <detail>"), or undefined when every check passed. */
export function firstFailure(checks: ProofCheck[]): string | undefined {
  const failure = checks.find((c) => !c.ok);
  return failure && `${failure.title} failed (${failure.id}): ${failure.detail}`;
}
