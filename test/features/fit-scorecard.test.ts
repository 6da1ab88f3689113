import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import type { Db } from "../../src/db/index.js";
import { buildFeatures, type FeaturesResult } from "../../src/features/build-features.js";
import { type FittedScorecard, fitScorecard } from "../../src/features/fit-scorecard.js";
import { plantedDb } from "../helpers/planted-data.js";

const config = configSchema.parse({ windows: { maturity_days: 120, as_of: "2026-03-31" } });

describe("features and fit on planted data (dated, with activities)", () => {
  let db: Db;
  let profile: FeaturesResult;
  let features: FeaturesResult;
  let card: FittedScorecard;
  beforeAll(async () => {
    db = await plantedDb({ dates: true });
    profile = await buildFeatures(db, config, { target: "won", purpose: "profile" });
    features = await buildFeatures(db, config, { target: "won", purpose: "fit" });
    card = await fitScorecard(db, features, { l2: 1, pointsToDoubleOdds: 20, minIv: 0.02 });
  });
  afterAll(() => db.close());

  it("puts the planted effects on top of the profile", () => {
    // engagement summaries of the same events rank alongside; among the model's candidates
    // (fit and intent families) the two planted effects come first
    const candidates = profile.profiles.filter((p) => p.family !== "engagement");
    expect(candidates.slice(0, 2).map((p) => p.feature)).toEqual([
      "intent.pricing_view",
      "seniority",
    ]);
    expect(profile.profiles[0]?.band).toBe("strong");
  });

  it("gives the planted useless feature an IV below 0.02", () => {
    const noise = profile.profiles.find((p) => p.feature === "noise");
    expect(noise).toBeDefined();
    expect(noise?.iv).toBeLessThan(0.02);
    expect(noise?.band).toBe("none");
  });

  it("validates out of time on the latest complete quarter and leaves out incomplete ones", () => {
    expect(features.split).toEqual({ mode: "periods", validatePeriods: 1 });
    expect(features.splitNote).toMatch(
      /^out of time: train 2024Q1–2025Q2, validate 2025Q3; 2025Q4, 2026Q1 not complete \(not all leads mature yet\): their 300 mature leads are left out$/,
    );
  });

  it("gives senior titles and pricing views positive points and leaves noise out", () => {
    const seniority = card.fitRules.find((r) => r.feature === "seniority");
    const points = Object.fromEntries(seniority?.bins.map((b) => [b.label, b.points]) ?? []);
    expect(points["C-level"]).toBeGreaterThan(points["Individual contributor"] as number);
    const pricing = card.intentRules.find((r) => r.feature === "intent.pricing_view");
    expect(pricing?.pointsPerEvent).toBeGreaterThan(0);
    expect(pricing?.omitted).toBeNull();
    expect(card.fitRules.map((r) => r.feature)).not.toContain("noise");
    expect(card.skipped.map((s) => s.feature)).toContain("noise");
  });

  it("separates won from lost on validation leads", () => {
    expect(card.validation?.auc).toBeGreaterThan(0.65);
    expect(card.train.auc).toBeGreaterThan(0.65);
    expect(card.train.deciles[0]?.lift).toBeGreaterThan(1.5);
  });
});

describe("features and fit on a flat export without dates", () => {
  it("falls back to a random stratified holdout and uses the count columns", async () => {
    const db = await plantedDb({ dates: false });
    try {
      const features = await buildFeatures(db, config, { target: "won", purpose: "fit" });
      expect(features.split.mode).toBe("holdout");
      expect(features.splitNote).toMatch(/no lead dates/);
      expect(features.labels.immature).toBe(0);
      // stratified: the won rate is the same in both parts (to rounding of one lead)
      const trainRate = features.sample.trainEvents / features.sample.train;
      const validationRate = features.sample.validationEvents / features.sample.validation;
      expect(Math.abs(trainRate - validationRate)).toBeLessThan(0.005);
      expect(
        features.sample.validation / (features.sample.train + features.sample.validation),
      ).toBeCloseTo(0.25, 2);
      const card = await fitScorecard(db, features, { l2: 1, pointsToDoubleOdds: 20, minIv: 0.02 });
      const views = card.intentRules.find((r) => r.feature === "count_page_view");
      expect(views?.source).toEqual({ countColumn: "count_page_view" });
      expect(views?.pointsPerEvent).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

describe("fitScorecard(db, features, options) on data it cannot fit", () => {
  it("is a user error when no training lead was won", async () => {
    const db = await plantedDb({ dates: true });
    try {
      await db.run("UPDATE deals SET is_won = FALSE");
      const features = await buildFeatures(db, config, { target: "won", purpose: "fit" });
      await expect(
        fitScorecard(db, features, { l2: 1, pointsToDoubleOdds: 20, minIv: 0.02 }),
      ).rejects.toThrow(/cannot fit: the \d+ mature training leads have 0 won outcomes/);
    } finally {
      db.close();
    }
  });
});
