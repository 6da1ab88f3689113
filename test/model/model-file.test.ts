import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import {
  isActivityRule,
  isNumericRule,
  modelFields,
  parseModel,
} from "../../src/model/model-file.js";

const example = readFileSync(new URL("../fixtures/models/example.yaml", import.meta.url), "utf8");

function errorOf(text: string): string {
  try {
    parseModel(text, "m.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error("expected parseModel to throw");
}

const head = "version: 1\nthreshold: 50\n";

describe("parseModel(text, name)", () => {
  it("reads the hand-written example with every key", () => {
    const model = parseModel(example, "example.yaml");
    expect(model.threshold).toBe(60);
    expect(model.target).toBe("won");
    expect(model.created).toBe("2026-07-01");
    expect(model.scaling?.points_to_double_odds).toBe(20);
    expect(model.fit_rules).toHaveLength(3);
    const employees = model.fit_rules[2];
    expect(employees && isNumericRule(employees) ? employees.bins[0] : undefined).toEqual({
      max: 10,
      points: -20,
    });
    const seniority = model.fit_rules[0];
    expect(seniority && !isNumericRule(seniority) ? seniority.points.Director : undefined).toBe(10);
    const pricing = model.intent_rules[1];
    expect(pricing && isActivityRule(pricing) ? pricing : undefined).toEqual({
      activity: "pricing_view",
      points: 10,
      cap: 30,
      half_life_days: 14,
    });
    expect(model.gates[1]).toEqual({ field: "employees", min: 10, label: "at least 10 employees" });
  });

  it("accepts a minimal hand-written model and defaults the rule lists to empty", () => {
    const model = parseModel(head, "m.yaml");
    expect(model).toEqual({
      version: 1,
      threshold: 50,
      fit_rules: [],
      intent_rules: [],
      gates: [],
    });
  });

  it("reads count-column intent rules for flat exports", () => {
    const model = parseModel(
      `${head}intent_rules:\n  - { count_column: count_page_view, points: 0.5, cap: 20 }\n`,
      "m.yaml",
    );
    expect(model.intent_rules[0]).toEqual({
      count_column: "count_page_view",
      points: 0.5,
      cap: 20,
    });
    expect(modelFields(model)).toEqual(["count_page_view"]);
  });

  it("lists the fields a model reads, once each", () => {
    expect(modelFields(parseModel(example, "example.yaml"))).toEqual([
      "seniority",
      "country",
      "employees",
    ]);
  });

  it("names an unknown top-level key and points to the format reference", () => {
    expect(errorOf(`${head}treshold: 40\n`)).toBe(
      'm.yaml: (top level): unknown key "treshold": check the spelling, or remove it (the model format is in docs/backtest.md)',
    );
  });

  it("names an unknown key inside a rule with its path", () => {
    expect(errorOf(`${head}intent_rules:\n  - { activity: a, points: 3, caps: 3 }\n`)).toContain(
      'm.yaml: intent_rules.0: unknown key "caps"',
    );
  });

  it("quotes a value of the wrong type with its key", () => {
    expect(errorOf(`${head}fit_rules:\n  - { field: country, points: { US: high } }\n`)).toBe(
      'm.yaml: fit_rules.0.points.US: expected a number (got "high")',
    );
    expect(errorOf("version: 1\nthreshold: 5.5\n")).toBe(
      "m.yaml: threshold: expected a whole number (got 5.5)",
    );
    expect(errorOf("version: 2\nthreshold: 5\n")).toContain("m.yaml: version:");
  });

  it("requires a threshold", () => {
    expect(errorOf("version: 1\n")).toContain("m.yaml: threshold: is missing");
  });

  it("says what a fit rule needs when it has neither points nor bins", () => {
    expect(errorOf(`${head}fit_rules:\n  - { field: country, pts: { US: 1 } }\n`)).toContain(
      "m.yaml: fit_rules.0: a fit rule needs either points",
    );
  });

  it("rejects overlapping or unordered bins and empty ranges", () => {
    expect(
      errorOf(
        `${head}fit_rules:\n  - field: employees\n    bins: [{ min: 10, points: 1 }, { min: 5, points: 2 }]\n`,
      ),
    ).toContain("m.yaml: fit_rules.0.bins.1: bins must be in increasing order without overlap");
    expect(
      errorOf(
        `${head}fit_rules:\n  - field: employees\n    bins: [{ min: 10, max: 10, points: 1 }]\n`,
      ),
    ).toContain("min must be below max");
  });

  it("rejects decaying negative intent points", () => {
    expect(
      errorOf(
        `${head}intent_rules:\n  - { activity: unsubscribe, points: -5, half_life_days: 7 }\n`,
      ),
    ).toContain("m.yaml: intent_rules.0.half_life_days: negative points cannot decay");
  });

  it("rejects an intent rule with both or neither of activity and count_column", () => {
    const both = errorOf(
      `${head}intent_rules:\n  - { activity: a, count_column: count_event, points: 1 }\n`,
    );
    expect(both).toContain("exactly one of activity");
    expect(errorOf(`${head}intent_rules:\n  - { points: 1 }\n`)).toContain(
      "exactly one of activity",
    );
  });

  it("rejects a gate without a condition and duplicate rules", () => {
    expect(errorOf(`${head}gates:\n  - { field: country }\n`)).toContain(
      "m.yaml: gates.0: a gate needs a condition",
    );
    expect(
      errorOf(
        `${head}fit_rules:\n  - { field: country, points: { US: 1 } }\n  - { field: country, points: { GB: 1 } }\n`,
      ),
    ).toContain('fit_rules.1.field: field "country" already has a fit rule');
  });

  it("rejects field names that are not column names", () => {
    expect(errorOf(`${head}gates:\n  - { field: "x; drop", min: 1 }\n`)).toContain(
      "m.yaml: gates.0.field: must be a column name",
    );
  });

  it("reports YAML syntax errors with the line", () => {
    expect(errorOf("version: 1\nthreshold: [50\n")).toMatch(/^m\.yaml:\d+: not valid YAML/);
  });
});

describe("test/fixtures/models/historical-rule.yaml", () => {
  it("is a valid model (the sample data's historical rule)", () => {
    const text = readFileSync(
      new URL("../fixtures/models/historical-rule.yaml", import.meta.url),
      "utf8",
    );
    const model = parseModel(text, "historical-rule.yaml");
    expect(model.threshold).toBe(40);
    expect(model.intent_rules).toHaveLength(7);
  });
});
