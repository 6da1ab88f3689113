import type { Spec as VegaSpec } from "vega";
import { type Config, compile } from "vega-lite";
import { currencyAffixes } from "./currency-affixes.js";
import type { ChartSpec } from "./load-chart-spec.js";
import { readReportFile } from "./report-files.js";

export interface CompileChartOptions {
  /** ISO 4217 code for the charts' `$` formats; default "USD". */
  currency?: string;
}

export interface CompiledChart {
  /** The Vega spec, data included: what the page and the SVG renderer draw. */
  vega: VegaSpec;
  /** Vega-Lite's warnings (a dropped channel, an ignored property): a spec bug when not empty. */
  warnings: string[];
}

/**
 * A filled Vega-Lite spec compiled to Vega with the Handoff theme (`reports/theme.json`).
 *
 * The theme is the base config; a spec's own `config` wins where both set a property. The
 * currency only changes the theme's number locale, so `"format": "$,.0f"` prints the report's
 * currency sign in charts just as `money` cells do in tables.
 */
export function compileChart(spec: ChartSpec, options: CompileChartOptions = {}): CompiledChart {
  const warnings: string[] = [];
  const config = chartTheme(options.currency ?? "USD");
  const logger = {
    level(): number {
      return 2;
    },
    error(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(" "));
      return logger;
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(" "));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  // vega-lite's LoggerInterface is vega-util's; our object has the same five methods.
  const result = compile(spec, { config, logger: logger as never });
  return { vega: result.spec as VegaSpec, warnings };
}

/** The theme as a Vega-Lite config, with the number locale's currency set. */
export function chartTheme(currency: string): Config {
  const theme = JSON.parse(readReportFile("theme.json")) as Config & { $comment?: string };
  delete theme.$comment;
  const number = theme.locale?.number;
  if (number === undefined)
    throw new Error("chartTheme: reports/theme.json must set locale.number");
  theme.locale = { ...theme.locale, number: { ...number, currency: currencyAffixes(currency) } };
  return theme;
}
