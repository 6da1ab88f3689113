import { describe, expect, it } from "vitest";
import { gridThresholds, parseThresholdGrid } from "../../src/backtest/threshold-grid.js";
import { parseConfigText } from "../../src/config/load-config.js";

describe("parseThresholdGrid(text, where)", () => {
  it("reads from:to:step, step defaulting to 1", () => {
    expect(parseThresholdGrid("20:120:5", "x")).toEqual({ from: 20, to: 120, step: 5 });
    expect(parseThresholdGrid(" -10 : 10 ", "x")).toEqual({ from: -10, to: 10, step: 1 });
  });
  it("names where a bad grid came from", () => {
    expect(() => parseThresholdGrid("120:20:5", "--thresholds")).toThrow(
      '--thresholds: "120:20:5" is not a threshold grid: write from:to:step in whole points, e.g. 20:120:5',
    );
    expect(() => parseThresholdGrid("20:120:0", "x")).toThrow("is not a threshold grid");
    expect(() => parseThresholdGrid("0:100000:1", "x")).toThrow("more than 2000 thresholds");
  });
});

describe("gridThresholds(grid, extra)", () => {
  it("lists the grid with an extra threshold, sorted and unique", () => {
    expect(gridThresholds({ from: 10, to: 22, step: 5 }, 12)).toEqual([10, 12, 15, 20]);
    expect(gridThresholds({ from: 10, to: 20, step: 5 }, 15)).toEqual([10, 15, 20]);
  });
});

describe("config backtest section", () => {
  it("has documented defaults", () => {
    expect(parseConfigText("{}", "handoff.yaml").backtest).toEqual({
      objective: "won_revenue",
      thresholds: "20:120:5",
      health_bands: { too_loose_below: 0.1, too_strict_above: 0.4 },
    });
  });
  it("names a bad key", () => {
    expect(() => parseConfigText("backtest:\n  capacity: 5\n", "handoff.yaml")).toThrow(
      'handoff.yaml: backtest: unknown key "capacity"',
    );
    expect(() =>
      parseConfigText(
        "backtest:\n  health_bands: { too_loose_below: 0.5, too_strict_above: 0.4 }\n",
        "handoff.yaml",
      ),
    ).toThrow(
      "handoff.yaml: backtest.health_bands: too_loose_below must be below too_strict_above",
    );
  });
});
