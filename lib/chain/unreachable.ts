import { RpcProbeError } from "./rpcProbe";

/** viem's BaseError, told by its shape: importing viem's error classes would bring them to every page's first load. */
interface ViemError extends Error {
  shortMessage: string;
  walk(fn: (error: unknown) => boolean): unknown;
}

function isViemError(error: unknown): error is ViemError {
  return error instanceof Error && "shortMessage" in error && typeof (error as Partial<ViemError>).walk === "function";
}

const named = (name: string) => (error: unknown) => error instanceof Error && error.name === name;

function unreachableStatus(status: number | undefined): boolean {
  return status === undefined || status === 502 || status === 503 || status === 504;
}

/**
 * The RPC did not answer at all: the connection failed (refused, reset, no network), it timed out, or the gateway in
 * front of the node says the node is not there (502, 503, 504). A 429 or a JSON-RPC error is an answer: the node is
 * up, so these are not outages and the app does not say it is unreachable. Judges viem's errors (its TimeoutError and
 * HttpRequestError, by name, anywhere in the cause chain) and the outage probe's (RpcProbeError).
 */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof RpcProbeError) return error.timedOut || unreachableStatus(error.status);
  if (!isViemError(error)) return false;
  const cause = error.walk((e) => named("TimeoutError")(e) || named("HttpRequestError")(e));
  if (!(cause instanceof Error)) return false;
  if (cause.name === "TimeoutError") return true;
  return unreachableStatus((cause as { status?: number }).status);
}
