import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseModel } from "../../src/model/model-file.js";
import { handoff } from "../helpers/cli.js";
import { savePlantedDb } from "../helpers/planted-data.js";

describe("handoff features / fit (end to end)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "handoff-fit-"));
    await savePlantedDb(true, join(dir, "dated.duckdb"));
    await savePlantedDb(false, join(dir, "flat.duckdb"));
    writeFileSync(
      join(dir, "handoff.yaml"),
      'windows:\n  maturity_days: 120\n  as_of: "2026-03-31"\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("features prints the profile and writes the CSV", () => {
    const run = handoff(dir, ["--db", "dated.duckdb", "features", "--csv", "profile.csv"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/features by information value for target won/);
    expect(run.stdout).toMatch(/329 immature/);
    const csv = readFileSync(join(dir, "profile.csv"), "utf8");
    expect(csv.split("\n")[0]).toMatch(
      /^feature,family,kind,feature_iv,iv_band,bin,leads,won,won_rate/,
    );
  });

  it("fit writes a model file that parses, with validation metrics", () => {
    const run = handoff(dir, ["--db", "dated.duckdb", "fit", "--out", "model.yaml"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/out of time: train 2024Q1–2025Q2, validate 2025Q3/);
    const model = parseModel(readFileSync(join(dir, "model.yaml"), "utf8"), "model.yaml");
    expect(model.fit_rules.map((r) => r.field)).toEqual(["seniority"]);
    expect(model.intent_rules).toMatchObject([{ activity: "pricing_view", half_life_days: 30 }]);
    expect(model.metrics?.auc).toHaveProperty("validation");
  });

  it("fit on a flat export without dates says it falls back to a stratified holdout", () => {
    const run = handoff(dir, ["--db", "flat.duckdb", "fit", "--out", "flat.yaml"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /no lead dates: no out-of-time split possible; a random 25% holdout/,
    );
    const model = parseModel(readFileSync(join(dir, "flat.yaml"), "utf8"), "flat.yaml");
    expect(model.intent_rules).toMatchObject([{ count_column: "count_page_view" }]);
  });

  it("fails with exit 1 and a clear message when nothing is loaded", () => {
    const run = handoff(dir, ["--db", "missing.duckdb", "features"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/database missing.duckdb not found: load your exports first/);
  });
});
