import type { SweepCounts, SweepDelay } from "../../src/backtest/sweep-thresholds.js";

/**
 * The sweep by brute force, for tests only: every threshold, every lead, straight from the
 * definitions (a lead is an MQL at T when it passes the gates and its first score record at or
 * above T exists; the MQL moment is that record's time).
 */
export interface BruteLead {
  lead_id: string;
  created_at: Date;
  decision_at: Date;
  gates_pass: boolean;
  /** Score records in time order, strictly increasing scores. */
  records: { t: Date; score: number }[];
  sql: boolean | null;
  sql_at: Date | null;
  won: boolean;
  won_at: Date | null;
  won_amount: number | null;
  mature: boolean;
}

export interface BruteOptions {
  thresholds: number[];
  createdFrom?: Date;
  createdTo?: Date;
  censorAt?: Date;
  maturityDays?: number;
}

const DAY = 86_400_000;

export function bruteForceSweep(
  leads: BruteLead[],
  options: BruteOptions,
): { counts: SweepCounts[]; delays: SweepDelay[] } {
  const c = options.censorAt?.getTime();
  const population = leads
    .filter((l) => options.createdFrom === undefined || l.created_at >= options.createdFrom)
    .filter((l) => options.createdTo === undefined || l.created_at < options.createdTo)
    .filter((l) => c === undefined || l.decision_at.getTime() <= c)
    .map((l) => {
      const mature =
        l.mature &&
        (c === undefined || l.decision_at.getTime() + (options.maturityDays ?? 0) * DAY <= c);
      const observed = l.sql !== null;
      const sql =
        observed && l.sql === true && (c === undefined || (l.sql_at?.getTime() ?? Infinity) < c);
      const won = l.won && (c === undefined || (l.won_at?.getTime() ?? Infinity) < c);
      return { ...l, mature, observed, sqlKnown: sql, wonKnown: won };
    });
  const total = {
    leads: population.length,
    leads_mature: population.filter((l) => l.mature).length,
    won_total: population.filter((l) => l.mature && l.wonKnown).length,
    won_amount_total: population
      .filter((l) => l.mature && l.wonKnown)
      .reduce((s, l) => s + (l.won_amount ?? 0), 0),
  };
  const counts: SweepCounts[] = [];
  const delays: SweepDelay[] = [];
  for (const threshold of options.thresholds) {
    const mqls = population.filter(
      (l) => l.gates_pass && l.records.some((r) => r.score >= threshold),
    );
    const mature = mqls.filter((l) => l.mature);
    counts.push({
      threshold,
      mql: mqls.length,
      mql_mature: mature.length,
      mql_immature: mqls.length - mature.length,
      mql_observed: mature.filter((l) => l.observed).length,
      mql_sql: mature.filter((l) => l.sqlKnown).length,
      mql_won: mature.filter((l) => l.wonKnown).length,
      won_amount: mature.filter((l) => l.wonKnown).reduce((s, l) => s + (l.won_amount ?? 0), 0),
      mql_unobserved: mqls.filter((l) => !l.observed).length,
      ...total,
    });
    for (const outcome of ["sql", "won"] as const) {
      const days: number[] = [];
      for (const l of mature) {
        const at =
          outcome === "sql" ? (l.sqlKnown ? l.sql_at : null) : l.wonKnown ? l.won_at : null;
        if (at === null) continue;
        const first = l.records.find((r) => r.score >= threshold);
        if (first === undefined) continue;
        days.push(Math.floor((at.getTime() - first.t.getTime()) / DAY));
      }
      if (days.length === 0) continue;
      days.sort((a, b) => a - b);
      const n = days.length;
      const median =
        ((days[Math.floor((n + 1) / 2) - 1] ?? 0) + (days[Math.floor(n / 2)] ?? 0)) / 2;
      delays.push({ threshold, outcome, n, median_days: median });
    }
  }
  delays.sort((a, b) =>
    a.outcome === b.outcome ? a.threshold - b.threshold : a.outcome < b.outcome ? -1 : 1,
  );
  return { counts, delays };
}
