import type { Chain } from "viem";
import { APP_CHAIN_ID, RPC_URL, chainFor } from "./appChain";
import type { ServedChainSetting } from "./chainsSetting";

/** A served chain as the pages name it: its name and currency, its RPC, and the explorer configured or known. */
export function servedChainOf(setting: ServedChainSetting): Chain {
  const chain = chainFor(setting.id, setting.rpc);
  if (setting.explorer === undefined) return chain;
  return { ...chain, blockExplorers: { default: { name: "Explorer", url: setting.explorer } } };
}

/**
 * Every chain the app reads, the default (where writes go unless a record lives elsewhere) first. A workflow is
 * followed across all of them; a record is on one.
 */
export const servedChains: readonly Chain[] = settingsOf(process.env.NEXT_PUBLIC_CHAINS)
  .map(servedChainOf)
  .sort((a, b) => Number(b.id === APP_CHAIN_ID) - Number(a.id === APP_CHAIN_ID));

/**
 * The chains setting as configured. It is checked where configuration is read, not in every visitor's browser: by
 * next.config.ts when the app is built or served (lib/config/chainsSetting.ts says what is wrong, in words).
 */
function settingsOf(text: string | undefined): ServedChainSetting[] {
  return text === undefined || text.trim() === "" ? [{ id: APP_CHAIN_ID, rpc: RPC_URL }] : (JSON.parse(text) as ServedChainSetting[]);
}

/** The served chain `id`, if the app serves it. */
export function servedChain(id: number): Chain | undefined {
  return servedChains.find((chain) => chain.id === id);
}

/** Whether the app serves more than one chain: then lists and records name each one's chain. */
export const SEVERAL_CHAINS = servedChains.length > 1;

/** " on <chain name>" when several chains are served (a row, a card names its chain), else nothing. */
export function onChainWords(chainId: number): string {
  return SEVERAL_CHAINS ? ` on ${servedChain(chainId)?.name ?? `chain ${chainId}`}` : "";
}
