import { describe, expect, it } from "vitest";
import { hadWalletSession } from "./previousSession";

const saved = (state: unknown) => JSON.stringify({ state, version: 2 });

describe("hadWalletSession", () => {
  it("is true when wagmi saved a current connection", () => {
    const connections = { __type: "Map", value: [["abc", { accounts: ["0x1"], chainId: 31337, connector: { id: "ephemeral" } }]] };
    expect(hadWalletSession(saved({ chainId: 31337, current: "abc", connections }))).toBe(true);
  });

  it("is false after a disconnect, with nothing saved, or with something unreadable", () => {
    expect(hadWalletSession(saved({ chainId: 31337, current: null, connections: { __type: "Map", value: [] } }))).toBe(false);
    expect(hadWalletSession(null)).toBe(false);
    expect(hadWalletSession("")).toBe(false);
    expect(hadWalletSession("{not json")).toBe(false);
  });
});
