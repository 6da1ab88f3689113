import { describe, expect, it } from "vitest";
import { formatLocation, UserError } from "../src/errors.js";

describe("formatLocation(location)", () => {
  it("names file, line and column", () => {
    expect(formatLocation({ file: "leads.csv", line: 12, column: "Create Date" })).toBe(
      'leads.csv:12 (column "Create Date")',
    );
  });
  it("omits what it does not know", () => {
    expect(formatLocation({ file: "leads.csv" })).toBe("leads.csv");
  });
});

describe("UserError", () => {
  it("exits 1 by default and keeps its cause", () => {
    const cause = new Error("inner");
    const error = new UserError("bad", { cause });
    expect(error.exitCode).toBe(1);
    expect(error.cause).toBe(cause);
  });
});
