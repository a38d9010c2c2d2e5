import { HttpRequestError, createPublicClient, http } from "viem";
import { describe, expect, it } from "vitest";
import {
  type ChainConnection,
  type ChainOutcome,
  chainSearchVerdict,
  clientOfChain,
  recordNotFound,
  searchEachChain,
  searchedRpcs,
  unknownFailure,
  unreachableJson,
  unreachableLines,
} from "./chainSearch";
import { CliError, EXIT } from "./errors";

const A = { rpcUrl: "http://127.0.0.1:8545", chainId: 31337 };
const B = { rpcUrl: "http://127.0.0.1:8555", chainId: 31338 };
const RECORD = `0x${"ab".repeat(32)}` as const;
/** A node that does not answer, as viem reports it (no HTTP status: the connection failed). */
const down = (url: string) => new HttpRequestError({ url, details: "fetch failed" });

const found = <T>(chain: typeof A, value: T): ChainOutcome<T> => ({ kind: "found", chain, value });
const absent = (chain: typeof A): ChainOutcome<never> => ({ kind: "absent", chain });
const unreachable = (chain: { rpcUrl: string; chainId?: number }): ChainOutcome<never> => ({
  kind: "unreachable",
  chain,
  error: down(chain.rpcUrl),
});

describe("chainSearchVerdict", () => {
  it("first: the first chain in the order given that has it answers, even when a later one has it too", () => {
    const verdict = chainSearchVerdict([absent(A), found(B, "on B"), found({ ...B, chainId: 10 }, "on 10")], "first", 3);
    expect(verdict).toMatchObject({ kind: "found", hits: [{ chain: B, value: "on B" }], unreachable: [], exitCode: EXIT.ok });
  });

  it("first: an unreachable chain before the one that has it does not stop the answer; it is reported", () => {
    const verdict = chainSearchVerdict([unreachable(A), found(B, "on B")], "first", 3);
    expect(verdict.kind).toBe("found");
    if (verdict.kind !== "found") return;
    expect(verdict.hits.map((h) => h.chain.chainId)).toEqual([B.chainId]);
    expect(verdict.unreachable.map((u) => u.chain.rpcUrl)).toEqual([A.rpcUrl]);
    expect(verdict.exitCode).toBe(EXIT.ok);
  });

  it("absent on every chain, every chain answered: the command's own exit code", () => {
    expect(chainSearchVerdict([absent(A), absent(B)], "first", 3)).toEqual({ kind: "absent", answered: [A, B], exitCode: 3 });
    expect(chainSearchVerdict([absent(A), absent(B)], "any", EXIT.notRegistered)).toMatchObject({
      kind: "absent",
      exitCode: EXIT.notRegistered,
    });
  });

  it("absent where it answered, and a chain did not answer: try later (it may be there)", () => {
    const verdict = chainSearchVerdict([absent(A), unreachable(B)], "any", EXIT.notRegistered);
    expect(verdict).toMatchObject({ kind: "unknown", answered: [A], exitCode: EXIT.tryLater });
    expect(chainSearchVerdict([unreachable(A), unreachable(B)], "first", 3)).toMatchObject({ kind: "unknown", answered: [] });
  });

  it("any: every chain that has it, in order; registered somewhere is exit 0 even with a chain down", () => {
    const verdict = chainSearchVerdict([found(A, 1), unreachable({ rpcUrl: "http://down" }), found(B, 2)], "any", EXIT.notRegistered);
    expect(verdict).toMatchObject({ kind: "found", exitCode: EXIT.ok });
    if (verdict.kind === "found") expect(verdict.hits.map((h) => h.value)).toEqual([1, 2]);
  });

  it("all: every chain's part; a chain that did not answer leaves it incomplete (try later), the rest still given", () => {
    expect(chainSearchVerdict([found(A, ["a"]), found(B, [])], "all", EXIT.ok)).toMatchObject({ kind: "found", exitCode: EXIT.ok });
    const partial = chainSearchVerdict([found(A, ["a"]), unreachable(B)], "all", EXIT.ok);
    expect(partial).toMatchObject({ kind: "found", hits: [{ value: ["a"] }], exitCode: EXIT.tryLater });
  });
});

describe("searchEachChain", () => {
  const client = createPublicClient({ transport: http("http://127.0.0.1:1") });
  const connections: ChainConnection[] = [
    { ...A, client },
    { rpcUrl: "http://127.0.0.1:9", error: down("http://127.0.0.1:9") },
    { ...B, client },
  ];

  it("classifies each chain: a value, nothing (undefined), a failure that may pass; the order is the chains'", async () => {
    const outcomes = await searchEachChain(connections, async (_client, chain) => {
      if (chain.chainId === A.chainId) return undefined;
      throw down(chain.rpcUrl);
    });
    expect(outcomes.map((o) => [o.kind, o.chain.rpcUrl])).toEqual([
      ["absent", A.rpcUrl],
      ["unreachable", "http://127.0.0.1:9"],
      ["unreachable", B.rpcUrl],
    ]);
    const values = await searchEachChain(connections, async (_client, chain) => chain.chainId);
    expect(values[2]).toEqual({ kind: "found", chain: B, value: B.chainId });
  });

  it("any other failure fails the whole search, as on one chain", async () => {
    const refused = new CliError("No registry", { code: "NoDeployment" });
    await expect(searchEachChain(connections, async () => Promise.reject(refused))).rejects.toBe(refused);
  });
});

