/**
 * Volume back-solve: from a new-ARR target, the won deals, SQLs and MQLs a quarter needs, and
 * how that compares with what a threshold produces.
 *
 * wins = ⌈target / average deal size⌉, SQLs = wins / win rate (SQL→won),
 * MQLs = SQLs / MQL→SQL rate at the threshold. Rates are point estimates; the intervals in the
 * sweep say how far they can move.
 */
export interface BackSolveInput {
  new_arr: number;
  average_deal_size: number;
  /** SQL→won. */
  win_rate: number;
  /** MQL→SQL at the threshold. */
  mql_to_sql: number;
  /** MQLs the threshold produced per week historically. */
  mql_per_week: number;
  /** Weeks in the target period (a quarter: 13). */
  weeks?: number;
}

export interface BackSolve {
  weeks: number;
  wins_needed: number;
  sqls_needed: number;
  mqls_needed: number;
  mqls_needed_per_week: number;
  mqls_produced: number;
  /** produced − needed over the period: negative is a shortfall. */
  gap: number;
  /** produced / needed. */
  coverage: number;
}

export function backSolveVolume(input: BackSolveInput): BackSolve {
  for (const key of ["new_arr", "average_deal_size", "win_rate", "mql_to_sql"] as const) {
    if (!(input[key] > 0))
      throw new RangeError(`backSolveVolume requires ${key} > 0: got ${input[key]}`);
  }
  const weeks = input.weeks ?? 13;
  const wins = Math.ceil(input.new_arr / input.average_deal_size);
  const sqls = wins / input.win_rate;
  const mqls = sqls / input.mql_to_sql;
  const produced = input.mql_per_week * weeks;
  return {
    weeks,
    wins_needed: wins,
    sqls_needed: Math.ceil(sqls),
    mqls_needed: Math.ceil(mqls),
    mqls_needed_per_week: mqls / weeks,
    mqls_produced: produced,
    gap: produced - Math.ceil(mqls),
    coverage: produced / mqls,
  };
}
