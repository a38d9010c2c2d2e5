import { decodeAbiParameters } from "viem";
import { eas, revokeCapability } from "@/lib/sdk";
import { CAPABILITY_DATA_PARAMETERS } from "@/lib/capabilities";
import { capabilitySchemaUid } from "@/lib/contracts";
import type { Command } from "../command";
import { capabilityNames } from "../capabilities";
import { CliError, EXIT } from "../errors";
import { printJson } from "../format";
import { KEYSTORE_OPTION, SIGNER_HELP } from "../signer";
import { onSent, signerFor, uidArgument } from "../write";

export const revokeCommand: Command = {
  name: "revoke",
  summary: "revoke a capability attestation the signer issued: a claim waiting on it can no longer be made",
  arguments: "<uid>",
  options: { ...KEYSTORE_OPTION },
  description:
    "Revokes a capability attestation (its UID: `integra attest` printed it, `integra status` lists them). Only its\n" +
    "attester may revoke it (EAS's rule). A party whose claim waited on it is refused from then on (`integra pending`\n" +
    "says it was revoked); issue a new one with `integra attest`.\n\n" +
    SIGNER_HELP,
  async run(context) {
    const uid = uidArgument(context.args[0]);
    const signer = await signerFor(context);
    const attestation = await signer.client.readContract({ ...eas, functionName: "getAttestation", args: [uid] });
    if (attestation.uid !== uid) throw new CliError(`No attestation ${uid} exists on this chain.`, { code: "UnknownAttestation" });
    if (attestation.schema !== capabilitySchemaUid)
      throw new CliError(`${uid} is not an Integra capability attestation (its schema is ${attestation.schema}).`, { code: "WrongSchema" });
    const [integraHash, tokenId, capabilities] = decodeAbiParameters(CAPABILITY_DATA_PARAMETERS, attestation.data);
    const { transactionHash } = await revokeCapability(signer, uid, onSent);
    const result = {
      uid,
      integraHash,
      tokenId,
      recipient: attestation.recipient,
      capabilities: capabilityNames(capabilities),
      transactionHash,
    };
    if (context.json) printJson("revoke", result);
    else
      process.stdout.write(
        `Revoked ${uid}: ${result.capabilities.join("+")} on ${tokenId === 0n ? "any token" : `token #${tokenId}`} of ${integraHash} for ${attestation.recipient} (in ${transactionHash}).\n`,
      );
    return EXIT.ok;
  },
};
