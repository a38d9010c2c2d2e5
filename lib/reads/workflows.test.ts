import { describe, expect, it } from "vitest";
import type { Address } from "viem";
import { workflowIdOf } from "@/lib/workflow";
import { registrationInto } from "./workflows";

const OWNER: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const MEMBER: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const STRANGER: Address = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";
const open = { owner: OWNER, members: [MEMBER] };
const notOpen = { owner: undefined, members: [] };
const named = { owner: OWNER, name: "closing/12-harbour-lane" };

describe("registrationInto", () => {
  it("lets the owner and its members register, and names the owner to a stranger", () => {
    expect(registrationInto(open, named, OWNER)).toEqual({ kind: "register" });
    expect(registrationInto(open, named, MEMBER.toLowerCase() as Address)).toEqual({ kind: "register" });
    expect(registrationInto(open, named, STRANGER)).toEqual({ kind: "not-member", owner: OWNER });
  });

  it("opens only the signer's own named workflow; anyone else's, or a bare hash, is unknown", () => {
    expect(registrationInto(notOpen, named, OWNER)).toEqual({ kind: "open", workflowId: workflowIdOf(named.name) });
    expect(registrationInto(notOpen, named, STRANGER)).toEqual({ kind: "unknown" });
    expect(registrationInto(notOpen, undefined, OWNER)).toEqual({ kind: "unknown" });
  });
});
