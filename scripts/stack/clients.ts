import {
  type Account,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { LOCAL_CHAIN_IDS } from "./chains.ts";

/** A public client to read and wait, and a wallet client that signs locally: who the scripts write as. */
export interface Clients {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain, Account>;
}

export async function chainAt(rpcUrl: string) {
  const probe = createPublicClient({ transport: http(rpcUrl) });
  const id = await probe.getChainId();
  return defineChain({
    id,
    name: LOCAL_CHAIN_IDS.includes(id) ? "Anvil" : `Chain ${id}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** A public client and a wallet client signing locally with `privateKey`. */
export async function clientsFor(rpcUrl: string, privateKey: Hex): Promise<Clients> {
  const chain = await chainAt(rpcUrl);
  const transport = http(rpcUrl);
  return {
    publicClient: createPublicClient({ chain, transport, pollingInterval: 50 }),
    walletClient: createWalletClient({ chain, transport, account: privateKeyToAccount(privateKey) }),
  };
}
