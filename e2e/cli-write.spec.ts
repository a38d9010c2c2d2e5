// `integra register` and `integra claim` against the e2e chain: a dev key, an encrypted keystore, direct and gasless.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ANVIL_KEYS } from "../scripts/lib/chains";
import { foundryBinary } from "../scripts/lib/foundry";
import { ACCOUNTS } from "./anvil";
import { arrangeAgreement, balanceOf, tokenStatus } from "./chain";
import { expect, test } from "./fixtures";
import { integra } from "./integra";

const CLERK_KEY = ANVIL_KEYS[1];
const LENDER_KEY = ANVIL_KEYS[5];
const RELAYER = "http://localhost:3000";

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "integra-write-"));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file with content no other test registers. */
function document(name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${name}\n${Date.now()} ${Math.random()}\n`);
  return file;
}

/** A new encrypted keystore made by Foundry's cast (the format geth and MetaMask export too): its file and address. */
function newKeystore(password: string): { file: string; address: Address } {
  const keys = path.join(dir, "keys");
  mkdirSync(keys);
  const out = execFileSync(foundryBinary("cast"), ["wallet", "new", keys, "--unsafe-password", password], { encoding: "utf8" });
  const address = /Address:\s+(0x[0-9a-fA-F]{40})/.exec(out)?.[1] as Address;
  return { file: path.join(keys, readdirSync(keys)[0]), address };
}

interface Registration {
  registrant: string;
  records: { file: string; status: string; integraHash: `0x${string}`; tokens: { tokenId: string; role: string; recipient: string }[] }[];
}

test("register: a clerk registers two deeds in one run with roles; running it again registers nothing twice", async () => {
  const files = [document("deed-1-harbour-lane.txt"), document("deed-2-harbour-lane.txt")];
  const args = [
    "register",
    ...files,
    "--party",
    `Buyer=${ACCOUNTS.buyer}`,
    "--party",
    `Seller=${ACCOUNTS.seller}`,
    "--title",
    "Deed {file}",
  ];
  const env = { INTEGRA_PRIVATE_KEY: CLERK_KEY, INTEGRA_PASSPHRASE: "quay-street" };
  const run = await integra([...args, "--workflow", "cli/closings-2026", "--json"], { env });
  expect(run.stderr).toContain("2 of 2 files");
  expect(run.code).toBe(0);
  const registered = JSON.parse(run.stdout) as Registration;
  expect(registered.registrant).toBe(ACCOUNTS.clerk);
  expect(registered.records.map((r) => r.status)).toEqual(["registered", "registered"]);
  for (const record of registered.records) {
    expect(record.tokens).toEqual([
      { tokenId: "1", role: "Buyer", recipient: ACCOUNTS.buyer },
      { tokenId: "2", role: "Seller", recipient: ACCOUNTS.seller },
    ]);
    const status = JSON.parse((await integra(["status", record.integraHash, "--json"], { env })).stdout) as {
      details: { state: string; title: string };
      record: { owner: string };
      tokens: { total: number; sealed: boolean; items: { role: string }[] };
    };
    expect(status.record.owner).toBe(ACCOUNTS.clerk);
    expect(status.tokens).toMatchObject({ total: 2, sealed: true });
    expect(status.tokens.items.map((t) => t.role)).toEqual(["Buyer", "Seller"]);
    expect(status.details).toMatchObject({ state: "decrypted", title: `Deed ${path.basename(record.file)}` });
  }

  const again = await integra([...args, "--workflow", "cli/closings-2026", "--json"], { env });
  expect(again.code).toBe(0);
  const second = JSON.parse(again.stdout) as Registration;
  expect(second.records.map((r) => [r.status, r.integraHash])).toEqual(
    registered.records.map((r) => ["already registered", r.integraHash]),
  );
});

test("claim: the lender claims directly with a key, then cannot claim the same token again", async () => {
  const { integraHash } = await arrangeAgreement("cli-claim-direct", ["lender"]);
  const env = { INTEGRA_PRIVATE_KEY: LENDER_KEY };
  const run = await integra(["claim", "--record", integraHash, "--token", "1", "--json"], { env });
  expect(run.stderr).toContain("waiting for it to be mined");
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ tokenId: "1", claimant: ACCOUNTS.lender, gasless: false, amount: "1" });
  expect((await tokenStatus(integraHash, 1n)).status).toBe("claimed");

  const twice = await integra(["claim", "--record", integraHash, "--token", "1"], { env });
  expect(twice.code).toBe(2);
  expect(twice.stderr).toContain("Already claimed.");
});

test("claim --relayer: a party whose keystore account holds no ether claims gasless; directly it is told why not", async () => {
  const party = newKeystore("correct horse");
  const { integraHash } = await arrangeAgreement("cli-claim-gasless", [party.address]);
  const withKeystore = ["--keystore", party.file];

  const direct = await integra(["claim", "--record", integraHash, "--token", "1", ...withKeystore], {
    env: { INTEGRA_KEYSTORE_PASSWORD: "correct horse" },
  });
  expect(direct.code).toBe(2);
  expect(direct.stderr).toContain(`${party.address} holds no ether`);

  const wrong = await integra(["claim", "--record", integraHash, "--token", "1", ...withKeystore], {
    env: { INTEGRA_KEYSTORE_PASSWORD: "wrong" },
  });
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain("Wrong password for the keystore");

  const gasless = await integra(["claim", "--record", integraHash, "--token", "1", "--relayer", RELAYER, ...withKeystore, "--json"], {
    env: { INTEGRA_KEYSTORE_PASSWORD: "correct horse" },
  });
  expect(gasless.stderr).toContain("through the relayer");
  expect(gasless.code).toBe(0);
  expect(JSON.parse(gasless.stdout)).toMatchObject({ claimant: party.address, gasless: true });
  expect((await tokenStatus(integraHash, 1n)).status).toBe("claimed");
  expect(await balanceOf(party.address)).toBe(0n);
});

test("register and claim refuse bad input with one line and exit code 2", async () => {
  const file = document("deed.txt");
  const stranger = privateKeyToAccount(ANVIL_KEYS[9]);
  const { integraHash } = await arrangeAgreement("cli-claim-refused", ["buyer"]);
  const cases: [string[], Record<string, string>, string][] = [
    [["register", file, "--party", `Buyer=${ACCOUNTS.buyer}`, "--workflow", "w"], {}, "No signer: set INTEGRA_PRIVATE_KEY"],
    [["register", file, "--party", `Buyer=${ACCOUNTS.buyer}`, "--workflow", "w"], { INTEGRA_PRIVATE_KEY: "0x1234" }, "not a private key"],
    [["register", file, "--party", "0xabc", "--workflow", "w"], { INTEGRA_PRIVATE_KEY: CLERK_KEY }, 'Not a party: "0xabc"'],
    [
      [
        "register",
        file,
        "--tokenizer",
        "ownership",
        "--party",
        `A=${ACCOUNTS.buyer}`,
        "--party",
        `B=${ACCOUNTS.seller}`,
        "--workflow",
        "w",
      ],
      { INTEGRA_PRIVATE_KEY: CLERK_KEY },
      "one deed token, so one party",
    ],
    [["register", path.join(dir, "missing.pdf"), "--party", `Buyer=${ACCOUNTS.buyer}`, "--workflow", "w"], {}, "No such file"],
    [["claim", "--record", integraHash, "--token", "one"], {}, 'Not a token id: --token "one"'],
    [
      ["claim", "--record", integraHash, "--token", "1"],
      { INTEGRA_PRIVATE_KEY: ANVIL_KEYS[9] },
      `Token #1 of this record is not reserved for ${stranger.address}`,
    ],
  ];
  for (const [args, env, message] of cases) {
    const run = await integra(args, { env: { INTEGRA_PRIVATE_KEY: "", ...env } });
    expect(run.code, args.join(" ")).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  }
});

test("every subcommand has --help", async () => {
  for (const command of ["status", "pending", "watch", "verify", "register", "claim"]) {
    const run = await integra([command, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: integra ${command}`);
  }
});
