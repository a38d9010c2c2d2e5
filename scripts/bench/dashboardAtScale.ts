// Section: "tokens reserved for me" on the same busy chain (5,000 records, 10 of them reserving a token for one
// wallet). The app's readReservationsFor (one eth_getLogs with topic3 = wallet over both tokenizers, then one
// tokenStatus per token) against the naive read: every TokenReserved log of each tokenizer in 500-block windows,
// filtered by recipient in the client, then the same tokenStatus reads.
import { type Address, type Hex, type PublicClient, getAbiItem } from "viem";
import { deployBlock, multiPartyTokenizer, ownershipTokenizer, tokenizerAbi } from "../../lib/contracts.ts";
import { TOKEN_STATUS } from "../../lib/reads/records.ts";
import { readReservationsFor } from "../../lib/reads/reservations.ts";
import { chainAt } from "../lib/clients.ts";
import { type Measured, measureReads, ratio } from "./countingRpc.ts";
import { describeScaleChain, scaleChain } from "./scaleChain.ts";
import { formatTable } from "./table.ts";
import type { BenchSection } from "./types.ts";

const NAIVE_WINDOW = 500n;
const PROVIDER_CAP = 1_000n;
const tokenReserved = getAbiItem({ abi: tokenizerAbi, name: "TokenReserved" });

interface Token {
  tokenizer: Address;
  integraHash: Hex;
  tokenId: bigint;
}

const tokenKey = (t: Token) => `${t.tokenizer.toLowerCase()}:${t.integraHash}:${t.tokenId}`;

async function appTokens(client: PublicClient, wallet: Address, maxRange?: bigint): Promise<Token[]> {
  const rows = await readReservationsFor(client, wallet, maxRange);
  return rows.map(({ tokenizer, integraHash, tokenId }) => ({ tokenizer, integraHash, tokenId }));
}

/** Every TokenReserved of each tokenizer, window by window; keep the wallet's; then read each one's status. */
async function naiveTokens(client: PublicClient, wallet: Address): Promise<Token[]> {
  const latest = await client.getBlockNumber();
  const perTokenizer = await Promise.all(
    [ownershipTokenizer.address, multiPartyTokenizer.address].map(async (address) => {
      const mine: Token[] = [];
      for (let from = deployBlock; from <= latest; from += NAIVE_WINDOW) {
        const to = from + NAIVE_WINDOW - 1n < latest ? from + NAIVE_WINDOW - 1n : latest;
        const logs = await client.getLogs({ address, event: tokenReserved, fromBlock: from, toBlock: to });
        for (const log of logs) {
          const { integraHash, tokenId, recipient } = log.args;
          if (recipient?.toLowerCase() === wallet.toLowerCase() && integraHash !== undefined && tokenId !== undefined) {
            mine.push({ tokenizer: log.address, integraHash, tokenId });
          }
        }
      }
      return mine;
    }),
  );
  const unique = new Map(perTokenizer.flat().map((t) => [tokenKey(t), t]));
  const statuses = await Promise.all(
    [...unique.values()].map(async (t) => {
      const [status, reservedFor] = await client.readContract({
        address: t.tokenizer,
        abi: tokenizerAbi,
        functionName: "tokenStatus",
        args: [t.integraHash, t.tokenId],
      });
      const name = TOKEN_STATUS[status];
      return reservedFor.toLowerCase() === wallet.toLowerCase() && (name === "reserved" || name === "claimed") ? [t] : [];
    }),
  );
  return statuses.flat();
}

function row(reader: string, m: Measured<Token[]>, vs?: Measured<Token[]>): string[] {
  return [
    reader,
    String(m.counts.calls),
    String(m.counts.http),
    String(m.counts.logs),
    String(m.result.length),
    m.ms.toFixed(1),
    vs ? ratio(m.counts.calls, vs.counts.calls) : "",
    vs ? ratio(m.ms, vs.ms) : "",
  ];
}

export const dashboardAtScaleSection: BenchSection = {
  name: "Dashboard at scale",
  async run(ctx) {
    const chainState = await scaleChain(ctx);
    const chain = await chainAt(ctx.rpcUrl);
    const wallet = chainState.wallet;

    const app = await measureReads(ctx.rpcUrl, chain, (c) => appTokens(c, wallet));
    const naive = await measureReads(ctx.rpcUrl, chain, (c) => naiveTokens(c, wallet));
    const appKeys = app.result.map(tokenKey).sort().join("|");
    const naiveKeys = naive.result.map(tokenKey).sort().join("|");
    if (app.result.length !== chainState.walletTokens || appKeys !== naiveKeys) {
      throw new Error(
        `reserved for the wallet: ${chainState.walletTokens}; the app found ${app.result.length}, the naive read ${naive.result.length} (same set: ${appKeys === naiveKeys})`,
      );
    }
    const tokenizers = new Set(app.result.map((t) => t.tokenizer.toLowerCase())).size;

    // Behind a provider that refuses eth_getLogs spans over 1,000 blocks: the app windows; the naive read already does.
    const cappedApp = await measureReads(ctx.rpcUrl, chain, (c) => appTokens(c, wallet, PROVIDER_CAP), PROVIDER_CAP);
    const cappedNaive = await measureReads(ctx.rpcUrl, chain, (c) => naiveTokens(c, wallet), PROVIDER_CAP);
    if (cappedApp.result.map(tokenKey).sort().join("|") !== appKeys) throw new Error("the capped app read found other tokens");

    const table = formatTable(
      ["reader", "RPC calls", "HTTP", "logs", "tokens", "ms", "calls naive/app", "ms naive/app"],
      [
        row("app readReservationsFor (topic3 = wallet)", app),
        row("naive: all TokenReserved, 500-block windows", naive, app),
        row("cap 1,000: app, 1,000-block windows", cappedApp),
        row("cap 1,000: naive, 500-block windows", cappedNaive, cappedApp),
      ],
      ["left", "right", "right", "right", "right", "right", "right", "right"],
    );
    return [
      describeScaleChain(chainState),
      `Wallet ${wallet}: ${chainState.walletTokens} tokens reserved (${tokenizers} tokenizers) among ${chainState.unrelatedRecords.toLocaleString("en-US")} reservations. ms = median of 3.`,
      "",
      table,
    ].join("\n");
  },
};
