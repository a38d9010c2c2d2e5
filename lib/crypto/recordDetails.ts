import type { Hex } from "viem";
import { decryptReference, encryptReference } from "./referenceCipher";

/**
 * The private details of a record: a document title ("Purchase agreement, 12 Harbour Lane") and a reference (where
 * the document lives). Both reveal much, so both go on chain only encrypted, together, under the passphrase the
 * registrant shares with the parties. Roles, which reveal little, are public on the reservations instead.
 */
export interface RecordDetails {
  title: string;
  reference: string;
}

interface Envelope {
  v: 1;
  title: string;
  reference: string;
}

/** The details encrypted as one record reference (`encryptedRef`). */
export function encryptRecordDetails(details: RecordDetails, passphrase: string): Promise<Hex> {
  const envelope: Envelope = { v: 1, title: details.title.trim(), reference: details.reference.trim() };
  return encryptReference(JSON.stringify(envelope), passphrase);
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<Envelope>;
  return v.v === 1 && typeof v.title === "string" && typeof v.reference === "string";
}

/**
 * The details of a record's `encryptedRef`. A record registered before titles existed holds a bare reference,
 * read as such. Throws "Wrong passphrase or corrupted reference." when the passphrase is wrong.
 */
export async function decryptRecordDetails(encrypted: Hex, passphrase: string): Promise<RecordDetails> {
  const text = await decryptReference(encrypted, passphrase);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { title: "", reference: text };
  }
  return isEnvelope(parsed) ? { title: parsed.title, reference: parsed.reference } : { title: "", reference: text };
}
