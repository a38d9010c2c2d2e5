import { PlainWordsError } from "@/lib/errors/plainWordsError";
import type { SignedForwardRequest } from "@/lib/forwarder/forwardRequest";
import { toWire } from "@/lib/forwarder/forwardRequest";
import { type RelayAccepted, type RelayResponse, type RelayerInfo, RELAY_PATH, isRefusal } from "./relayApi";

/** The relayer said no: `check` names the check that failed, `message` says why in words. */
export class RelayRefusedError extends PlainWordsError {
  constructor(
    readonly check: string,
    message: string,
  ) {
    super("The relayer refused", message);
    this.name = "RelayRefusedError";
  }
}

/** Posts a signed request to the relayer at `baseUrl` (the app's origin); resolves with the transaction hash. */
export async function submitToRelayer(baseUrl: string, request: SignedForwardRequest): Promise<RelayAccepted> {
  let response: Response;
  try {
    response = await fetch(new URL(RELAY_PATH, baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ request: toWire(request) }),
    });
  } catch {
    throw new RelayRefusedError(
      "unreachable",
      "The relayer could not be reached. Nothing was sent; try again, or send a signed link to the clerk.",
    );
  }
  const body = (await response.json().catch(() => undefined)) as RelayResponse | undefined;
  if (!body) throw new RelayRefusedError("format", `The relayer answered ${response.status} without a reason. Nothing was sent.`);
  if (isRefusal(body)) throw new RelayRefusedError(body.error.check, body.error.message);
  return body;
}

/** Who sponsors party calls at `baseUrl`. */
export async function fetchRelayerInfo(baseUrl: string): Promise<RelayerInfo> {
  try {
    const response = await fetch(new URL(RELAY_PATH, baseUrl));
    if (!response.ok) return { enabled: false, reason: `The relayer answered ${response.status}.` };
    return (await response.json()) as RelayerInfo;
  } catch {
    return { enabled: false, reason: "The relayer could not be reached." };
  }
}
