import { type Hex, bytesToHex, concat, getAddress, hexToBigInt, hexToBytes, numberToHex, size, slice } from "viem";
import type { SignedForwardRequest } from "./forwardRequest";

/**
 * A signed request as a link the party sends to the clerk. It travels in the URL's fragment (after #), which
 * browsers never send to a server, and the page that opens it checks everything before anyone pays for it.
 * Packed as bytes (from, to, gas, nonce, deadline, signature, then the call data) so the link and its QR
 * code stay small; sponsored calls never carry ether, so the value is not in the link.
 */
const PARAM = "signed";
const HEAD = 20 + 20 + 8 + 8 + 6 + 65;

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function packSignedRequest(request: SignedForwardRequest): string {
  if (request.value !== 0n) throw new Error("A signed link cannot carry ether.");
  if (size(request.signature) !== 65) throw new Error("A signature is 65 bytes.");
  const packed = concat([
    request.from,
    request.to,
    numberToHex(request.gas, { size: 8 }),
    numberToHex(request.nonce, { size: 8 }),
    numberToHex(request.deadline, { size: 6 }),
    request.signature,
    request.data,
  ]);
  return toBase64Url(hexToBytes(packed));
}

export function unpackSignedRequest(encoded: string): SignedForwardRequest {
  const packed: Hex = bytesToHex(fromBase64Url(encoded));
  if (size(packed) < HEAD + 4) throw new Error("it was cut off on the way.");
  let at = 0;
  const take = (bytes: number) => slice(packed, at, (at += bytes));
  return {
    from: getAddress(take(20)),
    to: getAddress(take(20)),
    value: 0n,
    gas: hexToBigInt(take(8)),
    nonce: hexToBigInt(take(8)),
    deadline: Number(hexToBigInt(take(6))),
    signature: take(65),
    data: slice(packed, at),
  };
}

/** The path (with fragment) of the page where the clerk checks and submits `request` for a record. */
export function signedRequestPath(recordPath: string, request: SignedForwardRequest): string {
  return `${recordPath}#${PARAM}=${packSignedRequest(request)}`;
}

export type ParsedSignedLink = { kind: "none" } | { kind: "ok"; request: SignedForwardRequest } | { kind: "broken"; reason: string };

/** Reads a signed request from a URL fragment (`#signed=…`) or a whole pasted link. */
export function parseSignedRequest(input: string): ParsedSignedLink {
  const at = input.indexOf(`${PARAM}=`);
  if (at === -1)
    return input.trim() ? { kind: "broken", reason: "This is not a signed claim link: it has no signed request in it." } : { kind: "none" };
  const encoded = input.slice(at + PARAM.length + 1).split(/[&\s]/)[0];
  try {
    return { kind: "ok", request: unpackSignedRequest(encoded) };
  } catch (error) {
    const detail = error instanceof Error && error.message.startsWith("it was") ? error.message : "it was changed on the way.";
    return { kind: "broken", reason: `The signed request in this link cannot be read: ${detail} Ask the party to send the link again.` };
  }
}
