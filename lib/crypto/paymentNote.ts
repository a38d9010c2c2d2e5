import type { Hex } from "viem";
import { decryptWithPassphrase, encryptWithPassphrase } from "./passphraseCipher";

/**
 * A payment request's amount and memo, encrypted in the browser with a passphrase the requestor shares
 * only with the payer (wallets expose no key agreement a dapp could use instead).
 */
export interface PaymentNote {
  amount: string;
  memo: string;
}

export function encryptPaymentNote(note: PaymentNote, passphrase: string): Promise<Hex> {
  return encryptWithPassphrase(JSON.stringify(note), passphrase, "payment note");
}

export async function decryptPaymentNote(ciphertext: Hex, passphrase: string): Promise<PaymentNote> {
  const parsed = JSON.parse(await decryptWithPassphrase(ciphertext, passphrase, "payment note")) as Partial<PaymentNote> & {
    currency?: string;
  };
  return { amount: [parsed.amount, parsed.currency].filter(Boolean).join(" "), memo: parsed.memo ?? "" };
}
