import { describe, expect, it } from "vitest";
import { safeFileName } from "../../src/util/safe-file-name.js";

describe("safeFileName(text, fallback)", () => {
  it.each([
    ["../../etc/passwd", "etc-passwd"],
    ["..\\..\\Windows\\system32", "windows-system32"],
    ["</script><script>alert(1)</script>", "script-script-alert-1-script"],
    [".hidden", "hidden"],
    ["Won rate by Paid Search / PPC", "won-rate-by-paid-search-ppc"],
    ["Café Müller", "cafe-muller"],
    ["a\u0000b\nc", "a-b-c"],
  ])("turns %j into %j", (text, expected) => {
    expect(safeFileName(text)).toBe(expected);
  });
  it("never returns a path or an empty name", () => {
    for (const text of ["", "...", "///", "\u0000"]) {
      const name = safeFileName(text, "chart");
      expect(name).toBe("chart");
    }
    expect(safeFileName("x".repeat(200))).toHaveLength(60);
  });
});
