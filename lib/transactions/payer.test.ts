import { describe, expect, it } from "vitest";
import { decidePayer } from "./payer";

const enabled = { enabled: true, sponsor: "0x976EA74026E726554dB657fA54763abd0C3a0aa9", chainId: 31337 } as const;
const disabled = { enabled: false, reason: "No relayer key." } as const;

describe("decidePayer", () => {
  it("keeps a payer the person chose, whatever the facts", () => {
    expect(decidePayer("wallet", { sponsored: true, balance: 0n, relayer: enabled })).toEqual({ paidBy: "wallet" });
    expect(decidePayer("relayer", { sponsored: false })).toEqual({ paidBy: "relayer" });
  });

  it("auto leaves a call no relayer sponsors to the wallet, without asking for the balance", () => {
    expect(decidePayer("auto", { sponsored: false })).toEqual({ paidBy: "wallet" });
  });

  it("auto asks for the balance, then for the relayer only when the wallet holds no ether", () => {
    expect(decidePayer("auto", { sponsored: true })).toEqual({ needs: "balance" });
    expect(decidePayer("auto", { sponsored: true, balance: 1n })).toEqual({ paidBy: "wallet" });
    expect(decidePayer("auto", { sponsored: true, balance: 0n })).toEqual({ needs: "relayer" });
  });

  it("auto relays a sponsored call from a wallet with no ether when the relayer is enabled, else leaves it to the wallet", () => {
    expect(decidePayer("auto", { sponsored: true, balance: 0n, relayer: enabled })).toEqual({ paidBy: "relayer" });
    expect(decidePayer("auto", { sponsored: true, balance: 0n, relayer: disabled })).toEqual({ paidBy: "wallet" });
  });
});
