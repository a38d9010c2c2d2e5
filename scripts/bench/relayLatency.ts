// Section: the relayer under load. 50 wallets that hold no ether each sign a claim and POST it to the app's
// relayer (app/api/relay) at the same moment; measured from the POST to the answer (the relayer checked,
// simulated and sent) and to the receipt. A serial baseline of 5 single requests, measured in the same run,
// gives the cost of waiting in the relayer's one-at-a-time send queue.
import { type Hex, encodeFunctionData, parseEventLogs, sha256, stringToHex, zeroAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { claimAttestationRequest } from "../../lib/capabilities.ts";
import { type SignedForwardRequest, forwardRequestTypedData } from "../../lib/forwarder/forwardRequest.ts";
import { prepareForwardRequest } from "../../lib/forwarder/prepareForwardRequest.ts";
import { easAbi, integraRecordV1Abi, multiPartyTokenizerV1Abi } from "../../lib/generated/integra.ts";
import { LOCAL_RELAYER_ADDRESS } from "../../lib/relay/localRelayerKey.ts";
import { submitToRelayer } from "../../lib/relay/relayClient.ts";
import { processHashOf } from "../../lib/workflow.ts";
import { fundLocalRelayer } from "../lib/anvil.ts";
import { ANVIL_KEYS } from "../lib/chains.ts";
import { clientsFor } from "../lib/clients.ts";
import { writeAndWait } from "../lib/write.ts";
import type { BenchSection } from "./types.ts";

const CONCURRENT = 50;
const SERIAL = 5;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export const relayLatencySection: BenchSection = {
  name: "Relayer latency",
  async run(ctx) {
    const clerk = await clientsFor(ctx.rpcUrl, ANVIL_KEYS[1]);
    const client = clerk.publicClient;
    await fundLocalRelayer(ctx.rpcUrl);
    const a = ctx.deployment.addresses;
    const tokenizer = { address: a.MultiPartyTokenizerV1, abi: multiPartyTokenizerV1Abi } as const;
    const processHash = processHashOf("bench/relay");
    const parties = Array.from({ length: CONCURRENT + SERIAL }, () => privateKeyToAccount(generatePrivateKey()));

    const registered = await writeAndWait(clerk, {
      address: a.IntegraRecordV1,
      abi: integraRecordV1Abi,
      functionName: "register",
      args: [sha256(stringToHex(`bench relay ${Date.now()}`)), "0x01", a.MultiPartyTokenizerV1, zeroAddress, processHash, []],
    });
    const [event] = parseEventLogs({ abi: integraRecordV1Abi, logs: registered.logs, eventName: "RecordRegistered" });
    const integraHash = event.args.integraHash;
    for (const [i, party] of parties.entries()) {
      await writeAndWait(clerk, {
        ...tokenizer,
        functionName: "reserveToken",
        args: [integraHash, BigInt(i + 1), party.address, 1n, processHash, "Party"],
      });
    }
    await writeAndWait(clerk, { ...tokenizer, functionName: "sealParties", args: [integraHash] });
    const uids: Hex[] = [];
    for (const [i, party] of parties.entries()) {
      const attested = await writeAndWait(clerk, {
        address: a.EAS,
        abi: easAbi,
        functionName: "attest",
        args: [
          claimAttestationRequest({
            schema: ctx.deployment.capabilitySchemaUid,
            integraHash,
            tokenId: BigInt(i + 1),
            processHash,
            recipient: party.address,
          }),
        ],
      });
      uids.push(parseEventLogs({ abi: easAbi, logs: attested.logs, eventName: "Attested" })[0].args.uid);
    }
    const signed: SignedForwardRequest[] = await Promise.all(
      parties.map(async (party, i) => {
        const data = encodeFunctionData({
          abi: multiPartyTokenizerV1Abi,
          functionName: "claimToken",
          args: [integraHash, BigInt(i + 1), uids[i], processHash],
        });
        const request = await prepareForwardRequest(client, { from: party.address, to: a.MultiPartyTokenizerV1, data });
        return {
          ...request,
          signature: await party.signTypedData(forwardRequestTypedData(request, ctx.deployment.chainId, a.IntegraForwarderV1)),
        };
      }),
    );

    async function timed(request: SignedForwardRequest) {
      const started = performance.now();
      const { hash } = await submitToRelayer(ctx.appUrl, request);
      const answered = performance.now() - started;
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
      if (receipt.status !== "success") throw new Error(`relayed claim reverted in ${hash}`);
      return { answered, mined: performance.now() - started, hash };
    }

    const serial = [];
    for (const request of signed.slice(CONCURRENT)) serial.push(await timed(request));
    const nonceBefore = await client.getTransactionCount({ address: LOCAL_RELAYER_ADDRESS });
    const burstStarted = performance.now();
    const burst = await Promise.all(signed.slice(0, CONCURRENT).map((request) => timed(request)));
    const burstSeconds = (performance.now() - burstStarted) / 1000;
    const nonceAfter = await client.getTransactionCount({ address: LOCAL_RELAYER_ADDRESS });
    const lost = CONCURRENT - new Set(burst.map((r) => r.hash)).size;

    const row = (label: string, values: number[]) =>
      `${label.padEnd(38)} ${percentile(values, 50).toFixed(0).padStart(7)} ${percentile(values, 95).toFixed(0).padStart(7)} ${Math.max(
        ...values,
      )
        .toFixed(0)
        .padStart(7)}`;
    const p50Ratio =
      percentile(
        burst.map((r) => r.mined),
        50,
      ) /
      percentile(
        serial.map((r) => r.mined),
        50,
      );
    return [
      `${CONCURRENT} concurrent claims from ${CONCURRENT} wallets with no ether, through ${ctx.appUrl}/api/relay (anvil automine):`,
      "",
      `${"ms".padEnd(38)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}`,
      row(
        `serial (${SERIAL} single requests): answered`,
        serial.map((r) => r.answered),
      ),
      row(
        `serial: mined`,
        serial.map((r) => r.mined),
      ),
      row(
        `${CONCURRENT} at once: answered`,
        burst.map((r) => r.answered),
      ),
      row(
        `${CONCURRENT} at once: mined`,
        burst.map((r) => r.mined),
      ),
      "",
      `All ${CONCURRENT} mined in ${burstSeconds.toFixed(2)} s (${(CONCURRENT / burstSeconds).toFixed(1)} claims/s); sponsor nonce ${nonceBefore} -> ${nonceAfter} (${nonceAfter - nonceBefore} transactions, ${lost} lost or duplicated).`,
      `Under load, p50 to mined is ${p50Ratio.toFixed(1)}x the serial p50: requests wait in the relayer's one-at-a-time send queue.`,
    ].join("\n");
  },
};
