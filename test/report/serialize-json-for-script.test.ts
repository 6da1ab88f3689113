import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serializeJsonForScript } from "../../src/report/index.js";

describe("serializeJsonForScript(value)", () => {
  it("escapes <, > and & so the text cannot close a script element or open a comment", () => {
    const text = serializeJsonForScript({ source: "</script><!-- & -->" });
    expect(text).toBe('{"source":"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e"}');
  });
  it("escapes U+2028 and U+2029", () => {
    expect(serializeJsonForScript("a\u2028b\u2029c")).toBe('"a\\u2028b\\u2029c"');
  });
  it("round-trips any JSON value and never emits <, >, &, U+2028 or U+2029", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = serializeJsonForScript(value);
        expect(text).not.toMatch(/[<>&\u2028\u2029]/);
        // JSON.stringify normalises -0 to 0; compare against what JSON itself would give back
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
  it("refuses non-finite numbers instead of silently writing null", () => {
    expect(() => serializeJsonForScript({ rate: Number.NaN })).toThrow(
      'serializeJsonForScript requires finite numbers; got NaN at key "rate"',
    );
  });
});
