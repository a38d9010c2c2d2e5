import { type Address, type EIP1193Provider, type Hex, SwitchChainError, createWalletClient, getAddress, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ChainNotConfiguredError, createConnector } from "@wagmi/core";
import {
  EPHEMERAL_CONNECTOR_ID,
  createEphemeralKey,
  isEphemeralAuthorized,
  loadEphemeralKey,
  setEphemeralAuthorized,
} from "@/lib/ephemeral/keyStore";

export { EPHEMERAL_CONNECTOR_ID };

/**
 * A wagmi connector for the in-browser ephemeral wallet. `getClient` hands wagmi a viem wallet client with
 * the local account, so transactions and signatures are made in the browser and sent raw to the RPC of the chain it is
 * on. It is on any chain the app serves (wagmi's config lists them): it starts on the default chain and switches
 * without asking, since the key signs alike for every chain and holds nothing a switch could put at risk.
 * Everything is created lazily: nothing touches localStorage during server rendering.
 */
export function ephemeralConnector() {
  return createConnector((config) => {
    /** The chain the wallet is on now: the default chain (wagmi's first) until a write asks for another. */
    let currentChainId = config.chains[0].id;

    function account() {
      const key = loadEphemeralKey();
      return key ? privateKeyToAccount(key) : undefined;
    }

    function chainOf(chainId: number) {
      return config.chains.find((chain) => chain.id === chainId);
    }

    function walletClient(key: Hex, chainId = currentChainId) {
      const chain = chainOf(chainId) ?? config.chains[0];
      return createWalletClient({ account: privateKeyToAccount(key), chain, transport: http(chain.rpcUrls.default.http[0]) });
    }

    const provider = {
      async request({ method, params }: { method: string; params?: unknown }) {
        const key = loadEphemeralKey();
        if (method === "eth_accounts" || method === "eth_requestAccounts") return key ? [privateKeyToAccount(key).address] : [];
        if (method === "eth_chainId") return `0x${currentChainId.toString(16)}`;
        if (!key) throw new Error("No ephemeral wallet in this browser.");
        return walletClient(key).request({ method, params } as Parameters<ReturnType<typeof walletClient>["request"]>[0]);
      },
      on() {},
      removeListener() {},
    } as unknown as EIP1193Provider;

    return {
      id: EPHEMERAL_CONNECTOR_ID,
      name: "Ephemeral wallet",
      type: "ephemeral",
      async connect({ chainId }: { chainId?: number } = {}) {
        const key = loadEphemeralKey() ?? createEphemeralKey();
        const address = privateKeyToAccount(key).address;
        setEphemeralAuthorized(true);
        if (chainId !== undefined && chainOf(chainId)) currentChainId = chainId;
        const accounts = [address] as readonly Address[];
        return {
          accounts: accounts as never,
          chainId: currentChainId,
        };
      },
      async disconnect() {
        setEphemeralAuthorized(false);
      },
      async getAccounts() {
        const current = account();
        return current ? [current.address] : [];
      },
      async getChainId() {
        return currentChainId;
      },
      async getProvider() {
        return provider;
      },
      async getClient({ chainId }: { chainId?: number } = {}) {
        const key = loadEphemeralKey();
        if (!key) throw new Error("No ephemeral wallet in this browser.");
        return walletClient(key, chainId);
      },
      async isAuthorized() {
        return isEphemeralAuthorized() && account() !== undefined;
      },
      async switchChain({ chainId }: { chainId: number }) {
        const chain = chainOf(chainId);
        if (!chain) throw new SwitchChainError(new ChainNotConfiguredError());
        if (chainId !== currentChainId) {
          currentChainId = chainId;
          config.emitter.emit("change", { chainId });
        }
        return chain;
      },
      onAccountsChanged(accounts: string[]) {
        if (accounts.length === 0) config.emitter.emit("disconnect");
        else config.emitter.emit("change", { accounts: accounts.map((a) => getAddress(a)) });
      },
      onChainChanged(chainId: string) {
        config.emitter.emit("change", { chainId: Number(chainId) });
      },
      onDisconnect() {
        config.emitter.emit("disconnect");
      },
    };
  });
}
