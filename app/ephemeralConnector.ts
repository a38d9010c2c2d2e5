import { type Address, type EIP1193Provider, type Hex, createWalletClient, getAddress, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createConnector } from "@wagmi/core";
import { appChain } from "@/lib/config/appChain";
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
 * the local account, so transactions and signatures are made in the browser and sent raw to the RPC.
 * Everything is created lazily: nothing touches localStorage during server rendering.
 */
export function ephemeralConnector() {
  return createConnector((config) => {
    function account() {
      const key = loadEphemeralKey();
      return key ? privateKeyToAccount(key) : undefined;
    }

    function walletClient(key: Hex) {
      return createWalletClient({ account: privateKeyToAccount(key), chain: appChain, transport: http(appChain.rpcUrls.default.http[0]) });
    }

    const provider = {
      async request({ method, params }: { method: string; params?: unknown }) {
        const key = loadEphemeralKey();
        if (method === "eth_accounts" || method === "eth_requestAccounts") return key ? [privateKeyToAccount(key).address] : [];
        if (method === "eth_chainId") return `0x${appChain.id.toString(16)}`;
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
      async connect() {
        const key = loadEphemeralKey() ?? createEphemeralKey();
        const address = privateKeyToAccount(key).address;
        setEphemeralAuthorized(true);
        const accounts = [address] as readonly Address[];
        return {
          accounts: accounts as never,
          chainId: appChain.id,
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
        return appChain.id;
      },
      async getProvider() {
        return provider;
      },
      async getClient() {
        const key = loadEphemeralKey();
        if (!key) throw new Error("No ephemeral wallet in this browser.");
        return walletClient(key);
      },
      async isAuthorized() {
        return isEphemeralAuthorized() && account() !== undefined;
      },
      async switchChain({ chainId }: { chainId: number }) {
        if (chainId !== appChain.id) throw new Error(`The ephemeral wallet only works on ${appChain.name}.`);
        return appChain;
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
