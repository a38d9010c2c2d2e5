import type { Address, Hex } from "viem";
import { revertedErrorName } from "@/lib/errors/revertedErrorName";
import { type WorkflowRef, parseAddress, parseBytes32 } from "@/lib/sdk";
import { CliError } from "./errors";

/** A record hash given on the command line, or one line saying what one looks like. */
export function recordHashArgument(text: string | undefined): Hex {
  const integraHash = parseBytes32(text ?? "");
  if (!integraHash) throw new CliError(`Not a record hash: "${text ?? ""}". An integraHash is 0x followed by 64 hexadecimal characters.`);
  return integraHash;
}

/** An address given on the command line, or one line saying what one looks like. */
export function addressArgument(text: string | undefined): Address {
  const address = parseAddress(text ?? "");
  if (!address) throw new CliError(`Not an address: "${text ?? ""}". An address is 0x followed by 40 hexadecimal characters.`);
  return address;
}

/** Awaits a read of the record `integraHash`; a record the chain does not know is said in words. */
export async function ofKnownRecord<T>(integraHash: Hex, read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (revertedErrorName(error) === "RecordNotFound")
      throw new CliError(`No such record on this chain: ${integraHash}`, { code: "RecordNotFound" });
    throw error;
  }
}

/**
 * A workflow given on the command line: its 0x processHash, or its name with its owner (`ownerText`, from
 * --workflow-owner or --owner). A name without an owner is `defaultOwner`'s (the signer's own workflow, in writes);
 * where there is none (reads), the owner must be named: workflows are namespaced by their owner.
 */
export function workflowArgument(
  text: string | undefined,
  ownerText: string | undefined,
  ownerFlag: string,
  defaultOwner?: Address,
): WorkflowRef {
  const value = text?.trim() ?? "";
  if (!value) throw new CliError('Name the workflow: its name (e.g. "closing/12-harbour-lane") or its 0x processHash.');
  if (value.startsWith("0x")) {
    const processHash = parseBytes32(value);
    if (!processHash) throw new CliError(`Not a workflow hash: "${value}". A processHash is 0x followed by 64 hexadecimal characters.`);
    if (ownerText !== undefined) throw new CliError(`${ownerFlag} goes with a workflow's name, not with its processHash.`);
    return processHash;
  }
  const owner = ownerText === undefined ? defaultOwner : addressArgument(ownerText);
  if (!owner) {
    throw new CliError(
      `Name the owner of workflow "${value}" with ${ownerFlag} ADDRESS (workflows are namespaced by their owner), or give its 0x processHash.`,
    );
  }
  return { owner, name: value };
}
