import { PSI_BANDS, type PsiBand, psi, psiBand, wilsonInterval } from "../stats/index.js";

/** One bin's counts in one period (from featureBinCountsSql / score-bin-counts.sql). */
export interface DriftCountRow {
  feature: string;
  bin: number;
  label: string;
  period: "from" | "to";
  leads: number;
  mature: number;
  won: number;
}

export interface PeriodBin {
  leads: number;
  /** Share of the period's leads in the bin. */
  share: number;
  mature: number;
  won: number;
  /** Won rate among mature leads, with its 95% Wilson interval; null without mature leads. */
  won_rate: number | null;
  low: number | null;
  high: number | null;
}

export interface BinDrift {
  bin: number;
  label: string;
  from: PeriodBin;
  to: PeriodBin;
  /** to − from won rate (mature leads); null when either has none. */
  rate_change: number | null;
  /** Both periods have at least `minRateLeads` mature leads: the change is judged. */
  rate_judged: boolean;
  /** Both periods have at least `minRateLeads` mature leads and their 95% intervals do not overlap. */
  rate_moved: boolean;
}

export interface FeatureDrift {
  feature: string;
  /** The model reads this feature. */
  used: boolean;
  psi: number;
  band: PsiBand;
  bins: BinDrift[];
}

export type DriftVerdict = "due" | "watch" | "not due";

export interface DriftSummary {
  score: FeatureDrift | null;
  /** Sorted by PSI, largest first. */
  features: FeatureDrift[];
  verdict: DriftVerdict;
  /** Why, one line each (empty when not due). */
  reasons: string[];
}

export interface DriftRule {
  /** Fewer mature leads than this in a bin, in either period: its won-rate change is not judged. */
  minRateLeads: number;
}

/**
 * From bin counts of two periods: PSI and band per feature (stats' `psi`, `psiBand`), the
 * change in each bin's won rate among mature leads, and whether recalibration is due.
 *
 * The rule (docs/scoring-and-recalibration.md):
 * - **due** when the score distribution has shifted (PSI > 0.25), or a feature the model uses
 *   has shifted, or a bin of a used feature changed its won rate beyond chance (both periods
 *   with at least `minRateLeads` mature leads and 95% Wilson intervals that do not overlap);
 * - **watch** when the score or a used feature is in the watch band (0.1–0.25);
 * - **not due** otherwise. Features the model does not use are reported, not judged.
 */
export function summariseDrift(
  features: readonly DriftCountRow[],
  score: readonly DriftCountRow[],
  used: ReadonlySet<string>,
  rule: DriftRule,
): DriftSummary {
  const byFeature = new Map<string, DriftCountRow[]>();
  for (const row of features) {
    const list = byFeature.get(row.feature) ?? [];
    list.push(row);
    byFeature.set(row.feature, list);
  }
  const drifts: FeatureDrift[] = [];
  for (const [feature, rows] of byFeature) {
    const d = featureDrift(feature, rows, used.has(feature), rule);
    if (d) drifts.push(d);
  }
  drifts.sort((a, b) => b.psi - a.psi || a.feature.localeCompare(b.feature));
  const scoreDrift = featureDrift("score", score, true, rule);

  const due: string[] = [];
  const watch: string[] = [];
  const fmt = (x: number) => x.toFixed(3);
  if (scoreDrift) {
    if (scoreDrift.band === "shifted")
      due.push(
        `the score distribution has shifted (PSI ${fmt(scoreDrift.psi)} > ${PSI_BANDS.shifted})`,
      );
    else if (scoreDrift.band === "watch")
      watch.push(`the score distribution moved (PSI ${fmt(scoreDrift.psi)}, watch band)`);
  }
  for (const d of drifts.filter((f) => f.used)) {
    if (d.band === "shifted") due.push(`${d.feature} has shifted (PSI ${fmt(d.psi)})`);
    else if (d.band === "watch") watch.push(`${d.feature} moved (PSI ${fmt(d.psi)}, watch band)`);
    for (const b of d.bins.filter((x) => x.rate_moved))
      due.push(
        `${d.feature} = ${b.label}: won rate ${pct(b.from.won_rate)} → ${pct(b.to.won_rate)} (95% intervals do not overlap)`,
      );
  }
  const verdict: DriftVerdict = due.length > 0 ? "due" : watch.length > 0 ? "watch" : "not due";
  return { score: scoreDrift, features: drifts, verdict, reasons: due.length > 0 ? due : watch };
}

function featureDrift(
  feature: string,
  rows: readonly DriftCountRow[],
  used: boolean,
  rule: DriftRule,
): FeatureDrift | null {
  const bins = [...new Set(rows.map((r) => r.bin))].sort((a, b) => a - b);
  const get = (bin: number, period: "from" | "to") =>
    rows.find((r) => r.bin === bin && r.period === period);
  const from = bins.map((b) => get(b, "from")?.leads ?? 0);
  const to = bins.map((b) => get(b, "to")?.leads ?? 0);
  const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const fromTotal = total(from);
  const toTotal = total(to);
  if (fromTotal === 0 || toTotal === 0) return null;
  const value = psi(from, to);
  const period = (row: DriftCountRow | undefined, all: number): PeriodBin => {
    const leads = row?.leads ?? 0;
    const mature = row?.mature ?? 0;
    const won = row?.won ?? 0;
    const ci = mature > 0 ? wilsonInterval(won, mature) : null;
    return {
      leads,
      share: leads / all,
      mature,
      won,
      won_rate: ci ? ci.estimate : null,
      low: ci ? ci.low : null,
      high: ci ? ci.high : null,
    };
  };
  return {
    feature,
    used,
    psi: value,
    band: psiBand(value),
    bins: bins.map((bin) => {
      const f = period(get(bin, "from"), fromTotal);
      const t = period(get(bin, "to"), toTotal);
      const judged = f.mature >= rule.minRateLeads && t.mature >= rule.minRateLeads;
      return {
        bin,
        label: get(bin, "from")?.label ?? get(bin, "to")?.label ?? String(bin),
        from: f,
        to: t,
        rate_change: f.won_rate !== null && t.won_rate !== null ? t.won_rate - f.won_rate : null,
        rate_judged: judged,
        rate_moved:
          judged &&
          f.high !== null &&
          t.high !== null &&
          f.low !== null &&
          t.low !== null &&
          (t.low > f.high || t.high < f.low),
      };
    }),
  };
}

function pct(x: number | null): string {
  return x === null ? "–" : `${(x * 100).toFixed(1)}%`;
}
