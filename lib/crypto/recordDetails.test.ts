import { describe, expect, it } from "vitest";
import { decryptRecordDetails, encryptRecordDetails } from "./recordDetails";
import { encryptReference } from "./referenceCipher";

const PASSPHRASE = "harbour-demo";

describe("record details", () => {
  it("round-trips a title and a reference under one passphrase", async () => {
    const details = { title: "Purchase agreement, 12 Harbour Lane", reference: "vault://harbour-title/closings/12" };
    const encrypted = await encryptRecordDetails(details, PASSPHRASE);
    expect(encrypted).not.toContain(Buffer.from("Harbour").toString("hex"));
    expect(await decryptRecordDetails(encrypted, PASSPHRASE)).toEqual(details);
  });

  it("reads a record of before titles (a bare reference) as a reference without a title", async () => {
    const legacy = await encryptReference("county-records://harbour/12/deed", PASSPHRASE);
    expect(await decryptRecordDetails(legacy, PASSPHRASE)).toEqual({ title: "", reference: "county-records://harbour/12/deed" });
  });

  it("a reference that happens to be JSON is not mistaken for the details", async () => {
    const legacy = await encryptReference('{"path":"/deeds/12"}', PASSPHRASE);
    expect(await decryptRecordDetails(legacy, PASSPHRASE)).toEqual({ title: "", reference: '{"path":"/deeds/12"}' });
  });

  it("refuses a wrong passphrase", async () => {
    const encrypted = await encryptRecordDetails({ title: "Deed", reference: "" }, PASSPHRASE);
    await expect(decryptRecordDetails(encrypted, "wrong")).rejects.toThrow("Wrong passphrase or corrupted reference.");
  });
});
