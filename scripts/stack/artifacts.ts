import { readFileSync } from "node:fs";
import path from "node:path";
import type { Abi, Hex } from "viem";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const FORGE_OUT = path.join(ROOT, "contracts", "out");
const EAS_ARTIFACTS = path.join(ROOT, "node_modules", "@ethereum-attestation-service", "eas-contracts", "artifacts", "contracts");

export interface Artifact {
  abi: Abi;
  bytecode: Hex;
}

/** The Integra contracts the deploy step builds and the app reads. */
export const INTEGRA_CONTRACTS = {
  IntegraRecordV1: "IntegraRecordV1.sol",
  IntegraCapabilityResolverV1: "IntegraCapabilityResolverV1.sol",
  OwnershipTokenizerV1: "OwnershipTokenizerV1.sol",
  MultiPartyTokenizerV1: "MultiPartyTokenizerV1.sol",
  IntegraSignalV1: "IntegraSignalV1.sol",
  IntegraForwarderV1: "IntegraForwarderV1.sol",
  OwnerAllowlistResolverV1: "OwnerAllowlistResolverV1.sol",
  IntegraEscrowV1: "IntegraEscrowV1.sol",
} as const;

/** Contracts only the local chain deploys: a stablecoin to move and an arbitrator to rule, for the demo and tests. */
export const LOCAL_CONTRACTS = {
  TestStablecoin: "TestStablecoin.sol",
  SingleSignerArbitratorV1: "SingleSignerArbitratorV1.sol",
} as const;

export type LocalContractName = keyof typeof LOCAL_CONTRACTS;

const CONTRACT_FILES: Record<IntegraContractName | LocalContractName, string> = { ...INTEGRA_CONTRACTS, ...LOCAL_CONTRACTS };

export type IntegraContractName = keyof typeof INTEGRA_CONTRACTS;

/** Every contract a deployment has an address for: EAS and its schema registry, then the Integra ones. */
export const DEPLOYED_CONTRACTS = ["EAS", "SchemaRegistry", ...(Object.keys(INTEGRA_CONTRACTS) as IntegraContractName[])] as const;

export type DeployedContractName = (typeof DEPLOYED_CONTRACTS)[number];

/** A forge build artifact (`forge build` writes contracts/out/<File>.sol/<Name>.json). */
export function forgeArtifact(name: IntegraContractName | LocalContractName): Artifact {
  const json = JSON.parse(readFileSync(path.join(FORGE_OUT, CONTRACT_FILES[name], `${name}.json`), "utf8"));
  return { abi: json.abi, bytecode: json.bytecode.object };
}

/** A Hardhat artifact shipped by @ethereum-attestation-service/eas-contracts: the real EAS. */
export function easArtifact(name: "EAS" | "SchemaRegistry"): Artifact {
  const json = JSON.parse(readFileSync(path.join(EAS_ARTIFACTS, `${name}.sol`, `${name}.json`), "utf8"));
  return { abi: json.abi, bytecode: json.bytecode };
}
