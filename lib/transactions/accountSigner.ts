import { type Account, type Chain, type Client, type Transport, createWalletClient, custom } from "viem";
import { wrongChainError } from "./writeError";
import type { WriteSigner } from "./writeSigner";

/**
 * A signer from a viem account: a private key, a decrypted keystore, or any custom account (a hardware signer).
 * The account signs; the transaction goes out through `client`'s own transport, on `client`'s chain only: a call for
 * another chain is refused (viem checks the node's chain id against the client's too).
 */
export function accountSigner(client: Client<Transport, Chain | undefined>, account: Account): WriteSigner {
  const wallet = createWalletClient({ account, chain: client.chain, transport: custom({ request: client.request }) });
  return {
    address: account.address,
    sendTransaction: async ({ to, data, value, chainId }) => {
      if (client.chain && client.chain.id !== chainId) throw wrongChainError(chainId, client.chain.id);
      return wallet.sendTransaction({ account, chain: client.chain, to, data, value });
    },
    signTypedData: (typedData) => wallet.signTypedData({ account, ...typedData }),
    signPermit: (typedData) => wallet.signTypedData({ account, ...typedData }),
  };
}
