import { BaseError, HttpRequestError, RpcRequestError } from "viem";
import { isUnreachable } from "@/lib/chain/unreachable";
import { IntegraWriteError, RelayRefusedError } from "@/lib/sdk";

/**
 * Exit codes, so that a program knows what to do without reading the words: 0 success (verify: registered);
 * 1 verify: not registered; 2 bad input (fix the command line); 3 refused (the chain, the relayer or a check said
 * no: running it again unchanged will not help); 4 try later (an outage, a rate limit: the same command may succeed).
 */
export const EXIT = { ok: 0, notRegistered: 1, badInput: 2, refused: 3, tryLater: 4 } as const;

/**
 * A failure the user can act on: its message is printed as one line on stderr (with --json, also as
 * `{"error":{code,message,retry}}` on stdout), and the process exits with `exitCode`. `code` names it for programs
 * (default InvalidInput); `retry` says whether running the same command again later may succeed (default no).
 */
export class CliError extends Error {
  readonly exitCode: number;
  readonly code: string;
  readonly retry: boolean;
  constructor(message: string, options: number | { exitCode?: number; code?: string; retry?: boolean } = {}) {
    super(message);
    this.name = "CliError";
    const {
      code = "InvalidInput",
      retry = false,
      exitCode = exitCodeOf({ code, retry }),
    } = typeof options === "number" ? { exitCode: options } : options;
    this.exitCode = exitCode;
    this.code = code;
    this.retry = retry;
  }
}

/**
 * The HTTP status of a refusal anywhere in viem's error chain: an HttpRequestError (a non-JSON answer) or an
 * RpcRequestError (a JSON-RPC error in a non-2xx answer, as many providers send their 429 and 401) carries one.
 */
function httpStatusOf(error: BaseError): number | undefined {
  const refusal = error.walk((e) => (e instanceof HttpRequestError || e instanceof RpcRequestError) && (e.status ?? 0) >= 400);
  return refusal instanceof HttpRequestError || refusal instanceof RpcRequestError ? refusal.status : undefined;
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
    const status = httpStatusOf(error);
    if (status !== undefined) return `The RPC at ${rpcUrl} refused the request with HTTP ${status} (${refusalAdvice(status)}).`;
    return error.shortMessage;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A failure as programs read it (`--json`): a stable code, the same one line as on stderr, and whether to retry. */
export interface Failure {
  /**
   * The contract's custom error when the chain refused (NotWorkflowMember, RecordChangedSinceOffer, ...), else one of
   * the CLI's: InvalidInput, RpcUnreachable, RpcRefused, WrongChain, NoDeployment, RecordNotFound, NoSigner,
   * NoEther, InsufficientFunds, CannotClaim, RelayRefused, ProofCheckFailed, Failed.
   */
  code: string;
  message: string;
  /** Whether the same command may succeed if run again later, unchanged (an RPC outage, a rate limit). */
  retry: boolean;
  /** Seconds to wait before trying again, when the relayer said. */
  retryAfter?: number;
  /** The relayer's check that refused (RelayRefused only): deadline, rate, spend, simulation, ... */
  check?: string;
}

/** Failures of what the command was given (its arguments, files, key or password): the caller fixes them. */
const INPUT_CODES = new Set(["InvalidInput", "NoSigner", "WrongPassword"]);

/** The exit code of a failure: bad input, refused (permanent), or try later. */
export function exitCodeOf(failure: Pick<Failure, "code" | "retry">): number {
  if (failure.retry) return EXIT.tryLater;
  return INPUT_CODES.has(failure.code) ? EXIT.badInput : EXIT.refused;
}

/** Relayer refusals that pass with time: it could not be reached or reach the chain, a rate limit, a send that failed. */
const TRANSIENT_RELAY_CHECKS = new Set(["unreachable", "chain", "rate", "send", "nonce"]);

/** `describeFailure`'s line, with a code and whether retrying may help. */
export function failureOf(error: unknown, rpcUrl: string): Failure {
  const message = describeFailure(error, rpcUrl);
  if (error instanceof CliError) return { code: error.code, message, retry: error.retry };
  // A dropped transaction never ran: sending it again is safe. Every other refusal needs a change first.
  if (error instanceof IntegraWriteError) return { code: error.code, message, retry: error.code === "Dropped" };
  if (error instanceof RelayRefusedError) {
    const retryAfter = error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter };
    return { code: "RelayRefused", message, retry: TRANSIENT_RELAY_CHECKS.has(error.check), check: error.check, ...retryAfter };
  }
  if (isUnreachable(error)) return { code: "RpcUnreachable", message, retry: true };
  if (error instanceof BaseError) {
    const status = httpStatusOf(error);
    if (status !== undefined) return { code: "RpcRefused", message, retry: status === 429 || status >= 500 };
  }
  return { code: "Failed", message, retry: false };
}
