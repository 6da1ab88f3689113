import type { TopLevelSpec } from "vega-lite";
import { readReportFile } from "./report-files.js";

/** A Vega-Lite spec from `reports/`: declares its named data in `usermeta.handoff`. */
export type ChartSpec = TopLevelSpec & { usermeta?: Record<string, unknown> };

const CHART_NAME = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The chart spec `reports/<report>/<chart>.vl.json` for `name` = `"<report>/<chart>"`.
 *
 * Returns a fresh copy each call, so callers may change it. Throws when the name is malformed,
 * the file is missing, or the spec does not name itself (`usermeta.handoff.chart`) as `name`:
 * a copied spec that still carries its old name would mislabel every error about its data.
 *
 * @example loadChartSpec("common/lift-by-decile").mark // the spec as parsed JSON
 */
export function loadChartSpec(name: string): ChartSpec {
  if (!CHART_NAME.test(name))
    throw new Error(
      `loadChartSpec: chart name must look like "report/chart" (lower-case, digits, hyphens); got ${JSON.stringify(name)}`,
    );
  let text: string;
  try {
    text = readReportFile(`${name}.vl.json`);
  } catch (error) {
    throw new Error(`loadChartSpec: no chart spec reports/${name}.vl.json`, { cause: error });
  }
  let spec: ChartSpec;
  try {
    spec = JSON.parse(text) as ChartSpec;
  } catch (error) {
    throw new Error(`loadChartSpec: reports/${name}.vl.json is not valid JSON`, { cause: error });
  }
  const declared = (spec.usermeta?.handoff as { chart?: unknown } | undefined)?.chart;
  if (declared !== name)
    throw new Error(
      `loadChartSpec: reports/${name}.vl.json declares usermeta.handoff.chart ${JSON.stringify(declared)}; expected ${JSON.stringify(name)}`,
    );
  return spec;
}
