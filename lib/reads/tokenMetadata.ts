import type { Address } from "viem";
import type { ReadClient } from "@/lib/chain/readClient";
import { chainIdOf, deploymentOn, factsOn } from "@/lib/deployment";
import { multiPartyTokenizerV1Abi, ownershipTokenizerV1Abi } from "@/lib/generated/integra";

/** One attribute of a token's metadata, as the tokenizer wrote it. */
export interface TokenAttribute {
  trait_type: string;
  value: string | number;
}

/**
 * A token's on-chain metadata (what a wallet shows): its name, description, image and attributes. The tokenizers
 * write the traits "Role" ("none" for a token reserved without one), "Record" (the integraHash), "Workflow" (the
 * processHash, or "none"), "Status" ("Claimed" or "Agreement complete"), "Token kind", "Token id in record" and
 * "Parties" (a number).
 */
export interface TokenMetadata {
  name: string;
  description: string;
  /** The image as the tokenizer gives it: a `data:image/svg+xml;base64,` URI, usable as an `<img>` source. */
  image: string;
  /** The image's SVG text, decoded. */
  svg: string;
  attributes: readonly TokenAttribute[];
  /** The attributes by trait type. */
  traits: Readonly<Record<string, string | number>>;
}

const JSON_PREFIX = "data:application/json;base64,";
const SVG_PREFIX = "data:image/svg+xml;base64,";
/** ERC-165 id of ERC-721. */
const ERC721_INTERFACE_ID = "0x80ac58cd";

/** The UTF-8 text of a base64 string (atob, which browsers and Node both have, yields bytes as Latin-1 characters). */
function base64Utf8(base64: string): string {
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

function payloadOf(uri: string, prefix: string, what: string): string {
  if (!uri.startsWith(prefix)) throw new Error(`${what} is not a ${prefix.slice(0, -1)} URI: ${uri.slice(0, 40)}`);
  return base64Utf8(uri.slice(prefix.length));
}

const isAttribute = (value: unknown): value is TokenAttribute =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as TokenAttribute).trait_type === "string" &&
  ["string", "number"].includes(typeof (value as TokenAttribute).value);

/**
 * Decodes a tokenizer's `tokenURI` / `uri` answer (`data:application/json;base64,...`) to its metadata, the image
 * decoded too. Throws on anything else: another URI scheme, invalid base64, UTF-8 or JSON, a field missing.
 */
export function decodeTokenMetadataUri(uri: string): TokenMetadata {
  const json: unknown = JSON.parse(payloadOf(uri, JSON_PREFIX, "The token URI"));
  const { name, description, image, attributes } = (json ?? {}) as Record<string, unknown>;
  if (typeof name !== "string" || typeof description !== "string" || typeof image !== "string") {
    throw new Error("The token metadata lacks its name, description or image.");
  }
  if (!Array.isArray(attributes) || !attributes.every(isAttribute)) {
    throw new Error("The token metadata's attributes are not a list of { trait_type, value }.");
  }
  return {
    name,
    description,
    image,
    svg: payloadOf(image, SVG_PREFIX, "The token image"),
    attributes,
    traits: Object.fromEntries(attributes.map((attribute) => [attribute.trait_type, attribute.value])),
  };
}

/**
 * A token's metadata, read from its tokenizer as a wallet reads it: `tokenURI(tokenId)` on the ERC-721 ownership
 * tokenizer, `uri(tokenId)` on the ERC-1155 multi-party one. `tokenId` is the token standard's id, the one wallets
 * see (`erc721IdOf(integraHash)` / `erc1155IdOf(integraHash, tokenId)`), not the token's id within its record. A
 * token has metadata from its claim on: before it, the call reverts (`ERC721NonexistentToken` / `UnknownErc1155Id`).
 * A tokenizer of another deployment is told apart by ERC-165.
 */
export async function readTokenMetadata(client: ReadClient, tokenizer: Address, tokenId: bigint): Promise<TokenMetadata> {
  const chainId = chainIdOf(client);
  // A chain with no known deployment still has tokenizers to read: ERC-165 tells their kind.
  const known = deploymentOn(chainId) ? factsOn(chainId).tokenizerKindOf(tokenizer) : undefined;
  const kind =
    known ??
    ((await client.readContract({
      address: tokenizer,
      abi: ownershipTokenizerV1Abi,
      functionName: "supportsInterface",
      args: [ERC721_INTERFACE_ID],
    }))
      ? "ownership"
      : "multiParty");
  const uri =
    kind === "ownership"
      ? await client.readContract({ address: tokenizer, abi: ownershipTokenizerV1Abi, functionName: "tokenURI", args: [tokenId] })
      : await client.readContract({ address: tokenizer, abi: multiPartyTokenizerV1Abi, functionName: "uri", args: [tokenId] });
  return decodeTokenMetadataUri(uri);
}
