import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backtestResultKey } from "../../src/backtest/backtest-result-key.js";
import type { RunBacktestOptions } from "../../src/backtest/run-backtest.js";
import { configSchema } from "../../src/config/schema.js";
import { type Db, dataFingerprint, readStageResult, writeStageResult } from "../../src/db/index.js";
import { fitResultKey } from "../../src/features/fit-result-key.js";
import { canonicalDb, insertLeads } from "../helpers/canonical-db.js";

let db: Db;
beforeEach(async () => {
  db = await canonicalDb();
});
afterEach(() => db.close());

describe("writeStageResult / readStageResult", () => {
  it("gives the stored result back under its key only, Dates included", async () => {
    expect(await readStageResult(db, "fit", "k1")).toBeNull();
    const value = { asOf: new Date("2026-06-16T00:00:00Z"), cap: Number.POSITIVE_INFINITY };
    await writeStageResult(db, "fit", "k1", value);
    expect(await readStageResult(db, "fit", "k1")).toEqual(value);
    expect(await readStageResult(db, "fit", "k2")).toBeNull();
    expect(await readStageResult(db, "backtest", "k1")).toBeNull();
  });

  it("keeps one result per stage: the latest", async () => {
    await writeStageResult(db, "fit", "k1", { n: 1 });
    await writeStageResult(db, "fit", "k2", { n: 2 });
    await writeStageResult(db, "backtest", "k1", { n: 3 });
    expect(await readStageResult(db, "fit", "k1")).toBeNull();
    expect(await readStageResult(db, "fit", "k2")).toEqual({ n: 2 });
    expect(await db.all("SELECT stage FROM stage_result ORDER BY stage")).toEqual([
      { stage: "backtest" },
      { stage: "fit" },
    ]);
  });
});

describe("result keys", () => {
  const config = configSchema.parse({});

  it("dataFingerprint changes with a load and with rows written directly", async () => {
    const before = JSON.stringify(await dataFingerprint(db));
    await insertLeads(db, [{ lead_id: "a", created_at: "2026-01-01" }]);
    const rows = JSON.stringify(await dataFingerprint(db));
    expect(rows).not.toBe(before);
    await db.run(
      "INSERT INTO load_log VALUES (1, 'leads', '/x.csv', 'abc', 1, 'canonical', 'unchanged', 0, 0, 0, 0, now()::TIMESTAMP)",
    );
    expect(JSON.stringify(await dataFingerprint(db))).not.toBe(rows);
  });

  it("fitResultKey follows lead_features' record and the fit's settings", async () => {
    const settings = {
      target: "won" as const,
      validateQuarters: undefined,
      l2: 1,
      pointsToDoubleOdds: 20,
    };
    expect(await fitResultKey(db, config, settings)).toBeNull();
    await db.run("CREATE TABLE lead_features_run AS SELECT 'lf1' AS settings_key");
    const key = await fitResultKey(db, config, settings);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await fitResultKey(db, config, settings)).toBe(key);
    // the config's default validate_quarters and the same value given explicitly agree
    expect(
      await fitResultKey(db, config, {
        ...settings,
        validateQuarters: config.fit.validate_quarters,
      }),
    ).toBe(key);
    expect(await fitResultKey(db, config, { ...settings, l2: 2 })).not.toBe(key);
    expect(await fitResultKey(db, config, { ...settings, target: "sql" })).not.toBe(key);
    const other = configSchema.parse({ features: { numeric_bins: 7 } });
    expect(await fitResultKey(db, other, settings)).not.toBe(key);
    await db.run("UPDATE lead_features_run SET settings_key = 'lf2'");
    expect(await fitResultKey(db, config, settings)).not.toBe(key);
  });

  it("backtestResultKey follows the model, the grid and the data", async () => {
    const options = {
      model: { threshold: 50, fit_rules: [], intent_rules: [] },
      grid: { from: 20, to: 120, step: 5 },
      current: undefined,
      settings: config.backtest,
      windows: config.windows,
      halfLifeDays: 30,
    } as unknown as RunBacktestOptions;
    const key = await backtestResultKey(db, options);
    expect(await backtestResultKey(db, options)).toBe(key);
    expect(
      await backtestResultKey(db, { ...options, model: { ...options.model, threshold: 51 } }),
    ).not.toBe(key);
    expect(
      await backtestResultKey(db, { ...options, grid: { from: 1, to: 200, step: 1 } }),
    ).not.toBe(key);
    await insertLeads(db, [{ lead_id: "a", created_at: "2026-01-01" }]);
    expect(await backtestResultKey(db, options)).not.toBe(key);
  });
});
