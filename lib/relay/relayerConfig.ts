import { type Chain, createPublicClient, createWalletClient, getAddress, http, isAddress, parseEther, parseGwei, zeroAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { APP_CHAIN_ID, LOCAL_CHAIN_IDS } from "@/lib/config/appChain";
import { servedChain, servedChains } from "@/lib/config/servedChains";
import { deploymentOn } from "@/lib/deployment";
import { forwardingContractsOn } from "@/lib/forwarder/forwardingContracts";
import type { ClientIdentityConfig } from "./clientIdentity";
import { LOCAL_RELAYER_KEY } from "./localRelayerKey";
import type { RelayerInfo } from "./relayApi";
import type { ChainRelayer } from "./relayHttp";
import { Relayer } from "./relayer";
import { DEFAULT_POLICY, type RelayerPolicy, type SponsoredPrincipal } from "./relayerPolicy";
import { describeStoreLocation, openStore, parseStoreLocation } from "./store/openStore";

/** A setting that cannot be read: the relayer stays off and says which, rather than run with a guess. */
class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function positiveNumber(env: Env, name: string, fallback: number, { allowZero = false } = {}): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !allowZero))
    throw new ConfigError(`${name}=${text} is not a ${allowZero ? "non-negative" : "positive"} number.`);
  return value;
}

/**
 * RELAYER_SPONSORED_PRINCIPALS: comma-separated addresses, each optionally with a weight (`0xClerk:2,0xTitleCo:1`):
 * the shares of the cap and of the global rate are in proportion (equal without weights). A wrong entry is an error,
 * never skipped: skipping the only entry would sponsor every record.
 */
