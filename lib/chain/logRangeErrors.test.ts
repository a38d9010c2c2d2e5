import { describe, expect, it } from "vitest";
import { classifyLogError } from "./logRangeErrors";
import { otherErrors, rangeRefusals, transientRefusals } from "./viemErrorShapes.testing";

describe("classifyLogError", () => {
  it.each(Object.entries(rangeRefusals))("calls %s a range refusal", (_, make) => {
    expect(classifyLogError(make())).toBe("range");
  });

  it.each(Object.entries(transientRefusals))("calls %s transient", (_, make) => {
    expect(classifyLogError(make())).toBe("transient");
  });

  it.each(Object.entries(otherErrors))("calls %s neither", (_, make) => {
    expect(classifyLogError(make())).toBe("other");
  });

  it("reads a refusal from a wrapped cause and from plain objects with the same fields", () => {
    expect(classifyLogError(new Error("read failed", { cause: rangeRefusals["HTTP 413 Request Entity Too Large"]() }))).toBe("range");
    expect(classifyLogError({ code: -32005, message: "query returned more than 10000 results" })).toBe("range");
    expect(classifyLogError("a string")).toBe("other");
    expect(classifyLogError(undefined)).toBe("other");
  });
});
