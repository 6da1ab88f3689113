import { percent, textTable } from "../features/format-profile.js";
import type { BacktestResult } from "./run-backtest.js";

const num = (x: number | null | undefined, digits = 0): string =>
  x === null || x === undefined || !Number.isFinite(x)
    ? "–"
    : x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? "–" : percent(x);
const ci = (low: number | null, high: number | null): string =>
  low === null || high === null ? "" : ` [${(low * 100).toFixed(0)}–${(high * 100).toFixed(0)}]`;
const signed = (x: number | null, digits = 0): string =>
  x === null ? "–" : `${x > 0 ? "+" : x < 0 ? "−" : "±"}${num(Math.abs(x), digits)}`;

/** The backtest as terminal text: sweep table, recommendation, walk-forward, swap set, volume. */
export function formatBacktest(result: BacktestResult, modelName: string): string {
  const out: string[] = [];
  const p = result.population;
  out.push(
    `Backtest of ${modelName}: ${num(p.leads)} leads${p.first_day && p.last_day ? ` created ${p.first_day.toISOString().slice(0, 10)} … ${p.last_day.toISOString().slice(0, 10)} (${num(p.weeks, 1)} weeks)` : ""}; ${num(result.labels.mature)} mature, ${num(result.labels.immature)} too young to judge (excluded from rates); maturity ${result.windows.maturityDays} days (${result.windows.maturitySource}).`,
  );
  out.push("");
  const hasRep = result.sweep.some((r) => r.mql_per_rep_week !== null);
  const hasCost = result.sweep.some((r) => r.cost_per_mql !== null);
  const header = [
    "threshold",
    "MQLs",
    "/week",
    ...(hasRep ? ["/rep/wk"] : []),
    "MQL→SQL [95% CI]",
    "MQL→won [95% CI]",
    "won in/missed",
    "revenue in",
    "revenue missed",
    "days→SQL",
    "days→won",
    "unobserved",
    ...(hasCost ? ["cost/MQL"] : []),
    "verdict",
    "",
  ];
  const rows = result.sweep.map((r) => [
    String(r.threshold),
    num(r.mql),
    num(r.mql_per_week, 1),
    ...(hasRep ? [num(r.mql_per_rep_week, 1)] : []),
    `${pct(r.sql_rate)}${ci(r.sql_rate_low, r.sql_rate_high)}`,
    `${pct(r.won_rate)}${ci(r.won_rate_low, r.won_rate_high)}`,
    `${num(r.mql_won)}/${num(r.won_missed)}`,
    num(r.won_amount),
    num(r.won_amount_missed),
    num(r.median_days_to_sql, 1),
    num(r.median_days_to_won, 1),
    num(r.mql_unobserved),
    ...(hasCost ? [num(r.cost_per_mql)] : []),
    r.verdict,
    [
      r.threshold === result.recommendation.threshold ? "◀ recommended" : "",
      result.current?.same_model && r.threshold === result.current.threshold ? "◀ current" : "",
    ]
      .filter(Boolean)
      .join(" "),
  ]);
  out.push(textTable(header, rows));
  out.push(
    "Rates over mature MQLs (MQL→SQL: those handed to sales). unobserved = MQLs never handed to sales historically: outcome unknown, not counted as failures.",
  );
  out.push("");

  const rec = result.recommendation;
  const c = result.constraints;
  out.push(
    `Recommendation (maximise ${c.objective === "won_revenue" ? "won revenue" : "won deals"} captured; weekly capacity ${c.weeklyCapacity ?? "unlimited"}; min MQL→SQL ${percent(c.minSqlRate)}):`,
  );
  out.push(`  ${rec.threshold === null ? "none" : `threshold ${rec.threshold}`}: ${rec.reason}.`);
  out.push(
    `  binding constraint: ${rec.binding === null ? "none" : rec.binding.map((v) => v.constraint).join(" + ")}`,
  );
  if (rec.runners_up.length > 0) {
    out.push("  runners-up:");
    for (const r of rec.runners_up)
      out.push(
        `    ${r.threshold}: objective ${signed(r.delta_objective)}, MQLs/week ${signed(r.delta_mql_per_week, 1)}, MQL→SQL ${r.delta_sql_rate === null ? "–" : `${signed(r.delta_sql_rate * 100, 1)} pts`}`,
      );
  }
  if (result.current) {
    const cur = result.current;
    out.push(
      `  current rule (threshold ${cur.threshold}${cur.same_model ? "" : ", current model"}): ${num(cur.mql)} MQLs, ${num(cur.mql_per_week, 1)}/week, MQL→SQL ${pct(cur.sql_rate)}, revenue captured ${num(cur.won_amount)}`,
    );
  }
  out.push("");

  const wf = result.walk_forward;
  if (wf) {
    out.push("Walk-forward by quarter (choose on the data before the quarter, evaluate on it):");
    out.push(
      textTable(
        [
          "quarter",
          "trained on (mature)",
          "chosen",
          "achieved",
          "best in hindsight",
          "hindsight value",
          "regret",
          "note",
        ],
        wf.quarters.map((q) => [
          q.quarter,
          `${num(q.train.leads)} (${num(q.train.mature)})`,
          q.chosen === null ? "–" : String(q.chosen),
          num(q.chosen_value),
          q.hindsight === null ? "–" : String(q.hindsight),
          num(q.hindsight_value),
          num(q.regret),
          [q.note, ...q.chosen_violations].filter(Boolean).join("; "),
        ]),
      ),
    );
    out.push(
      `  stability: chosen ${wf.stability.chosen.join(", ") || "–"} (${wf.stability.distinct} distinct, mean change ${num(wf.stability.mean_abs_change, 1)} points); total regret ${num(wf.total_regret)}; captured ${pct(wf.captured_share)} of the hindsight optimum`,
    );
    if (wf.quarters.some((q) => q.regret !== null && q.regret < 0))
      out.push(
        "  negative regret: the choice broke a constraint in that quarter and captured more than any line that kept it",
      );
    out.push("");
  }

  if (result.swap_set) {
    out.push(`Swap set: current rule → threshold ${rec.threshold}:`);
    out.push(
      textTable(
        [
          "movement",
          "leads",
          "MQL→SQL [95% CI]",
          "won rate [95% CI]",
          "won",
          "revenue",
          "unobserved",
        ],
        result.swap_set.map((s) => [
          s.movement,
          num(s.leads),
          `${pct(s.sql_rate)}${ci(s.sql_rate_low, s.sql_rate_high)}`,
          `${pct(s.won_rate)}${ci(s.won_rate_low, s.won_rate_high)}`,
          num(s.won),
          num(s.won_amount),
          num(s.unobserved),
        ]),
      ),
    );
    out.push("");
  }

  const b = result.back_solve;
  if (b) {
    out.push(
      `Volume back-solve (one quarter, ${b.weeks} weeks): ${num(b.wins_needed)} wins at ${num(b.average_deal_size)} → ${num(b.sqls_needed)} SQLs at ${percent(b.win_rate)} win rate → ${num(b.mqls_needed)} MQLs (${num(b.mqls_needed_per_week, 1)}/week) at the recommended threshold's MQL→SQL.`,
    );
    out.push(
      `  The recommended threshold produced ${num(b.mqls_produced)} MQLs a quarter: ${b.gap >= 0 ? `${num(b.gap)} more than needed` : `a shortfall of ${num(-b.gap)}`} (${percent(b.coverage)} of need). ${b.sources.join("; ")}.`,
    );
    out.push("");
  }
  for (const note of result.notes) out.push(`note: ${note}`);
  return out.join("\n");
}
