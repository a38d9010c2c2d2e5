/**
 * The eth_getLogs window size each endpoint was last seen to accept after refusing a wider one, shared by every
 * reader in this process (in memory only), so only the first read against a capped provider pays for finding
 * its cap. An endpoint is its URL when the client has one (two clients of one provider share what they learned),
 * otherwise the client object itself.
 */
const byUrl = new Map<string, bigint>();
const byClient = new WeakMap<object, bigint>();

export type LogEndpoint = string | object;

/** The endpoint a client talks to: its HTTP transport's URL, or the client itself (a custom or fake transport). */
export function logEndpointOf(client: object): LogEndpoint {
  const url = (client as { transport?: { url?: unknown } }).transport?.url;
  return typeof url === "string" && url.length > 0 ? url : client;
}

/** The size learned for this endpoint, if any. */
export function learnedLogRange(endpoint: LogEndpoint): bigint | undefined {
  return typeof endpoint === "string" ? byUrl.get(endpoint) : byClient.get(endpoint);
}

/** Records that `size` blocks worked after a wider window was refused; a smaller size learned meanwhile wins. */
export function rememberLogRange(endpoint: LogEndpoint, size: bigint): void {
  const known = learnedLogRange(endpoint);
  if (known !== undefined && known <= size) return;
  if (typeof endpoint === "string") byUrl.set(endpoint, size);
  else byClient.set(endpoint, size);
}