export function parsePrincipals(text: string | undefined): SponsoredPrincipal[] | undefined {
  const entries = (text ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return undefined;
  return entries.map((entry) => {
    const [address, weightText, ...rest] = entry.split(":");
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (!isAddress(address, { strict: false }) || address.toLowerCase() === zeroAddress || rest.length > 0) {
      throw new ConfigError(`RELAYER_SPONSORED_PRINCIPALS: "${entry}" is not an address (optionally followed by :weight).`);
    }
    if (!Number.isFinite(weight) || weight <= 0)
      throw new ConfigError(`RELAYER_SPONSORED_PRINCIPALS: the weight in "${entry}" is not a positive number.`);
    return { address: getAddress(address), weight };
  });
}

/**
 * The relayer's policy from the environment (server-side only). Every variable is optional; docs/deploying.md's "The relayer on
 * another chain" lists them: RELAYER_LIMIT_PER_CLIENT, RELAYER_LIMIT_PER_ADDRESS and RELAYER_LIMIT_GLOBAL (per
 * minute), RELAYER_SPEND_CAP_ETH and RELAYER_SPEND_PER_SIGNER_ETH (per 24 hours), RELAYER_MAX_FEE_GWEI,
 * RELAYER_MAX_GAS, RELAYER_SPONSORED_PRINCIPALS, RELAYER_SIGNAL_SHARE (0 to 1) and RELAYER_REPLACE_AFTER_SECONDS.
 */
export function policyFromEnv(env: Env = process.env): RelayerPolicy {
  const signalShare = positiveNumber(env, "RELAYER_SIGNAL_SHARE", DEFAULT_POLICY.signalShare, { allowZero: true });
  if (signalShare > 1) throw new ConfigError(`RELAYER_SIGNAL_SHARE=${signalShare} is more than 1 (the whole share).`);
  return {
    ...DEFAULT_POLICY,
    perClientLimit: positiveNumber(env, "RELAYER_LIMIT_PER_CLIENT", DEFAULT_POLICY.perClientLimit),
    perAddressLimit: positiveNumber(env, "RELAYER_LIMIT_PER_ADDRESS", DEFAULT_POLICY.perAddressLimit),
    globalLimit: positiveNumber(env, "RELAYER_LIMIT_GLOBAL", DEFAULT_POLICY.globalLimit),
    spendCapWei: env.RELAYER_SPEND_CAP_ETH?.trim()
      ? parseEther(String(positiveNumber(env, "RELAYER_SPEND_CAP_ETH", 1)))
      : DEFAULT_POLICY.spendCapWei,
    perSignerSpendCapWei: env.RELAYER_SPEND_PER_SIGNER_ETH?.trim()
      ? parseEther(String(positiveNumber(env, "RELAYER_SPEND_PER_SIGNER_ETH", 0.02)))
      : DEFAULT_POLICY.perSignerSpendCapWei,
    maxFeePerGasWei: env.RELAYER_MAX_FEE_GWEI?.trim()
      ? parseGwei(String(positiveNumber(env, "RELAYER_MAX_FEE_GWEI", 100)))
      : DEFAULT_POLICY.maxFeePerGasWei,
    maxTransactionGas: BigInt(Math.floor(positiveNumber(env, "RELAYER_MAX_GAS", Number(DEFAULT_POLICY.maxTransactionGas)))),
    sponsoredPrincipals: parsePrincipals(env.RELAYER_SPONSORED_PRINCIPALS),
    signalShare,
    replaceAfterMs: positiveNumber(env, "RELAYER_REPLACE_AFTER_SECONDS", DEFAULT_POLICY.replaceAfterMs / 1000) * 1000,
  };
}

/** RELAYER_TRUSTED_PROXIES (how many proxies append to X-Forwarded-For; default 0) and RELAYER_CLIENT_IP_HEADER. */
export function identityConfigFromEnv(env: Env = process.env): ClientIdentityConfig {
  const trustedProxies = positiveNumber(env, "RELAYER_TRUSTED_PROXIES", 0, { allowZero: true });
  if (!Number.isInteger(trustedProxies)) throw new ConfigError(`RELAYER_TRUSTED_PROXIES=${trustedProxies} is not a whole number.`);
  const header = env.RELAYER_CLIENT_IP_HEADER?.trim().toLowerCase();
  return { trustedProxies, clientIpHeader: header ? header : undefined };
}

/**
 * Why a relayer must not start with this scope, or undefined. Off the local chain, a sponsor key without principals
 * would pay for every record anyone registers (a stranger registers records and claims them at the sponsor's cost):
 * that takes an explicit RELAYER_SPONSOR_EVERY_RECORD=1, never a forgotten setting.
 */
export function sponsorScopeError(env: Env, policy: RelayerPolicy, isLocalChain: boolean): string | undefined {
  if (isLocalChain || policy.sponsoredPrincipals || env.RELAYER_SPONSOR_EVERY_RECORD?.trim() === "1") return undefined;
  return "RELAYER_PRIVATE_KEY is set without RELAYER_SPONSORED_PRINCIPALS: the relayer would pay for every record on this chain, anyone's. Name the offices it serves, or set RELAYER_SPONSOR_EVERY_RECORD=1 to mean it.";
}

/**
 * The settings of the relayer on chain `chainId`: every RELAYER_* setting, each overridden for that chain alone by the
 * same name ending in `_<chainId>` (RELAYER_SPEND_CAP_ETH_8453=0.2, RELAYER_PRIVATE_KEY_10=0x…). RELAYER_RPC_URL
 * without a suffix is the default chain's only: every other chain's relayer uses that chain's served RPC unless
 * RELAYER_RPC_URL_<chainId> names another.
 */
export function envForChain(env: Env, chainId: number, defaultChainId: number): Env {
  const suffix = `_${chainId}`;
  const chainEnv: Env = { ...env };
  if (chainId !== defaultChainId) delete chainEnv.RELAYER_RPC_URL;
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith("RELAYER_") && name.endsWith(suffix)) chainEnv[name.slice(0, -suffix.length)] = value;
  }
  return chainEnv;
}

/**
 * The relayer's RPC: each call times out after 10 s and is tried 3 times in all (viem's default is 4), so a node
 * that is down is answered with a 503 within about half a minute rather than hold a request (and the nonce lock).
 */
const RPC_TIMEOUT_MS = 10_000;
const RPC_RETRY_COUNT = 2;

/** One relayer per served chain, each started on its first request (a failed start is tried again on the next). */
const relayers = new Map<number, Promise<Relayer | { disabled: string }>>();

