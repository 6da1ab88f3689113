import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/util/csv.js";

describe("toCsv(rows, columns)", () => {
  it("writes a header and one CRLF-terminated line per row, in column order", () => {
    expect(toCsv([{ b: 2, a: "x" }], ["a", "b"])).toBe("a,b\r\nx,2\r\n");
  });

  it("prefixes text starting with = + - @ tab or CR with a quote (formula injection)", () => {
    const rows = [
      { v: '=HYPERLINK("http://x")' },
      { v: "+1" },
      { v: "-2+3" },
      { v: "@SUM(A1)" },
      { v: "\tcmd" },
      { v: "\rcmd" },
    ];
    expect(toCsv(rows, ["v"]).split("\r\n").slice(1, -1)).toEqual([
      '"\'=HYPERLINK(""http://x"")"',
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tcmd",
      '"\'\rcmd"',
    ]);
  });

  it("neutralises a formula in a header too", () => {
    expect(toCsv([], [{ key: "a", header: "=cmd" }])).toBe("'=cmd\r\n");
  });

  it("keeps negative numbers as numbers", () => {
    expect(toCsv([{ n: -12.5 }], ["n"])).toBe("n\r\n-12.5\r\n");
  });

  it("quotes commas, quotes, line breaks and surrounding spaces", () => {
    expect(toCsv([{ v: 'a,"b"' }, { v: "l1\nl2" }, { v: " pad" }], ["v"])).toBe(
      'v\r\n"a,""b"""\r\n"l1\nl2"\r\n" pad"\r\n',
    );
  });

  it("writes null, undefined, NaN and Infinity as empty cells", () => {
    expect(
      toCsv(
        [{ a: null, b: undefined, c: Number.NaN, d: Number.POSITIVE_INFINITY }],
        ["a", "b", "c", "d"],
      ),
    ).toBe("a,b,c,d\r\n,,,\r\n");
  });

  it("writes dates at midnight UTC as YYYY-MM-DD and other instants as ISO 8601", () => {
    const rows = [{ d: new Date("2025-03-01T00:00:00Z") }, { d: new Date("2025-03-01T12:30:00Z") }];
    expect(toCsv(rows, ["d"])).toBe("d\r\n2025-03-01\r\n2025-03-01T12:30:00.000Z\r\n");
  });

  it("uses a column's header in place of its key", () => {
    expect(toCsv([{ n: 1 }], [{ key: "n", header: "count" }])).toBe("count\r\n1\r\n");
  });
});
