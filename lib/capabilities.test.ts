import { parseAbiParameters } from "viem";
import { describe, expect, it } from "vitest";
import { CAPABILITY_DATA_PARAMETERS, CAPABILITY_SCHEMA } from "./capabilities";

describe("CAPABILITY_DATA_PARAMETERS", () => {
  it("are the capability schema's fields, as parsing it gives", () => {
    expect(CAPABILITY_DATA_PARAMETERS).toEqual(parseAbiParameters(CAPABILITY_SCHEMA));
  });
});