/**
 * The relayer of this server process for chain `chainId` (the default chain unless named), why there is none there,
 * or that this deployment does not serve that chain. Each served chain has its own: its chain's RPC and deployment
 * (forwarder, tokenizers, records), its own policy, and its own limits and caps in the store (under its chain's id).
 */
export function getRelayer(chainId: number = APP_CHAIN_ID): Promise<ChainRelayer> {
  const chain = servedChain(chainId);
  if (!chain) return Promise.resolve({ unserved: unservedWords(chainId) });
  let relayer = relayers.get(chainId);
  if (!relayer) {
    relayer = startRelayer(chain).then((result) => {
      // A store that could not open now may open on the next request: do not keep that answer.
      if (!(result instanceof Relayer)) relayers.delete(chainId);
      return result;
    });
    relayers.set(chainId, relayer);
  }
  return relayer;
}

function unservedWords(chainId: number): string {
  const served = servedChains.map((chain) => `${chain.name} (${chain.id})`).join(", ");
  return `This app does not serve chain ${chainId}, so its relayer sponsors nothing there; it serves ${served}.`;
}

async function startRelayer(chain: Chain): Promise<Relayer | { disabled: string }> {
  if (!deploymentOn(chain.id)) return { disabled: `The Integra contracts are not deployed on ${chain.name}.` };
  const env = envForChain(process.env, chain.id, APP_CHAIN_ID);
  const isLocalChain = LOCAL_CHAIN_IDS.includes(chain.id);
  const key = env.RELAYER_PRIVATE_KEY ?? (isLocalChain ? LOCAL_RELAYER_KEY : undefined);
  if (!key || !/^0x[0-9a-fA-F]{64}$/.test(key)) return { disabled: "This deployment runs no relayer (no RELAYER_PRIVATE_KEY is set)." };
  try {
    const policy = policyFromEnv(env);
    const scope = sponsorScopeError(env, policy, isLocalChain);
    if (scope) {
      console.error(`relayer on ${chain.name}: not started: ${scope}`);
      return { disabled: "The relayer is off: it is not told whose records to pay for (see the server's log)." };
    }
    const location = parseStoreLocation(env.RELAYER_STORE);
    const account = privateKeyToAccount(key as `0x${string}`);
    const store = await openStore(location, {
      namespace: Relayer.namespace(chain.id, account.address),
      rateWindowMs: policy.rateWindowMs,
      spendWindowMs: policy.spendWindowMs,
    });
    const transport = http(env.RELAYER_RPC_URL ?? chain.rpcUrls.default.http[0], { timeout: RPC_TIMEOUT_MS, retryCount: RPC_RETRY_COUNT });
    const publicClient = createPublicClient({ chain, transport });
    const walletClient = createWalletClient({ chain, transport, account });
    console.log(
      `relayer on ${chain.name}: sponsor ${account.address}, memory in ${describeStoreLocation(location)}, ${
        policy.sponsoredPrincipals ? `${policy.sponsoredPrincipals.length} sponsored principal(s)` : "every record sponsored"
      }.`,
    );
    return new Relayer({ publicClient, walletClient, policy, store, contracts: forwardingContractsOn(chain.id) });
  } catch (error) {
    // The details (a setting's value, a store's address) go to the server's log, not to every visitor.
    console.error(
      `relayer on ${chain.name}: not started: ${error instanceof ConfigError ? error.message : ""}`,
      error instanceof ConfigError ? "" : error,
    );
    return { disabled: "The relayer is not running: its configuration or its store failed (see the server's log)." };
  }
}

/** Who sponsors party calls on chain `chainId` (the default chain unless named), or why nobody does. */
export async function relayerInfo(chainId: number = APP_CHAIN_ID): Promise<RelayerInfo> {
  const current = await getRelayer(chainId);
  if (current instanceof Relayer) return { enabled: true, sponsor: current.sponsor, chainId: current.chainId, maxBatch: current.maxBatch };
  return { enabled: false, reason: "unserved" in current ? current.unserved : current.disabled };
}
