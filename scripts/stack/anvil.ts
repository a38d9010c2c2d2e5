import { type ChildProcess, spawn } from "node:child_process";
import { type Address, createPublicClient, createTestClient, http, parseEther, publicActions } from "viem";
import { LOCAL_RELAYER_ADDRESS } from "@/lib/relay/localRelayerKey.ts";
import { foundryBinary } from "./foundry.ts";

export interface RunningAnvil {
  rpcUrl: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

/** True when a JSON-RPC node answers eth_chainId at `rpcUrl` (asked once: no retries). */
async function rpcAnswers(rpcUrl: string): Promise<boolean> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 5_000 }) });
  return client.getChainId().then(
    () => true,
    () => false,
  );
}

/** Starts anvil on 127.0.0.1:`port` and resolves once it answers JSON-RPC. */
export async function startAnvil(port = 8545, extraArgs: string[] = []): Promise<RunningAnvil> {
  const rpcUrl = `http://127.0.0.1:${port}`;
  if (await rpcAnswers(rpcUrl)) {
    throw new Error(`Something already answers on ${rpcUrl}. Stop the other chain (or app) first, then run this again.`);
  }
  const child = spawn(foundryBinary("anvil"), ["--host", "127.0.0.1", "--port", String(port), "--silent", ...extraArgs], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const started = Date.now();
  while (!(await rpcAnswers(rpcUrl))) {
    if (child.exitCode !== null) throw new Error(`anvil exited with code ${child.exitCode}`);
    if (Date.now() - started > 30_000) throw new Error("anvil did not answer within 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    rpcUrl,
    process: child,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Sets an account's ether on the local chain (anvil_setBalance): for accounts past the ten anvil funds itself. */
export async function fundOnAnvil(rpcUrl: string, address: Address, ether: string): Promise<void> {
  await createTestClient({ mode: "anvil", transport: http(rpcUrl) }).setBalance({ address, value: parseEther(ether) });
}

/** Gives the local relayer's sponsor account 100 ETH: it pays the parties' gas, so they need none. */
export async function fundLocalRelayer(rpcUrl: string): Promise<void> {
  await fundOnAnvil(rpcUrl, LOCAL_RELAYER_ADDRESS, "100");
}

/**
 * Makes the next block on `rpcUrl` come later than the latest block on `earlierRpcUrl`. Each anvil keeps its own
 * clock, and a burst of blocks (a deploy, a seed) runs it ahead of wall time: events written on one chain after the
 * other's read in that order only once the clocks agree.
 */
export async function nextBlockAfter(rpcUrl: string, earlierRpcUrl: string): Promise<void> {
  const transport = (url: string) => http(url, { retryCount: 0 });
  const earlier = await createPublicClient({ transport: transport(earlierRpcUrl) }).getBlock();
  const anvil = createTestClient({ mode: "anvil", transport: transport(rpcUrl) }).extend(publicActions);
  const latest = await anvil.getBlock();
  if (latest.timestamp <= earlier.timestamp) await anvil.setNextBlockTimestamp({ timestamp: earlier.timestamp + 1n });
}
