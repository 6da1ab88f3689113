import { sqlNumber } from "../db/index.js";

/** One column of the timeline: the rows of `timeline_input` whose `rule_no` is `ruleNo`. */
export interface TimelineRule {
  ruleNo: number;
  /** Points are negative: the cap clamps to [−cap, 0] instead of [0, cap]. */
  negative: boolean;
  /** Most points the rule contributes at any moment (absolute value); null: no cap. */
  cap: number | null;
  /** Days after which a row's points have halved; null: no decay (a running count). */
  halfLifeDays: number | null;
}

/**
 * Totals are rounded to this many decimals: the scaling into and out of an epoch's units
 * (2^x · 2^−x) leaves noise of ~1e-16 relative, which would make 3 × 10 points arriving at one
 * moment 29.999999999999996 (short of a threshold of 30) or split one level into two records.
 */
export const TOTAL_DIGITS = 10;

/** Epochs are this many of the model's shortest half-lives long (see {@link intentTimelineSql}). */
export const EPOCH_HALF_LIVES = 512;

/**
 * CTEs that give every row of a relation `timeline_input` the lead's score at that row's moment,
 * in ONE window pass over the lead's rows (queries that follow `WITH timeline_input AS (…),`).
 *
 * Input `timeline_input(lead_key, rule_no INTEGER, w DOUBLE, base DOUBLE, t, t_eval, t_end
 * TIMESTAMP)`: one row per scored event, worth `w` points at its own time `t` to rule `rule_no`,
 * first counted at `t_eval ≥ t` (events before a lead's creation are first evaluated at the
 * creation), `t_end` the lead's last moment (`t ≤ t_end`); `base` the lead's points that do not
 * change with time (the same on all its rows). Rows whose rule_no matches no rule (NULL) only
 * add a moment, such as the creation.
 *
 * Output `timeline(lead_key, t_eval, total)`, one row per input row: base + Σ over the rules of
 * clamp(S_r(t_eval), ±cap_r) with S_r(τ) = Σ over the rule's rows with t_eval ≤ τ of
 * w · 2^(−(τ − t)/h_r) (w · count without decay). Rows at one moment share it (peers of a
 * RANGE frame) and get bit-identical totals, rounded to 1e-10 points ({@link TOTAL_DIGITS}).
 *
 * How. With a base time b, S_r(τ) = 2^((b − τ)/h_r) · Σ w · 2^((t − b)/h_r): a running sum per
 * rule, all rules as FILTERed columns of one window (PARTITION BY lead ORDER BY t_eval, RANGE … CURRENT
 * ROW). 2^x overflows a double beyond x ≈ 1023, so the base is not one per lead but one per
 * epoch: time before t_end is cut into epochs n = ⌊(t_end − t_eval)/L⌋ of L = 512 · h_min days
 * (h_min the shortest half-life), b_n = t_end − n·L the epoch's end. Within an epoch every
 * weight 2^((t − b_n)/h_r) ≤ 1 (it may underflow only for rows more than ~1000 half-lives older
 * than their epoch, worth nothing at any moment of it) and the scale-up 2^((b_n − τ)/h_r) ≤
 * 2^512. Older epochs n' > n reach epoch n as their totals at their own end (the running sum's
 * last value, already in points at b_n'), decayed by 2^(−(n' − n)·L/h_r) ≤ 1 (the carry: a join
 * over the few (lead, epoch) pairs beyond epoch 0, none unless a lead spans more than 512 of the
 * shortest half-lives; quadratic in a lead's epochs, so a model with half-lives of minutes
 * over years of events pays for it). Rules without decay are plain running sums, carried at 1.
 * `spanDays` bounds t_end − t over all rows (null: unknown): below one epoch's length every row
 * is in epoch 0 and the query has no epoch column, no carry and no second read of the rows
 * (`queries/backtest/score-span.sql`, `queries/features/sample-span.sql`).
 *
 * Rule numbers, caps and half-lives come from the validated model as JS numbers and are
 * written as numeric literals ({@link sqlNumber}); nothing else is pasted into the text.
 */
