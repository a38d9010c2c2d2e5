import { describe, expect, it } from "vitest";
import { hadWalletSession } from "./previousSession";

const storage = (items: Record<string, string>) => (key: string) => items[key] ?? null;
const store = (current: string | null) =>
  JSON.stringify({ state: { chainId: 31337, current, connections: { __type: "Map", value: [] } }, version: 2 });

describe("hadWalletSession", () => {
  it("is true when wagmi saved a current connection", () => {
    expect(hadWalletSession(storage({ "wagmi.store": store("abc") }))).toBe(true);
  });

  it("is true for an ephemeral wallet that connected, even before wagmi saved its state", () => {
    const items = { "integra.ephemeral.authorized": "true", "integra.ephemeral.key": "0x01", "wagmi.store": store(null) };
    expect(hadWalletSession(storage(items))).toBe(true);
  });

  it("is true for an injected wallet that connected, and for an EIP-6963 wallet not disconnected here", () => {
    expect(hadWalletSession(storage({ "wagmi.injected.connected": "true" }))).toBe(true);
    expect(hadWalletSession(storage({ "wagmi.recentConnectorId": '"io.metamask"' }))).toBe(true);
  });

  it("is false after a disconnect, with nothing saved, or with something unreadable", () => {
    expect(hadWalletSession(storage({}))).toBe(false);
    expect(hadWalletSession(storage({ "wagmi.store": "{not json" }))).toBe(false);
    const disconnectedEphemeral = {
      "wagmi.store": store(null),
      "wagmi.recentConnectorId": '"ephemeral"',
      "integra.ephemeral.authorized": "false",
      "integra.ephemeral.key": "0x01",
    };
    expect(hadWalletSession(storage(disconnectedEphemeral))).toBe(false);
    const disconnected6963 = { "wagmi.recentConnectorId": '"io.metamask"', "wagmi.io.metamask.disconnected": "true" };
    expect(hadWalletSession(storage(disconnected6963))).toBe(false);
  });
});