describe("the failures of a search that found nothing", () => {
  it("one chain unreachable: that RPC's own words, exit 4, as the command always said", () => {
    const verdict = chainSearchVerdict([unreachable(A)], "first", 3);
    if (verdict.kind !== "unknown") throw new Error(verdict.kind);
    const failure = unknownFailure(verdict, "No such record");
    expect(failure.message).toBe(`Cannot reach the RPC at ${A.rpcUrl}: is the node running, and is the URL right? (--rpc URL)`);
    expect([failure.code, failure.exitCode]).toEqual(["RpcUnreachable", EXIT.tryLater]);
  });

  it("several chains, one down: names the chains searched and the one that did not answer", () => {
    const verdict = chainSearchVerdict([absent(A), unreachable(B)], "first", 3);
    if (verdict.kind === "found") throw new Error("found");
    const failure = recordNotFound(verdict, RECORD, 2);
    expect(failure.message).toContain(`No such record ${RECORD} on chain 31337 (Local chain (anvil))`);
    expect(failure.message).toContain(`chain 31338 (Local chain B (anvil)): Cannot reach the RPC at ${B.rpcUrl}`);
    expect([failure.retry, failure.exitCode]).toEqual([true, EXIT.tryLater]);
  });

  it("RecordNotFound on every chain: 'this chain' with one (the words e2e reads), the chains named with several", () => {
    const one = chainSearchVerdict([absent(A)], "first", 3);
    const two = chainSearchVerdict([absent(A), absent(B)], "first", 3);
    if (one.kind === "found" || two.kind === "found") throw new Error("found");
    expect(recordNotFound(one, RECORD, 1)).toMatchObject({
      message: `No such record on this chain: ${RECORD}`,
      code: "RecordNotFound",
      exitCode: 3,
    });
    expect(recordNotFound(two, RECORD, 2).message).toBe(
      `No such record on chain 31337 (Local chain (anvil)) or chain 31338 (Local chain B (anvil)): ${RECORD}`,
    );
  });

  it("the chains that did not answer, on stderr and in --json", () => {
    const gone = [
      { chain: B, error: down(B.rpcUrl) },
      { chain: { rpcUrl: "http://127.0.0.1:9" }, error: down("http://127.0.0.1:9") },
    ];
    expect(unreachableLines("status", gone)).toBe(
      `integra status: not searched chain 31338 (Local chain B (anvil)): Cannot reach the RPC at ${B.rpcUrl}: is the node running, and is the URL right? (--rpc URL)\n` +
        "integra status: not searched: Cannot reach the RPC at http://127.0.0.1:9: is the node running, and is the URL right? (--rpc URL)\n",
    );
    expect(unreachableJson(gone).map((u) => Object.keys(u))).toEqual([
      ["rpcUrl", "chainId", "chainName", "message"],
      ["rpcUrl", "message"],
    ]);
  });
});

describe("clientOfChain (check-proof: the --rpc of the proof's own chain)", () => {
  const clientA = createPublicClient({ transport: http(A.rpcUrl) });
  const clientB = createPublicClient({ transport: http(B.rpcUrl) });

  it("picks the RPC whose chain the proof names, whatever its place", () => {
    expect(
      clientOfChain(
        B.chainId,
        [
          { ...A, client: clientA },
          { ...B, client: clientB },
        ],
        "The proof",
      ),
    ).toBe(clientB);
  });

  it("none serves it: WrongChain naming the proof's chain and every RPC's", () => {
    const call = () =>
      clientOfChain(
        1,
        [
          { ...A, client: clientA },
          { ...B, client: clientB },
        ],
        "The proof",
      );
    expect(call).toThrow(
      `The proof is of chain 1 (Ethereum), but no --rpc serves it (${A.rpcUrl} serves chain 31337 (Local chain (anvil)); ${B.rpcUrl} serves chain 31338 (Local chain B (anvil))).`,
    );
    expect(() => call()).toThrow(expect.objectContaining({ code: "WrongChain", exitCode: EXIT.refused }));
  });

  it("its RPC, or one that never said its chain, did not answer: try later", () => {
    expect(() =>
      clientOfChain(
        B.chainId,
        [
          { ...A, client: clientA },
          { ...B, error: down(B.rpcUrl) },
        ],
        "The proof",
      ),
    ).toThrow(expect.objectContaining({ code: "RpcUnreachable", exitCode: EXIT.tryLater }));
    expect(() =>
      clientOfChain(
        B.chainId,
        [
          { ...A, client: clientA },
          { rpcUrl: B.rpcUrl, error: down(B.rpcUrl) },
        ],
        "The proof",
      ),
    ).toThrow(expect.objectContaining({ code: "RpcUnreachable", retry: true }));
  });
});

describe("searchedRpcs", () => {
  const one = { rpcs: ["http://default"], rpcGiven: false };

  it("every --rpc given, in order, before INTEGRA_RPCS", () => {
    expect(searchedRpcs({ rpcs: [A.rpcUrl, B.rpcUrl], rpcGiven: true }, { INTEGRA_RPCS: "http://other" })).toEqual([A.rpcUrl, B.rpcUrl]);
  });

  it("without --rpc: INTEGRA_RPCS, comma-separated (spaces and empty entries ignored), else the default", () => {
    expect(searchedRpcs(one, { INTEGRA_RPCS: ` ${A.rpcUrl}, ${B.rpcUrl},` })).toEqual([A.rpcUrl, B.rpcUrl]);
    expect(searchedRpcs(one, { INTEGRA_RPCS: " , " })).toEqual(["http://default"]);
    expect(searchedRpcs(one, {})).toEqual(["http://default"]);
  });
});
