import { type Address, http, createPublicClient, createWalletClient, getAddress, isAddress, parseEther, parseGwei } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { IS_LOCAL_CHAIN, RPC_URL, appChain } from "@/lib/config/appChain";
import { isDeployed } from "@/lib/deployment";
import { LOCAL_RELAYER_KEY } from "./localRelayerKey";
import type { RelayerInfo } from "./relayApi";
import { Relayer, type RelayerPolicy } from "./relayer";

/**
 * The relayer of this server process, configured from the environment (server-side only):
 * RELAYER_PRIVATE_KEY (the sponsor; on the local chain, anvil's index-10 key by default), RELAYER_RPC_URL
 * (default: the app's RPC), RELAYER_LIMIT_PER_CLIENT, RELAYER_LIMIT_PER_ADDRESS and RELAYER_LIMIT_GLOBAL
 * (requests per minute, default 300, 5 and 120), RELAYER_SPEND_CAP_ETH (per 24 hours, default 1),
 * RELAYER_MAX_FEE_GWEI (default 100), RELAYER_MAX_GAS (per transaction, default 500,000) and
 * RELAYER_SPONSORED_PRINCIPALS (comma-separated owners or executors whose records are sponsored; default all).
 */
function policyFromEnv(): RelayerPolicy {
  const number = (name: string, fallback: number) => {
    const value = Number(process.env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const principals = (process.env.RELAYER_SPONSORED_PRINCIPALS ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => isAddress(a, { strict: false }))
    .map((a) => getAddress(a) as Address);
  return {
    perClientLimit: number("RELAYER_LIMIT_PER_CLIENT", 300),
    perAddressLimit: number("RELAYER_LIMIT_PER_ADDRESS", 5),
    globalLimit: number("RELAYER_LIMIT_GLOBAL", 120),
    rateWindowMs: 60_000,
    spendCapWei: parseEther(process.env.RELAYER_SPEND_CAP_ETH ?? "1"),
    spendWindowMs: 24 * 60 * 60_000,
    maxFeePerGasWei: parseGwei(String(number("RELAYER_MAX_FEE_GWEI", 100))),
    maxTransactionGas: BigInt(number("RELAYER_MAX_GAS", 500_000)),
    sponsoredPrincipals: principals.length > 0 ? principals : undefined,
  };
}

let relayer: Relayer | undefined;

/** The relayer, or why there is none on this deployment. */
export function getRelayer(): Relayer | { disabled: string } {
  if (relayer) return relayer;
  if (!isDeployed) return { disabled: `The Integra contracts are not deployed on ${appChain.name}.` };
  const key = process.env.RELAYER_PRIVATE_KEY ?? (IS_LOCAL_CHAIN ? LOCAL_RELAYER_KEY : undefined);
  if (!key || !/^0x[0-9a-fA-F]{64}$/.test(key)) return { disabled: "This deployment runs no relayer (no RELAYER_PRIVATE_KEY is set)." };
  const transport = http(process.env.RELAYER_RPC_URL ?? RPC_URL);
  const publicClient = createPublicClient({ chain: appChain, transport });
  const walletClient = createWalletClient({ chain: appChain, transport, account: privateKeyToAccount(key as `0x${string}`) });
  relayer = new Relayer(publicClient, walletClient, policyFromEnv());
  return relayer;
}

export function relayerInfo(): RelayerInfo {
  const current = getRelayer();
  return current instanceof Relayer
    ? { enabled: true, sponsor: current.sponsor, chainId: appChain.id }
    : { enabled: false, reason: current.disabled };
}
