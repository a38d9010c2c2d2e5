import {
  type Address,
  type Chain,
  type Client,
  type Hex,
  type Transport,
  type TypedDataDomain,
  erc20Abi,
  hexToSignature,
  isAddressEqual,
} from "viem";
import { getChainId, getEip712Domain, readContract } from "viem/actions";
import { IntegraWriteError } from "@/lib/transactions/writeError";
import type { WriteSigner } from "@/lib/transactions/writeSigner";

const erc20PermitAbi = [
  {
    type: "function",
    name: "nonces",
    stateMutability: "view",
    inputs: [{ name: "owner", type: "address" }],
    outputs: [{ type: "uint256" }],
  },
] as const;

export interface PermitSignature {
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

/**
 * An ERC-2612 permit letting `spender` take `value` of `token` from the signer, signed in the token's own EIP-712
 * domain (read with ERC-5267 `eip712Domain`, so any permit token signs correctly). One signature instead of an
 * approve transaction: a party with no ether deposits through the forwarder with it. The token is whatever an escrow's
 * opener named, so its domain is checked before anyone is asked: it must be the token's own (its address) on the
 * chain `client` reads, or the party would sign a permit for another contract, or for another chain (where the app's
 * wallet signer would even move the wallet first); no such permit can fund this escrow.
 */
export async function signPermit(
  client: Client<Transport, Chain | undefined>,
  signer: WriteSigner,
  p: { token: Address; spender: Address; value: bigint; deadline: bigint },
): Promise<PermitSignature> {
  const [
    {
      domain: { salt, ...domain },
      fields,
    },
    nonce,
    chainId,
  ] = await Promise.all([
    getEip712Domain(client, { address: p.token }),
    readContract(client, { address: p.token, abi: erc20PermitAbi, functionName: "nonces", args: [signer.address] }),
    client.chain?.id ?? getChainId(client),
  ]);
  if (domain.chainId !== chainId || !isAddressEqual(domain.verifyingContract, p.token)) {
    throw new IntegraWriteError(
      "Not this token's permit",
      `The token ${p.token} asks for permits signed for ${domain.verifyingContract} on chain ${domain.chainId}, not for itself on chain ${chainId}: such a permit could not fund this escrow, so none was signed.`,
      undefined,
      "PermitDomain",
    );
  }
  // ERC-5267 lists every field; `fields` says which the domain uses (OpenZeppelin's tokens: all but the salt).
  const usesSalt = (Number(fields) & 0x10) !== 0;
  const signature = await signer.signPermit(
    permitTypedData(usesSalt ? { ...domain, salt } : domain, {
      owner: signer.address,
      spender: p.spender,
      value: p.value,
      nonce,
      deadline: p.deadline,
    }),
  );
  const { v, r, s, yParity } = hexToSignature(signature);
  return { deadline: p.deadline, v: Number(v ?? BigInt(yParity + 27)), r, s };
}

/** A permit's typed data in the token's domain. */
export function permitTypedData(
  domain: TypedDataDomain,
  message: { owner: Address; spender: Address; value: bigint; nonce: bigint; deadline: bigint },
) {
  return {
    domain,
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit",
    message,
  } as const;
}

/** The token's balance of `account`. */
export function balanceOf(client: Client<Transport, Chain | undefined>, token: Address, account: Address): Promise<bigint> {
  return readContract(client, { address: token, abi: erc20Abi, functionName: "balanceOf", args: [account] });
}
