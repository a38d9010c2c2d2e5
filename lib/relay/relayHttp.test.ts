import { type IncomingHttpHeaders, type Server, createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createPublicClient, createWalletClient, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ClientIdentityConfig } from "./clientIdentity";
import { LOCAL_RELAYER_KEY } from "./localRelayerKey";
import { PEER_ADDRESS_HEADER, stampPeerAddress } from "./peerAddress";
import { MAX_BODY_BYTES, handleRelayPost } from "./relayHttp";
import { Relayer } from "./relayer";
import { DEFAULT_POLICY } from "./relayerPolicy";
import { SqliteStore } from "./store/sqliteStore";

/** A relayer that never reaches a chain: these tests stop at the client's limit, the body or its format. */
function offlineRelayer(perClientLimit: number): Relayer {
  const transport = http("http://127.0.0.1:9", { retryCount: 0 });
  return new Relayer({
    publicClient: createPublicClient({ chain: foundry, transport }),
    walletClient: createWalletClient({ chain: foundry, transport, account: privateKeyToAccount(LOCAL_RELAYER_KEY) }),
    policy: { ...DEFAULT_POLICY, perClientLimit },
    store: new SqliteStore(":memory:", { namespace: "http:", rateWindowMs: 60_000, spendWindowMs: 86_400_000 }),
  });
}

