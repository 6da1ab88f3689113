import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeJson, encodeJson } from "../../src/util/json-codec.js";

describe("encodeJson(value) / decodeJson(text)", () => {
  it("gives back Dates and non-finite numbers, which plain JSON loses", () => {
    const value = {
      asOf: new Date("2026-06-16T11:51:37.000Z"),
      rows: [
        { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY, rate: Number.NaN, z: -0 },
      ],
      nested: { first: null, when: [new Date(0)] },
    };
    const back = decodeJson<typeof value>(encodeJson(value));
    expect(back).toEqual(value);
    expect(back.asOf).toBeInstanceOf(Date);
    expect(back.rows[0]?.lo).toBe(Number.NEGATIVE_INFINITY);
    expect(Number.isNaN(back.rows[0]?.rate)).toBe(true);
    // plain JSON would not
    expect(JSON.parse(JSON.stringify(value)).rows[0].lo).toBeNull();
  });

  it("round-trips any JSON-like value with dates and doubles", () => {
    const leaf = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.date({ noInvalidDate: true }),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        expect(decodeJson(encodeJson(value))).toEqual(value);
      }),
    );
  });
});
