export const RPC_URL = "http://127.0.0.1:8545";

/** A JSON-RPC call to the test chain from the test process. */
export async function rpc<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(RPC_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { code: number; message: string; data?: unknown } };
  if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
  return body.result as T;
}

/** Anvil's public dev accounts (the demo uses 1-5; tests use them as they like). */
export const ACCOUNTS = {
  deployer: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  clerk: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  titleCompany: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  buyer: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  seller: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  lender: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
  partyA: "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
  partyB: "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
  partyC: "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
  stranger: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
} as const;

export type AccountName = keyof typeof ACCOUNTS;
