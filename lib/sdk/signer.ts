import type { Account, PublicClient } from "viem";

/**
 * Who writes: a public client of the chain, and a viem account that signs. A private key
 * (`privateKeyToAccount`), a decrypted keystore, or any custom account (`toAccount`, a hardware signer) works:
 * transactions and typed data are signed by the account, and sent through the client's transport.
 */
export interface IntegraSigner {
  client: PublicClient;
  account: Account;
}
