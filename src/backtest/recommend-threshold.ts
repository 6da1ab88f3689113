import type { SweepRow } from "./summarise-sweep.js";

export type Objective = "won_revenue" | "won_deals";

export interface Constraints {
  objective: Objective;
  /** Most MQLs per week; undefined: no limit. */
  weeklyCapacity?: number | undefined;
  /** Lowest acceptable MQL→SQL rate (point estimate). */
  minSqlRate: number;
}

/** A constraint a threshold breaks, in words and figures. */
export interface Violation {
  constraint: "weekly_capacity" | "min_mql_to_sql";
  /** `132.4 MQLs/week > capacity 120` */
  detail: string;
}

export interface Candidate {
  threshold: number;
  objective_value: number;
  mql_per_week: number | null;
  sql_rate: number | null;
  violations: Violation[];
}

export interface Recommendation {
  objective: Objective;
  /** The chosen threshold, or null when none meets the constraints. */
  threshold: number | null;
  objective_value: number | null;
  /**
   * Why the line is not lower: the constraint that the next threshold capturing more breaks,
   * or null when the chosen threshold already captures the most any threshold does.
   */
  binding: Violation[] | null;
  /** What the nearest threshold that would capture more gives up (or breaks). */
  next_better: Candidate | null;
  /** The next-best feasible thresholds by objective, with their differences. */
  runners_up: (Candidate & {
    delta_objective: number;
    delta_mql_per_week: number | null;
    delta_sql_rate: number | null;
  })[];
  /** In words, for the terminal. */
  reason: string;
}

/**
 * Choose the MQL threshold: among the thresholds that meet every constraint, the one with the
 * most won revenue (or won deals) captured; on a tie, the higher threshold (as much captured,
 * fewer MQLs for sales to work). Then say what binds: the constraint that stops the line going
 * lower to capture more, and how the runners-up trade objective for volume and quality.
 */
export function recommendThreshold(rows: SweepRow[], constraints: Constraints): Recommendation {
  const candidates = rows.map((row) => candidateOf(row, constraints));
  const feasible = candidates.filter((c) => c.violations.length === 0);
  const byObjective = (a: Candidate, b: Candidate) =>
    b.objective_value - a.objective_value || b.threshold - a.threshold;
  const best = [...feasible].sort(byObjective)[0];
  const unit = constraints.objective === "won_revenue" ? "won revenue" : "won deals";
  if (best === undefined) {
    const broken = new Set(candidates.flatMap((c) => c.violations.map((v) => v.constraint)));
    return {
      objective: constraints.objective,
      threshold: null,
      objective_value: null,
      binding: null,
      next_better: null,
      runners_up: [],
      reason: `no threshold in the grid meets every constraint (broken: ${[...broken].join(", ") || "none"}); widen the grid, raise the weekly capacity or lower min_mql_to_sql`,
    };
  }
  // thresholds that would capture more than the chosen one: the nearest of them tells what binds
  const better = candidates
    .filter((c) => c.objective_value > best.objective_value)
    .sort(
      (a, b) => Math.abs(a.threshold - best.threshold) - Math.abs(b.threshold - best.threshold),
    );
  const nextBetter = better[0] ?? null;
  // thresholds that select exactly the same leads as one already listed add nothing: skip them
  const listed: Candidate[] = [best];
  const sameLeads = (a: Candidate, b: Candidate) =>
    a.objective_value === b.objective_value &&
    a.mql_per_week === b.mql_per_week &&
    a.sql_rate === b.sql_rate;
  for (const c of [...feasible].sort(byObjective)) {
    if (listed.length > 3) break;
    if (!listed.some((l) => sameLeads(l, c))) listed.push(c);
  }
  const runnersUp = listed.slice(1).map((c) => ({
    ...c,
    delta_objective: c.objective_value - best.objective_value,
    delta_mql_per_week:
      c.mql_per_week !== null && best.mql_per_week !== null
        ? c.mql_per_week - best.mql_per_week
        : null,
    delta_sql_rate:
      c.sql_rate !== null && best.sql_rate !== null ? c.sql_rate - best.sql_rate : null,
  }));
  const reason =
    nextBetter === null
      ? `threshold ${best.threshold} captures the most ${unit} of any threshold in the grid, with the fewest MQLs among those that do`
      : `threshold ${best.threshold} captures the most ${unit} within the constraints; threshold ${nextBetter.threshold} would capture more but breaks ${nextBetter.violations.map((v) => v.detail).join(" and ")}`;
  return {
    objective: constraints.objective,
    threshold: best.threshold,
    objective_value: best.objective_value,
    binding: nextBetter?.violations ?? null,
    next_better: nextBetter,
    runners_up: runnersUp,
    reason,
  };
}

function candidateOf(row: SweepRow, constraints: Constraints): Candidate {
  const violations: Violation[] = [];
  if (
    constraints.weeklyCapacity !== undefined &&
    row.mql_per_week !== null &&
    row.mql_per_week > constraints.weeklyCapacity
  ) {
    violations.push({
      constraint: "weekly_capacity",
      detail: `the weekly capacity (${row.mql_per_week.toFixed(1)} MQLs/week > ${constraints.weeklyCapacity})`,
    });
  }
  if (row.sql_rate === null || row.sql_rate < constraints.minSqlRate) {
    violations.push({
      constraint: "min_mql_to_sql",
      detail:
        row.sql_rate === null
          ? "the minimum MQL→SQL rate (no MQL with an observed outcome)"
          : `the minimum MQL→SQL rate (${(row.sql_rate * 100).toFixed(1)}% < ${(constraints.minSqlRate * 100).toFixed(1)}%)`,
    });
  }
  return {
    threshold: row.threshold,
    objective_value: constraints.objective === "won_revenue" ? row.won_amount : row.mql_won,
    mql_per_week: row.mql_per_week,
    sql_rate: row.sql_rate,
    violations,
  };
}
