import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures, Stripe's scheme: `integra watch --webhook` sends `Integra-Signature: t=<unix seconds>,v1=<hex>`,
 * where v1 is HMAC-SHA256 under the shared secret of `<t>.<body>`. The timestamp is signed with the body, so a
 * captured delivery cannot be replayed later than the receiver's tolerance, nor re-dated without the secret.
 */

/** How far a signature's timestamp may be from the receiver's clock (either way) by default: 5 minutes, as Stripe. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The header name, as sent (HTTP header names are case-insensitive: Node's `req.headers` has it lowercased). */
export const WEBHOOK_SIGNATURE_HEADER = "Integra-Signature";

function hmacHex(secret: string, timestamp: number, body: string | Uint8Array): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

/** The `Integra-Signature` value of `body` at `timestamp` (unix seconds; default now). */
export function signWebhook(secret: string, body: string | Uint8Array, timestamp: number = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * Whether `header` (the `Integra-Signature` value) signs `body` under `secret`, at a time within `toleranceSeconds` of
 * now. `body` must be the raw bytes received, before any JSON parsing (re-serialising changes them). Several `v1=`
 * entries are accepted (any may match), so a sender can sign with an old and a new secret while they are rotated.
 * False for a malformed or missing header, another body or secret, and a stale or future timestamp.
 *
 * @example
 * ```ts
 * if (!verifyWebhookSignature(secret, req.headers["integra-signature"], rawBody)) return res.writeHead(401).end();
 * ```
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | string[] | undefined,
  body: string | Uint8Array,
  toleranceSeconds: number = WEBHOOK_TOLERANCE_SECONDS,
): boolean {
  if (typeof header !== "string" || secret === "") return false;
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(",")) {
    const [key, value, ...extra] = part.trim().split("=");
    if (extra.length > 0 || value === undefined) return false;
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    // Other schemes (v0, a future v2) are ignored, as Stripe's receivers do; only a well-formed v1 counts.
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(Buffer.from(value, "hex"));
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), "hex");
  // Constant-time: the comparison must not tell an attacker how many leading bytes of a forgery were right.
  return signatures.some((signature) => timingSafeEqual(signature, expected));
}
