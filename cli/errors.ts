import { BaseError, HttpRequestError } from "viem";
import { isUnreachable } from "@/lib/chain/unreachable";

/** Exit codes: 0 success (verify: registered), 1 verify: not registered, 2 any error (bad input, RPC, chain). */
export const EXIT = { ok: 0, notRegistered: 1, error: 2 } as const;

/** A failure the user can act on: its message is printed as one line on stderr, and the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.error,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** What an HTTP refusal from the RPC asks of the user, by status. */
function refusalAdvice(status: number): string {
  if (status === 429) return "too many requests: wait and run it again, or use another RPC";
  if (status === 401 || status === 403) return "not allowed: check the API key in the URL";
  if (status === 404) return "no RPC at that path: check the URL";
  if (status >= 500) return "the provider failed: try again, or use another RPC";
  return "check the URL";
}

/**
 * One line for any failure: a CliError's own words; an RPC that did not answer (lib/chain/unreachable.ts, the app's
 * own rule: no connection, a timeout, 502/503/504); an RPC that answered with an HTTP refusal, with its status and what
 * to do; otherwise the error's short message.
 */
export function describeFailure(error: unknown, rpcUrl: string): string {
  if (error instanceof CliError) return error.message;
  if (isUnreachable(error)) return `Cannot reach the RPC at ${rpcUrl}: is the node running, and is the URL right? (--rpc URL)`;
  if (error instanceof BaseError) {
    const refusal = error.walk((e) => e instanceof HttpRequestError && e.status !== undefined);
    if (refusal instanceof HttpRequestError && refusal.status !== undefined) {
      return `The RPC at ${rpcUrl} refused the request with HTTP ${refusal.status} (${refusalAdvice(refusal.status)}).`;
    }
    return error.shortMessage;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
