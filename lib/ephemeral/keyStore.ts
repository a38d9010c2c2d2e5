import { type Hex, isHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

/** The wagmi connector id of the ephemeral wallet (app/ephemeralConnector.ts), known without loading wagmi. */
export const EPHEMERAL_CONNECTOR_ID = "ephemeral";

/**
 * The ephemeral wallet's key lives in this browser's localStorage: a wallet made for one agreement,
 * created in a click, backed up by exporting the key, and forgotten when done. Only touched in the browser.
 */
const KEY_ITEM = "integra.ephemeral.key";
const AUTHORIZED_ITEM = "integra.ephemeral.authorized";
const CHANGE_EVENT = "integra-ephemeral-change";

function storage(): Storage | undefined {
  return typeof window === "undefined" ? undefined : window.localStorage;
}

export function loadEphemeralKey(): Hex | undefined {
  const key = storage()?.getItem(KEY_ITEM);
  return key && isHex(key) && key.length === 66 ? key : undefined;
}

function notify(): void {
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function createEphemeralKey(): Hex {
  const key = generatePrivateKey();
  storage()?.setItem(KEY_ITEM, key);
  notify();
  return key;
}

/** Imports a key; throws a plain-words error when it is not a 32-byte hex private key. */
export function importEphemeralKey(input: string): Hex {
  const key = (input.trim().startsWith("0x") ? input.trim() : `0x${input.trim()}`) as Hex;
  if (!isHex(key) || key.length !== 66) throw new Error("A private key is 64 hexadecimal characters (with or without 0x).");
  privateKeyToAccount(key); // throws on an invalid curve scalar
  storage()?.setItem(KEY_ITEM, key);
  notify();
  return key;
}

export function forgetEphemeralKey(): void {
  storage()?.removeItem(KEY_ITEM);
  storage()?.removeItem(AUTHORIZED_ITEM);
  notify();
}

/** Whether the user left the ephemeral wallet connected: a reload reconnects, a disconnect stays. */
export function isEphemeralAuthorized(): boolean {
  return storage()?.getItem(AUTHORIZED_ITEM) === "true";
}

export function setEphemeralAuthorized(authorized: boolean): void {
  if (authorized) storage()?.setItem(AUTHORIZED_ITEM, "true");
  else storage()?.removeItem(AUTHORIZED_ITEM);
}

export function subscribeEphemeralKey(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}
