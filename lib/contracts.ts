import {
  easAbi,
  integraCapabilityResolverV1Abi,
  integraForwarderV1Abi,
  integraRecordV1Abi,
  integraSignalV1Abi,
  multiPartyTokenizerV1Abi,
  ownerAllowlistResolverV1Abi,
  ownershipTokenizerV1Abi,
} from "@/lib/generated/integra";
import { deployedAddress as address } from "@/lib/deployment";

/** The deployment's addresses alone (no ABI): lib/deployment.ts, re-exported here with every ABI. */
export {
  type TokenizerKind,
  capabilitySchemaUid,
  deployBlock,
  integraAddresses,
  isDeployed,
  tokenizerKindOf,
  tokenizers,
} from "@/lib/deployment";

export const registry = { address: address("IntegraRecordV1"), abi: integraRecordV1Abi } as const;
export const ownershipTokenizer = { address: address("OwnershipTokenizerV1"), abi: ownershipTokenizerV1Abi } as const;
export const multiPartyTokenizer = { address: address("MultiPartyTokenizerV1"), abi: multiPartyTokenizerV1Abi } as const;
export const capabilityResolver = { address: address("IntegraCapabilityResolverV1"), abi: integraCapabilityResolverV1Abi } as const;
export const signal = { address: address("IntegraSignalV1"), abi: integraSignalV1Abi } as const;
export const forwarder = { address: address("IntegraForwarderV1"), abi: integraForwarderV1Abi } as const;
export const allowlistResolver = { address: address("OwnerAllowlistResolverV1"), abi: ownerAllowlistResolverV1Abi } as const;
export const eas = { address: address("EAS"), abi: easAbi } as const;

/** Both tokenizers share one ABI for reserve/cancel/claim/status (IntegraTokenizerBase). */
export const tokenizerAbi = multiPartyTokenizerV1Abi;

/** The ABI of every contract this project deploys (EAS is not ours). */
export const integraAbis = [
  integraRecordV1Abi,
  multiPartyTokenizerV1Abi,
  ownershipTokenizerV1Abi,
  integraCapabilityResolverV1Abi,
  integraSignalV1Abi,
  ownerAllowlistResolverV1Abi,
  integraForwarderV1Abi,
] as const;

/** Every custom error of every Integra contract: nested reverts bubble up with the inner error's selector. */
export const integraErrorsAbi = [
  ...integraRecordV1Abi,
  ...multiPartyTokenizerV1Abi,
  ...ownershipTokenizerV1Abi,
  ...integraCapabilityResolverV1Abi,
  ...integraSignalV1Abi,
  ...ownerAllowlistResolverV1Abi,
  ...integraForwarderV1Abi,
  ...easAbi,
].filter((item) => item.type === "error");
