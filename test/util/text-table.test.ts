import { describe, expect, it } from "vitest";
import { textTable } from "../../src/util/text-table.js";

describe("textTable(columns, rows)", () => {
  it("pads columns to the widest cell and right-aligns numbers", () => {
    const text = textTable(
      [{ header: "source" }, { header: "MQLs", align: "right" }],
      [
        ["ppc", "12"],
        ["organic search", "3"],
      ],
    );
    expect(text).toBe(
      [
        "source          MQLs",
        "--------------  ----",
        "ppc               12",
        "organic search     3",
      ].join("\n"),
    );
  });

  it("counts a multi-byte character such as an arrow or a dash as one column", () => {
    const text = textTable([{ header: "MQL→SQL", align: "right" }], [["50.0% (18.8–81.2)"]]);
    expect(text.split("\n").map((line) => [...line].length)).toEqual([17, 17, 17]);
  });

  it("makes control characters in a value visible instead of sending them to the terminal", () => {
    const text = textTable([{ header: "campaign" }], [["\u001b[2Jspring\nsale"]]);
    expect(text.split("\n")[2]).toBe("�[2Jspring↵sale");
  });
});
