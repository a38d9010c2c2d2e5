import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signWebhook, verifyWebhookSignature } from "./webhookSignature";

const secret = "whsec_test";
const body = '{"type":"event","event":"DocumentComplete","blockNumber":"12"}';
const now = 1_800_000_000;

describe("verifyWebhookSignature", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(now * 1000);
  });
  afterEach(() => vi.useRealTimers());

  it("accepts a signature of the body under the secret, made now", () => {
    expect(verifyWebhookSignature(secret, signWebhook(secret, body), body)).toBe(true);
    expect(verifyWebhookSignature(secret, signWebhook(secret, body), Buffer.from(body))).toBe(true);
  });

  it("is Stripe's scheme: v1 is the hex HMAC-SHA256 of `<t>.<body>`, so any receiver can check it with node:crypto", () => {
    const v1 = createHmac("sha256", secret).update(`${now}.${body}`).digest("hex");
    expect(signWebhook(secret, body)).toBe(`t=${now},v1=${v1}`);
  });

  it("refuses a tampered body, and a body re-serialised by a JSON parser", () => {
    const header = signWebhook(secret, body);
    expect(verifyWebhookSignature(secret, header, body.replace("12", "13"))).toBe(false);
    expect(verifyWebhookSignature(secret, header, JSON.stringify(JSON.parse(body), null, 1))).toBe(false);
  });

  it("refuses another secret, and an empty one", () => {
    expect(verifyWebhookSignature("whsec_other", signWebhook(secret, body), body)).toBe(false);
    expect(verifyWebhookSignature("", signWebhook("", body), body)).toBe(false);
  });

  it("refuses a timestamp older or newer than the tolerance, and accepts one within it", () => {
    expect(verifyWebhookSignature(secret, signWebhook(secret, body, now - 301), body)).toBe(false);
    expect(verifyWebhookSignature(secret, signWebhook(secret, body, now + 301), body)).toBe(false);
    expect(verifyWebhookSignature(secret, signWebhook(secret, body, now - 299), body)).toBe(true);
    expect(verifyWebhookSignature(secret, signWebhook(secret, body, now - 60), body, 30)).toBe(false);
  });

  it("refuses a re-dated signature: the timestamp is part of what is signed", () => {
    const stale = signWebhook(secret, body, now - 3600);
    expect(verifyWebhookSignature(secret, stale.replace(`t=${now - 3600}`, `t=${now}`), body)).toBe(false);
  });

  it("accepts any of several v1 signatures (a secret being rotated)", () => {
    const old = signWebhook("whsec_old", body).split(",")[1];
    expect(verifyWebhookSignature(secret, `${signWebhook(secret, body)},${old}`, body)).toBe(true);
    expect(verifyWebhookSignature("whsec_old", `${signWebhook(secret, body)},${old}`, body)).toBe(true);
  });

  it("refuses malformed and missing headers without throwing", () => {
    const v1 = signWebhook(secret, body).split(",")[1];
    for (const header of [
      undefined,
      "",
      [signWebhook(secret, body)],
      v1,
      `t=${now}`,
      `t=${now},v1=`,
      `t=${now},v1=zz${v1.slice(5)}`,
      `t=${now},v1=${v1.slice(3, -2)}`,
      `t=${now},${v1}=x`,
      `t=soon,${v1}`,
      `t=-${now},${v1}`,
      `${v1},t=${now}e3`,
    ]) {
      expect(verifyWebhookSignature(secret, header, body), String(header)).toBe(false);
    }
    // The order of the parts and spaces after the commas do not matter.
    expect(verifyWebhookSignature(secret, `${v1}, t=${now}`, body)).toBe(true);
  });
});
