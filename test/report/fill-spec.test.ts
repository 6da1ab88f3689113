import { describe, expect, it } from "vitest";
import { type ChartSpec, fillSpec } from "../../src/report/index.js";

/** A tiny two-source spec, declared the way reports/ specs are. */
function spec(): ChartSpec {
  return {
    usermeta: {
      handoff: {
        chart: "test/tiny",
        data: {
          rows: { label: "string", rate: "number", n: "integer", period: "date", cost: "number?" },
          marks: { kind: ["recommended", "current"] },
        },
      },
    },
    layer: [
      { data: { name: "rows" }, mark: "bar", encoding: { x: { field: "label" } } },
      { data: { name: "marks" }, mark: "rule", encoding: { x: { field: "kind" } } },
    ],
  } as unknown as ChartSpec;
}

const row = { label: "A", rate: 0.2, n: 10, period: "2024-01-01", cost: 12 };

describe("fillSpec(spec, datasets)", () => {
  it("puts each named source's rows in top-level datasets, leaving the input spec untouched", () => {
    const input = spec();
    const before = structuredClone(input);
    const filled = fillSpec(input, { rows: [row], marks: [{ kind: "current" }] }) as ChartSpec & {
      datasets: unknown;
    };
    expect(filled.datasets).toEqual({ rows: [row], marks: [{ kind: "current" }] });
    expect(input).toEqual(before);
  });
  it("turns Dates into ISO strings and NaN in a nullable field into null", () => {
    const filled = fillSpec(spec(), {
      rows: [{ ...row, period: new Date("2024-02-01T00:00:00Z"), cost: Number.NaN }],
      marks: [],
    }) as ChartSpec & { datasets: { rows: Record<string, unknown>[] } };
    expect(filled.datasets.rows[0]).toEqual({
      ...row,
      period: "2024-02-01T00:00:00.000Z",
      cost: null,
    });
  });
  it("requires every declared data set, naming the missing one", () => {
    expect(() => fillSpec(spec(), { rows: [] })).toThrow(
      'fillSpec: chart "test/tiny" needs data "marks"; got "rows"',
    );
  });
  it("rejects a data set the spec does not read (a misspelt name)", () => {
    expect(() => fillSpec(spec(), { rows: [], marks: [], mark: [] })).toThrow(
      'fillSpec: chart "test/tiny" has no data named "mark"; it reads "rows", "marks"',
    );
  });
  it("names chart, data set, row and field when a value has the wrong type", () => {
    expect(() => fillSpec(spec(), { rows: [row, { ...row, rate: "0.3" }], marks: [] })).toThrow(
      'fillSpec: chart "test/tiny" data "rows" row 1 field "rate" must be a number; got "0.3"',
    );
  });
  it("rejects missing fields, non-integers, non-finite numbers and values outside an enum", () => {
    const { n: _n, ...withoutN } = row;
    expect(() => fillSpec(spec(), { rows: [withoutN], marks: [] })).toThrow(
      'field "n" must be an integer; got nothing (the field is missing)',
    );
    expect(() => fillSpec(spec(), { rows: [{ ...row, n: 1.5 }], marks: [] })).toThrow('field "n"');
    expect(() =>
      fillSpec(spec(), { rows: [{ ...row, rate: Number.POSITIVE_INFINITY }], marks: [] }),
    ).toThrow('field "rate" must be a number; got Infinity');
    expect(() => fillSpec(spec(), { rows: [], marks: [{ kind: "proposed" }] })).toThrow(
      'field "kind" must be one of "recommended", "current"; got "proposed"',
    );
    expect(() => fillSpec(spec(), { rows: [{ ...row, period: "March" }], marks: [] })).toThrow(
      'field "period" must be a date; got "March"',
    );
  });
  it("refuses a spec that loads data from a URL", () => {
    const withUrl = spec() as unknown as { layer: { data: unknown }[] };
    (withUrl.layer[1] as { data: unknown }).data = {
      name: "marks",
      url: "https://example.com/x.json",
    };
    expect(() => fillSpec(withUrl as unknown as ChartSpec, { rows: [], marks: [] })).toThrow(
      "loads data from a URL at spec.layer[1].data",
    );
  });
  it("refuses a spec whose declaration and marks disagree", () => {
    const undeclared = spec() as unknown as { layer: { data: { name: string } }[] };
    (undeclared.layer[1] as { data: { name: string } }).data.name = "markers";
    expect(() => fillSpec(undeclared as unknown as ChartSpec, { rows: [], marks: [] })).toThrow(
      'uses data "markers" but does not declare it',
    );
  });
});
