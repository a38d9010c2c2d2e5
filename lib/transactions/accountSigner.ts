import { type Account, type Chain, type Client, type Transport, createWalletClient, custom } from "viem";
import type { WriteSigner } from "./writeSigner";

/**
 * A signer from a viem account: a private key, a decrypted keystore, or any custom account (a hardware signer).
 * The account signs; the transaction goes out through `client`'s own transport.
 */
export function accountSigner(client: Client<Transport, Chain | undefined>, account: Account): WriteSigner {
  const wallet = createWalletClient({ account, chain: client.chain, transport: custom({ request: client.request }) });
  return {
    address: account.address,
    sendTransaction: ({ to, data, value }) => wallet.sendTransaction({ account, chain: client.chain, to, data, value }),
    signTypedData: (typedData) => wallet.signTypedData({ account, ...typedData }),
    signPermit: (typedData) => wallet.signTypedData({ account, ...typedData }),
  };
}
