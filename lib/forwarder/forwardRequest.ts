import { type Address, type Hex, getAddress, isAddress, isHex } from "viem";

/**
 * An ERC-2771 forward request (OpenZeppelin's ERC2771Forwarder): a party signs it with EIP-712 and anyone
 * submits it, so the party needs no ether. `nonce` is not part of the submitted struct (the forwarder uses
 * its own), but it is what was signed, so it travels with the request and is checked against the chain.
 */
export interface ForwardRequest {
  from: Address;
  to: Address;
  value: bigint;
  gas: bigint;
  nonce: bigint;
  deadline: number;
  data: Hex;
}

export interface SignedForwardRequest extends ForwardRequest {
  signature: Hex;
}

export const FORWARDER_NAME = "IntegraForwarderV1";

export const forwardRequestTypes = {
  ForwardRequest: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "gas", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint48" },
    { name: "data", type: "bytes" },
  ],
} as const;

/** The EIP-712 domain of the forwarder at `verifyingContract` on `chainId`. */
export function forwarderDomain(chainId: number, verifyingContract: Address) {
  return { name: FORWARDER_NAME, version: "1", chainId, verifyingContract } as const;
}

/** The typed data a party signs for `request`. */
export function forwardRequestTypedData(request: ForwardRequest, chainId: number, forwarder: Address) {
  return {
    domain: forwarderDomain(chainId, forwarder),
    types: forwardRequestTypes,
    primaryType: "ForwardRequest",
    message: request,
  } as const;
}

/** The struct `ERC2771Forwarder.execute` takes. */
export function forwardRequestData(request: SignedForwardRequest) {
  const { from, to, value, gas, deadline, data, signature } = request;
  return { from, to, value, gas, deadline, data, signature };
}

interface WireRequest {
  from: string;
  to: string;
  value: string;
  gas: string;
  nonce: string;
  deadline: number;
  data: string;
  signature: string;
}

/** JSON-safe form (bigints as decimal strings), for the relayer's body and the signed-claim link. */
export function toWire(request: SignedForwardRequest): WireRequest {
  return { ...request, value: request.value.toString(), gas: request.gas.toString(), nonce: request.nonce.toString() };
}

const DECIMAL = /^\d{1,78}$/;
/** The largest call a party makes (a payment request with a long note) is well under this. */
export const MAX_DATA_BYTES = 2048;

/** Parses a request from JSON; throws an Error whose message says which field is wrong. */
export function fromWire(input: unknown): SignedForwardRequest {
  if (typeof input !== "object" || input === null) throw new Error("The request is missing or is not an object.");
  const wire = input as Partial<Record<keyof WireRequest, unknown>>;
  const address = (field: "from" | "to"): Address => {
    const value = wire[field];
    if (typeof value !== "string" || !isAddress(value, { strict: false })) throw new Error(`The request's "${field}" is not an address.`);
    return getAddress(value);
  };
  const integer = (field: "value" | "gas" | "nonce"): bigint => {
    const value = wire[field];
    if (typeof value !== "string" || !DECIMAL.test(value)) throw new Error(`The request's "${field}" is not a whole number.`);
    return BigInt(value);
  };
  const hex = (field: "data" | "signature", maxBytes: number, exactBytes?: number): Hex => {
    const value = wire[field];
    if (typeof value !== "string" || !isHex(value) || value.length % 2 !== 0)
      throw new Error(`The request's "${field}" is not hexadecimal bytes.`);
    const bytes = (value.length - 2) / 2;
    if (exactBytes !== undefined && bytes !== exactBytes)
      throw new Error(`The request's "${field}" is ${bytes} bytes; it must be ${exactBytes}.`);
    if (bytes > maxBytes) throw new Error(`The request's "${field}" is ${bytes} bytes; at most ${maxBytes} are accepted.`);
    return value;
  };
  const time = (): number => {
    const value = wire.deadline;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0 || value >= 2 ** 48)
      throw new Error('The request\'s "deadline" is not a time.');
    return value;
  };
  // In the struct's order, so the first wrong field is the one named.
  return {
    from: address("from"),
    to: address("to"),
    value: integer("value"),
    gas: integer("gas"),
    nonce: integer("nonce"),
    deadline: time(),
    data: hex("data", MAX_DATA_BYTES),
    signature: hex("signature", 65, 65),
  };
}