function post(headers: Record<string, string>, body: BodyInit = "{}"): Request {
  return new Request("http://localhost/api/relay", { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

async function statusesOf(relayer: Relayer, identity: ClientIdentityConfig, stamped: boolean, requests: Request[]): Promise<number[]> {
  const options = { relayer: async () => relayer, identity: () => identity, peerStamped: () => stamped };
  const statuses = [];
  for (const request of requests) statuses.push((await handleRelayPost(request, options)).status);
  return statuses;
}

describe("POST /api/relay: who the client is", () => {
  it("counts a client by its TCP peer however it rotates X-Forwarded-For and X-Real-IP", async () => {
    const relayer = offlineRelayer(2);
    const spoofs = ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"].map((ip) =>
      post({ [PEER_ADDRESS_HEADER]: "198.51.100.7", "x-forwarded-for": ip, "x-real-ip": ip }),
    );
    // Two format refusals (the body is `{}`), then the client's limit: every spoofed value is the same client.
    expect(await statusesOf(relayer, { trustedProxies: 0 }, true, spoofs)).toEqual([400, 400, 429, 429]);
    // Another peer has its own bucket.
    expect(await statusesOf(relayer, { trustedProxies: 0 }, true, [post({ [PEER_ADDRESS_HEADER]: "198.51.100.8" })])).toEqual([400]);
    await relayer.close();
  });

  it("behind one trusted proxy, counts the hop the proxy wrote, not the ones the client prepended", async () => {
    const relayer = offlineRelayer(2);
    const requests = ["6.6.6.1", "6.6.6.2", "6.6.6.3"].map((spoof) => post({ "x-forwarded-for": `${spoof}, 203.0.113.7` }));
    expect(await statusesOf(relayer, { trustedProxies: 1 }, true, requests)).toEqual([400, 400, 429]);
    expect(await statusesOf(relayer, { trustedProxies: 1 }, true, [post({ "x-forwarded-for": "6.6.6.1, 203.0.113.8" })])).toEqual([400]);
    await relayer.close();
  });

  it("uses X-Real-IP only when configured as the client-IP header", async () => {
    const relayer = offlineRelayer(1);
    const config = { trustedProxies: 0, clientIpHeader: "x-real-ip" };
    expect(await statusesOf(relayer, config, true, [post({ "x-real-ip": "203.0.113.1" }), post({ "x-real-ip": "203.0.113.1" })])).toEqual([
      400, 429,
    ]);
    expect(await statusesOf(relayer, config, true, [post({ "x-real-ip": "203.0.113.2" })])).toEqual([400]);
    await relayer.close();
  });

  it("under plain `next start` (nothing stamped the peer), puts every client in one bucket and says so once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const relayer = offlineRelayer(2);
    const forged = ["1.1.1.1", "2.2.2.2", "3.3.3.3"].map((ip) => post({ [PEER_ADDRESS_HEADER]: ip, "x-forwarded-for": ip }));
    expect(await statusesOf(relayer, { trustedProxies: 0 }, false, forged)).toEqual([400, 400, 429]);
    expect(warn.mock.calls.filter(([message]) => String(message).includes("share one per-client limit"))).toHaveLength(1);
    warn.mockRestore();
    await relayer.close();
  });
});

describe("POST /api/relay: a batch", () => {
  it("counts each request of a batch against its client's limit, before any check", async () => {
    const relayer = offlineRelayer(4);
    const request = (nonce: number) => ({
      from: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
      to: "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
      value: "0",
      gas: "150000",
      nonce: String(nonce),
      deadline: 1_900_000_000,
      data: "0x",
      signature: `0x${"11".repeat(65)}`,
    });
    const batch = post({ [PEER_ADDRESS_HEADER]: "198.51.100.9" }, JSON.stringify({ requests: [request(0), request(1), request(2)] }));
    const alone = () => post({ [PEER_ADDRESS_HEADER]: "198.51.100.9" });
    // The batch takes 3 of the client's 4 slots, then its first check refuses it (not a sponsored call). One more fits.
    expect(await statusesOf(relayer, { trustedProxies: 0 }, true, [batch, alone(), alone()])).toEqual([422, 400, 429]);
    await relayer.close();
  });
});

describe("POST /api/relay: the body", () => {
  it("stops reading a chunked body without Content-Length after about 16 KB, and answers 413", async () => {
    const relayer = offlineRelayer(100);
    let pulled = 0;
    const chunk = new Uint8Array(1024).fill(0x20);
    const megabyte = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://localhost/api/relay", { method: "POST", body: megabyte, duplex: "half" } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    const response = await handleRelayPost(request, {
      relayer: async () => relayer,
      identity: () => ({ trustedProxies: 0 }),
      peerStamped: () => true,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    expect(((await response.json()) as { error: { check: string; message: string } }).error).toMatchObject({
      check: "size",
      message: expect.stringMatching(/larger than 16 KB.*Nothing was sent\.$/),
    });
    expect(pulled).toBeGreaterThan(MAX_BODY_BYTES);
    expect(pulled).toBeLessThan(MAX_BODY_BYTES + 8 * 1024);
    await relayer.close();
  });

  it("refuses (400 or 422), never crashes on, JSON edge cases: deep nesting, __proto__, a nonce past uint256, a BOM, null, a string", async () => {
    const relayer = offlineRelayer(100);
    const bodies = [
      "[".repeat(8000) + "]".repeat(8000),
      '{"request":{"__proto__":{"from":"0x0000000000000000000000000000000000000001"}}}',
      `{"request":{"from":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","to":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","value":"0","gas":"1","nonce":"${"9".repeat(78)}","deadline":1,"data":"0x","signature":"0x${"11".repeat(65)}"}}`,
      "\uFEFF{}",
      "null",
      '"request"',
    ];
    for (const [i, body] of bodies.entries()) {
      const response = await handleRelayPost(post({ [PEER_ADDRESS_HEADER]: `10.3.3.${i}` }, body), {
        relayer: async () => relayer,
        identity: () => ({ trustedProxies: 0 }),
        peerStamped: () => true,
      });
      expect([400, 422]).toContain(response.status);
    }
    await relayer.close();
  });

  it("refuses a declared Content-Length over 16 KB without reading it", async () => {
    const relayer = offlineRelayer(100);
    const response = await handleRelayPost(post({ "content-length": String(64 * 1024 * 1024) }), {
      relayer: async () => relayer,
      identity: () => ({ trustedProxies: 0 }),
      peerStamped: () => true,
    });
    expect(response.status).toBe(413);
    await relayer.close();
  });
});

describe("POST /api/relay over a real socket, as scripts/server.ts serves it", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A Node server that stamps the peer as scripts/server.ts does, and hands the route a web Request as Next does. */
  async function serve(relayer: Relayer, onPulled: (bytes: number) => void): Promise<number> {
    server = createServer((incoming, outgoing) => {
      stampPeerAddress(incoming);
      let pulled = 0;
      const body = (Readable.toWeb(incoming) as ReadableStream<Uint8Array>).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            pulled += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }),
      );
      const request = new Request(`http://localhost${incoming.url}`, {
        method: incoming.method,
        headers: headersOf(incoming.headers),
        body,
        duplex: "half",
      } as RequestInit);
      void handleRelayPost(request, {
        relayer: async () => relayer,
        identity: () => ({ trustedProxies: 0 }),
        peerStamped: () => true,
      }).then(async (response) => {
        onPulled(pulled);
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(await response.text());
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", () => resolve()));
    return (server!.address() as AddressInfo).port;
  }

  it("counts the socket's address even when the client forges the peer header itself", async () => {
    const relayer = offlineRelayer(2);
    const port = await serve(relayer, () => undefined);
    const statuses = [];
    for (const forged of ["1.1.1.1", "2.2.2.2", "3.3.3.3"]) {
      const response = await fetch(`http://127.0.0.1:${port}/api/relay`, {
        method: "POST",
        headers: { [PEER_ADDRESS_HEADER]: forged, "x-forwarded-for": forged, "x-real-ip": forged },
        body: "{}",
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 429]);
    await relayer.close();
  });

  it("answers 413 to a 1 MB chunked upload after reading about 16 KB of it", async () => {
    const relayer = offlineRelayer(100);
    let serverPulled = -1;
    const port = await serve(relayer, (bytes) => (serverPulled = bytes));
    const { status, sent } = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const upload = httpRequest(
        { host: "127.0.0.1", port, method: "POST", path: "/api/relay", headers: { "transfer-encoding": "chunked" } },
        (response) => {
          answered = true;
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode ?? 0, sent }));
        },
      );
      // The server closes the connection after its answer: writes after that fail, as they should.
      upload.on("error", (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(1024, 0x20);
      const writeMore = () => {
        while (!answered && sent < 1024 * 1024) {
          sent += chunk.byteLength;
          if (!upload.write(chunk)) return void upload.once("drain", writeMore);
        }
        if (!answered) upload.end();
      };
      writeMore();
    });
    expect(status).toBe(413);
    expect(serverPulled).toBeGreaterThan(MAX_BODY_BYTES);
    expect(serverPulled).toBeLessThan(MAX_BODY_BYTES + 64 * 1024);
    // The client had handed its socket up to the whole megabyte by then (loopback buffers are large): what matters is
    // that the server read about 16 KB of it and answered.
    expect(sent).toBeGreaterThan(serverPulled);
    await relayer.close();
  });
});

function headersOf(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
