import { scoreLeads } from "../backtest/score-leads.js";
import type { Db } from "../db/index.js";
import { UserError } from "../errors.js";
import { isActivityRule, type Model } from "../model/model-file.js";
import { featureBinCountsSql } from "./feature-bin-counts-sql.js";
import { storedBins } from "./stored-bins.js";
import { type DriftCountRow, type DriftSummary, summariseDrift } from "./summarise-drift.js";

export interface DriftResult extends DriftSummary {
  from: string;
  to: string;
  /** Leads per period, and how many of them are mature (their won rates count). */
  leads: { from: number; to: number; from_mature: number; to_mature: number };
  /** Feature names the model reads. */
  used: string[];
  notes: string[];
}

/**
 * Drift between two periods (quarters of decision time) for a model, over a database whose
 * features are built (`buildFeatures`: lead_labels, lead_features, feature_bins):
 * 1. every feature's leads per bin per period, mature leads and wins (featureBinCountsSql);
 * 2. the model's score per lead at its decision time (the backtest scorer, population until
 *    'decision', only the two periods' leads), binned on the first period's deciles (score-bin-counts.sql);
 * 3. PSI, bands, won-rate changes and the verdict (summariseDrift).
 */
export async function measureDrift(
  db: Db,
  model: Model,
  options: { from: string; to: string; minRateLeads: number; asOf: Date | null },
): Promise<DriftResult> {
  const notes: string[] = [];
  const periods = await db.all<{ period: string; leads: number; mature: number }>(
    "SELECT period, count(*)::INTEGER AS leads, (count(*) FILTER (WHERE mature))::INTEGER AS mature FROM lead_labels WHERE period IS NOT NULL GROUP BY period ORDER BY period",
  );
  const known = periods.map((p) => p.period);
  for (const p of [options.from, options.to])
    if (!known.includes(p))
      throw new UserError(
        `no leads with a decision time in ${p}: periods in the data are ${known.length > 0 ? `${known[0]}…${known[known.length - 1]}` : "none (no lead dates)"}`,
      );
  if (options.from === options.to)
    throw new UserError(`drift compares two different periods: got ${options.from} twice`);
  const from = periods.find((p) => p.period === options.from);
  const to = periods.find((p) => p.period === options.to);
  // 1.
  const { features, bins } = await storedBins(db);
  const featureRows = await db.all<DriftCountRow>(featureBinCountsSql(features, bins), {
    from: options.from,
    to: options.to,
  });
  // 2.
  await db.exec("backtest/population-from-labels", {
    until: "decision",
    as_of: options.asOf?.toISOString() ?? null,
  });
  await db.exec("drift/population-of-periods", { from: options.from, to: options.to });
  notes.push(...(await scoreLeads(db, model, "drift")).warnings);
  const scoreRows = (
    await db.query<{
      bin: number;
      lo: number | null;
      hi: number | null;
      period: "from" | "to";
      leads: number;
      mature: number;
      won: number;
    }>("drift/score-bin-counts", { from: options.from, to: options.to, model: "drift" })
  ).map((r) => ({ ...r, feature: "score", label: scoreBinLabel(r.lo, r.hi) }));
  // 3.
  const used = usedFeatures(model);
  const summary = summariseDrift(featureRows, scoreRows, new Set(used), {
    minRateLeads: options.minRateLeads,
  });
  if ((to?.mature ?? 0) < options.minRateLeads)
    notes.push(
      `${options.to} has ${to?.mature ?? 0} mature leads: its won rates cannot be compared yet (PSI uses every lead)`,
    );
  return {
    ...summary,
    from: options.from,
    to: options.to,
    leads: {
      from: from?.leads ?? 0,
      to: to?.leads ?? 0,
      from_mature: from?.mature ?? 0,
      to_mature: to?.mature ?? 0,
    },
    used,
    notes,
  };
}

/** The features stage's names for what the model reads: fit fields, intent.<activity>, count columns. */
export function usedFeatures(model: Model): string[] {
  return [
    ...model.fit_rules.map((r) => r.field),
    ...model.intent_rules.map((r) => (isActivityRule(r) ? `intent.${r.activity}` : r.count_column)),
  ];
}

function scoreBinLabel(lo: number | null, hi: number | null): string {
  const n = (x: number) => String(Math.round(x * 10) / 10);
  if (lo === null && hi === null) return "all";
  if (lo === null) return `< ${n(hi as number)}`;
  if (hi === null) return `≥ ${n(lo)}`;
  return `${n(lo)}–${n(hi)}`;
}
