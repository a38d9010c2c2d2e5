import { BaseError, HttpRequestError, TimeoutError } from "viem";

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

/** True when the RPC could not be reached or did not answer in time. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  return error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError) !== null;
}

/** One line for any failure: a CliError's own words, an unreachable RPC named as such, otherwise the error's short message. */
export function describeFailure(error: unknown, rpcUrl: string): string {
  if (error instanceof CliError) return error.message;
  if (isUnreachable(error)) return `Cannot reach the RPC at ${rpcUrl}: is the node running, and is the URL right? (--rpc URL)`;
  if (error instanceof BaseError) return error.shortMessage;
  if (error instanceof Error) return error.message;
  return String(error);
}
