/** One chain the deployment serves, as configured: its id, its RPC, and optionally its explorer. */
export interface ServedChainSetting {
  id: number;
  rpc: string;
  explorer?: string;
}

/** A chains setting that is not one: what is wrong with it, in words. */
export class ChainsSettingError extends Error {
  constructor(message: string) {
    super(`NEXT_PUBLIC_CHAINS: ${message}. Expected a JSON array like [{"id":8453,"rpc":"https://…","explorer":"https://basescan.org"}].`);
    this.name = "ChainsSettingError";
  }
}

/**
 * Reads the chains setting: a JSON array of `{ id, rpc, explorer? }`, each id once. Without one, the deployment serves
 * the one chain of NEXT_PUBLIC_CHAIN_ID at NEXT_PUBLIC_RPC_URL. The default chain for writes (NEXT_PUBLIC_CHAIN_ID)
 * must be among them.
 */
export function parseServedChains(text: string | undefined, defaultChainId: number, defaultRpc: string): ServedChainSetting[] {
  if (text === undefined || text.trim() === "") return [{ id: defaultChainId, rpc: defaultRpc }];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ChainsSettingError("not JSON");
  }
  if (!Array.isArray(value) || value.length === 0) throw new ChainsSettingError("not a non-empty array");
  const seen = new Set<number>();
  const settings = value.map((item: unknown, index): ServedChainSetting => {
    if (typeof item !== "object" || item === null) throw new ChainsSettingError(`entry ${index} is not an object`);
    const { id, rpc, explorer } = item as Record<string, unknown>;
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0)
      throw new ChainsSettingError(`entry ${index}: id is not a chain id`);
    if (seen.has(id)) throw new ChainsSettingError(`chain ${id} is listed twice`);
    seen.add(id);
    if (typeof rpc !== "string" || !/^https?:\/\//.test(rpc)) throw new ChainsSettingError(`chain ${id}: rpc is not an http(s) URL`);
    if (explorer !== undefined && (typeof explorer !== "string" || !/^https?:\/\//.test(explorer))) {
      throw new ChainsSettingError(`chain ${id}: explorer is not an http(s) URL`);
    }
    return explorer === undefined ? { id, rpc } : { id, rpc, explorer };
  });
  if (!seen.has(defaultChainId)) throw new ChainsSettingError(`the default chain ${defaultChainId} (NEXT_PUBLIC_CHAIN_ID) is not listed`);
  return settings;
}
