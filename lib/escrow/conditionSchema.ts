import { type Hex, encodeAbiParameters } from "viem";

/**
 * The project's EAS schema for the facts an escrow may wait on (an inspection passed, a compliance check, a delivery
 * confirmed): registered without a resolver by every deploy. Its first field is the record, which is what
 * IntegraEscrowV1 checks; the attester named by the escrow vouches for the rest.
 */
export const CONDITION_SCHEMA = "bytes32 integraHash,string condition,string statement" as const;

const conditionParameters = [
  { name: "integraHash", type: "bytes32" },
  { name: "condition", type: "string" },
  { name: "statement", type: "string" },
] as const;

/** The attestation data of one condition fact: `condition` names it ("inspection"), `statement` says what was found. */
export function encodeConditionData(p: { integraHash: Hex; condition: string; statement: string }): Hex {
  return encodeAbiParameters(conditionParameters, [p.integraHash, p.condition, p.statement]);
}