export function intentTimelineSql(rules: readonly TimelineRule[], spanDays: number | null): string {
  for (const r of rules) {
    if (!Number.isSafeInteger(r.ruleNo))
      throw new Error(`intentTimelineSql: rule number ${r.ruleNo} is not an integer`);
    if (r.halfLifeDays !== null && !(r.halfLifeDays > 0 && Number.isFinite(r.halfLifeDays)))
      throw new Error(`intentTimelineSql: half-life ${r.halfLifeDays} is not a positive number`);
    if (r.cap !== null && !(r.cap >= 0 && Number.isFinite(r.cap)))
      throw new Error(`intentTimelineSql: cap ${r.cap} is not a number >= 0`);
  }
  if (new Set(rules.map((r) => r.ruleNo)).size !== rules.length)
    throw new Error("intentTimelineSql: rule numbers must be distinct");
  // the distinct half-lives: one scale factor each
  const halfLives = [
    ...new Set(rules.flatMap((r) => (r.halfLifeDays === null ? [] : [r.halfLifeDays]))),
  ];
  const epochDays = halfLives.length === 0 ? null : EPOCH_HALF_LIVES * Math.min(...halfLives);
  // one epoch (n = 0 everywhere) when no row can be an epoch's length before its lead's end
  const epochs = epochDays !== null && (spanDays === null || !(spanDays < epochDays));
  const L = epochs ? sqlNumber(epochDays as number) : null;
  const h = (j: number) => sqlNumber(halfLives[j] as number);
  const hIndex = (r: TimelineRule) =>
    r.halfLifeDays === null ? -1 : halfLives.indexOf(r.halfLifeDays);
  const ruleList = (j: number) =>
    rules
      .filter((r) => hIndex(r) === j)
      .map((r) => r.ruleNo)
      .join(", ");
  // t − b_n in days: n·L − d (b_n = t_end − n·L), and b_n − t_eval = d_eval − n·L
  const sinceBase = L === null ? "-d" : `(n * ${L} - d)`;
  const untilBase = L === null ? "d_eval" : `(d_eval - n * ${L})`;
  // a row's weight in its epoch's units: w · 2^((t − b_n)/h)
  const weight =
    halfLives.length === 0
      ? "w"
      : `w * CASE ${halfLives.map((_, j) => `WHEN rule_no IN (${ruleList(j)}) THEN pow(2, ${sinceBase} / ${h(j)})`).join(" ")} ELSE 1 END`;
  // out of the epoch's units at t_eval: 2^((b_n − t_eval)/h), 1 when the lead has no end
  const scales = halfLives.map((_, j) => `coalesce(pow(2, ${untilBase} / ${h(j)}), 1) AS g${j}`);
  // each rule's uncapped total at t_eval, then clamped to ±cap (CASE: DuckDB's least and
  // greatest cost several times more per row)
  const uncapped = (r: TimelineRule, i: number) => {
    const raw = L === null ? `coalesce(a${i}, 0)` : `(coalesce(a${i}, 0) + coalesce(c${i}, 0))`;
    return `${r.halfLifeDays === null ? raw : `${raw} * g${hIndex(r)}`} AS v${i}`;
  };
  const capped = (r: TimelineRule, i: number) => {
    if (r.cap === null) return `v${i}`;
    const bound = sqlNumber(r.negative ? -r.cap : r.cap);
    return `CASE WHEN v${i} ${r.negative ? "<" : ">"} ${bound} THEN ${bound} ELSE v${i} END`;
  };
  const list = (items: string[]) => items.map((x) => `,\n         ${x}`).join("");
  const ctes = [
    L === null
      ? `timeline_weights AS (
  -- d, d_eval: days from the row's own time and its evaluation time to the lead's end
  SELECT lead_key, rule_no, base, t_eval, d_eval, ${weight} AS x
  FROM (SELECT lead_key, rule_no, w, base, t_eval,
               (epoch_us(t_end) - epoch_us(t)) / 86400e6 AS d,
               (epoch_us(t_end) - epoch_us(t_eval)) / 86400e6 AS d_eval
        FROM timeline_input)
)`
      : `timeline_weights AS (
  -- d, d_eval: days from the row's own time and its evaluation time to the lead's end;
  -- n: its epoch (0: the last ${EPOCH_HALF_LIVES} shortest half-lives before the end)
  SELECT lead_key, rule_no, base, t_eval, d_eval, n, ${weight} AS x
  FROM (SELECT *, greatest(floor(d_eval / ${L}), 0)::INTEGER AS n
        FROM (SELECT lead_key, rule_no, w, base, t_eval,
                     (epoch_us(t_end) - epoch_us(t)) / 86400e6 AS d,
                     (epoch_us(t_end) - epoch_us(t_eval)) / 86400e6 AS d_eval
              FROM timeline_input))
)`,
    `timeline_running AS (
  -- each rule's running sum within the lead${L === null ? "" : "'s epoch"}, rows at one moment together
  SELECT lead_key, t_eval, d_eval, ${L === null ? "" : "n, "}base${list(rules.map((r, i) => `sum(x) FILTER (WHERE rule_no = ${r.ruleNo}) OVER running AS a${i}`))}
  FROM timeline_weights
  WINDOW running AS (PARTITION BY lead_key${L === null ? "" : ", n"} ORDER BY t_eval
                     RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)`,
  ];
  let running = "timeline_running";
  if (L !== null) {
    const carried = rules.map((r, i) =>
      r.halfLifeDays === null
        ? `sum(o.s${i}) AS c${i}`
        : `sum(o.s${i} * pow(2, -(o.n - e.n) * ${L} / ${h(hIndex(r))})) AS c${i}`,
    );
    ctes.push(
      `timeline_old AS (
  -- epochs before the latest one: each rule's total at the epoch's end
  SELECT lead_key, n${list(rules.map((r, i) => `sum(x) FILTER (WHERE rule_no = ${r.ruleNo}) AS s${i}`))}
  FROM timeline_weights
  WHERE n >= 1
  GROUP BY lead_key, n
)`,
      `timeline_carry AS (
  -- what the older epochs still add at the end of each epoch
  SELECT e.lead_key, e.n${list(carried)}
  FROM (SELECT lead_key, n FROM timeline_old UNION SELECT lead_key, 0 FROM timeline_old) e
  JOIN timeline_old o ON o.lead_key = e.lead_key AND o.n > e.n
  GROUP BY e.lead_key, e.n
)`,
      `timeline_carried AS (
  SELECT r.*${list(rules.map((_, i) => `c.c${i}`))}
  FROM timeline_running r
  LEFT JOIN timeline_carry c ON c.lead_key = r.lead_key AND c.n = r.n
)`,
    );
    running = "timeline_carried";
  }
  ctes.push(
    `timeline_values AS (
  SELECT lead_key, t_eval, base${list(rules.map(uncapped))}
  FROM (SELECT *${list(scales)} FROM ${running})
)`,
    `timeline AS (
  SELECT lead_key, t_eval,
         round(base${rules.map((r, i) => `\n               + ${capped(r, i)}`).join("")}, ${TOTAL_DIGITS}) AS total
  FROM timeline_values
)`,
  );
  return ctes.join(", ");
}
