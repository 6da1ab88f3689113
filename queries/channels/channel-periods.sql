-- channel-periods: spend joined to the leads it bought, by normalised source (channel) and
-- period, with cost per lead / MQL / SQL / won deal, CAC and won revenue per unit of spend.
-- Needs the funnel lead-stages view.
-- params:
--   $period         'month': calendar months; a spend row covering several months is spread
--                   over them in proportion to its days. 'spend': the periods as the spend file
--                   cuts them (rows with the same source, period_start and period_end summed).
--   $as_of::TIMESTAMP          TIMESTAMP, the data's "today"
--   $maturity_days  INTEGER; a period is mature when period_end + 1 day + $maturity_days <= $as_of::TIMESTAMP
-- Attribution: a lead belongs to the period its created_at falls in, for its own source only
-- (spend of "Paid Search" never buys "paid_search" leads: differing spellings are reported, not
-- merged). In 'spend' mode, when periods of one source overlap, the latest-starting one wins.
-- A won deal is credited once, to its first linked lead (earliest created_at, then lead_id).
-- Rows: one per (channel, period) with spend or leads, plus one total per channel (is_total)
-- over its mature periods that have spend (leads outside spend periods are not paid by it).
-- Output columns: channel, is_total, period_start DATE, period_end DATE (inclusive; NULL for
--   leads outside every spend period of their source, and for totals), status ('matched' |
--   'spend_without_leads' | 'leads_without_spend' | 'total'), mature, spend (NULL: none), leads,
--   mqls, sqls (leads that reached SQL), mql_sqls, mql_won (MQLs that reached SQL / were won),
--   won_deals, won_customers (distinct account, else deal), won_revenue, cost_per_lead,
--   cost_per_mql, cost_per_sql, cost_per_won_deal, cac (spend / won_customers),
--   revenue_per_spend (won_revenue / spend); channel_has_spend, channel_has_leads (anywhere)
WITH spend_month AS (
  SELECT
    s.source AS channel,
    m.month::DATE AS period_start,
    (m.month + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS period_end,
    s.amount
      * (least(s.period_end, (m.month + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE)
         - greatest(s.period_start, m.month::DATE) + 1)
      / (s.period_end - s.period_start + 1) AS amount
  FROM spend s,
    LATERAL (SELECT unnest(generate_series(date_trunc('month', s.period_start),
      date_trunc('month', s.period_end), INTERVAL 1 MONTH)) AS month) m
  WHERE $period = 'month' AND s.period_end >= s.period_start
),
spend_own AS (
  SELECT source AS channel, period_start, period_end, amount
  FROM spend
  WHERE $period = 'spend' AND period_end >= period_start
),
spend_periods AS (
  -- DECIMAL sums: exact, so the total does not depend on the order DuckDB's threads add in
  -- (a DOUBLE sum moved a channel's rounded spend by $1 between two runs)
  SELECT channel, period_start, period_end, sum(amount::DECIMAL(38, 6)) AS spend
  FROM (SELECT * FROM spend_month UNION ALL SELECT * FROM spend_own)
  GROUP BY ALL
),
leads_in AS (
  SELECT
    s.lead_id, s.is_mql, s.reached_sql, s.is_won, s.created_at,
    coalesce(l.source, '(missing)') AS channel,
    s.created_at::DATE AS created_day
  FROM lead_stages s
  JOIN leads l USING (lead_id)
  WHERE s.created_at IS NOT NULL
),
lead_periods AS (
  SELECT
    li.*,
    CASE WHEN $period = 'month' THEN date_trunc('month', li.created_day)::DATE ELSE p.period_start END AS period_start,
    CASE WHEN $period = 'month'
      THEN (date_trunc('month', li.created_day) + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE
      ELSE p.period_end END AS period_end
  FROM leads_in li
  LEFT JOIN spend_periods p
    ON $period = 'spend' AND p.channel = li.channel
    AND li.created_day BETWEEN p.period_start AND p.period_end
  QUALIFY row_number() OVER (
    PARTITION BY li.lead_id ORDER BY p.period_start DESC NULLS LAST, p.period_end
  ) = 1
),
first_lead AS (
  SELECT
    d.deal_id, d.amount,
    coalesce(d.account_id, l.account_id, d.deal_id) AS customer,
    lp.channel, lp.period_start, lp.period_end
  FROM deals d
  JOIN deal_leads dl USING (deal_id)
  JOIN lead_periods lp ON lp.lead_id = dl.lead_id
  JOIN leads l ON l.lead_id = dl.lead_id
  WHERE d.is_won
  QUALIFY row_number() OVER (PARTITION BY d.deal_id ORDER BY lp.created_at, lp.lead_id) = 1
),
lead_counts AS (
  SELECT
    channel, period_start, period_end,
    count(*)::INTEGER AS leads,
    count(*) FILTER (WHERE is_mql)::INTEGER AS mqls,
    count(*) FILTER (WHERE reached_sql)::INTEGER AS sqls,
    count(*) FILTER (WHERE is_mql AND reached_sql)::INTEGER AS mql_sqls,
    count(*) FILTER (WHERE is_mql AND is_won)::INTEGER AS mql_won
  FROM lead_periods
  GROUP BY ALL
),
deal_counts AS (
  SELECT
    channel, period_start, period_end,
    count(*)::INTEGER AS won_deals,
    count(DISTINCT customer)::INTEGER AS won_customers,
    coalesce(sum(amount::DECIMAL(38, 6)), 0) AS won_revenue
  FROM first_lead
  GROUP BY ALL
),
periods AS (
  SELECT
    coalesce(p.channel, c.channel) AS channel,
    coalesce(p.period_start, c.period_start) AS period_start,
    coalesce(p.period_end, c.period_end) AS period_end,
    p.spend,
    coalesce(c.leads, 0) AS leads,
    coalesce(c.mqls, 0) AS mqls,
    coalesce(c.sqls, 0) AS sqls,
    coalesce(c.mql_sqls, 0) AS mql_sqls,
    coalesce(c.mql_won, 0) AS mql_won
  FROM spend_periods p
  FULL OUTER JOIN lead_counts c
    ON c.channel = p.channel AND c.period_start = p.period_start AND c.period_end = p.period_end
),
period_rows AS (
  SELECT
    pr.channel, false AS is_total, pr.period_start, pr.period_end,
    CASE
      WHEN pr.spend IS NULL THEN 'leads_without_spend'
      WHEN pr.leads = 0 THEN 'spend_without_leads'
      ELSE 'matched'
    END AS status,
    pr.period_end + INTERVAL 1 DAY + $maturity_days * INTERVAL 1 DAY <= $as_of::TIMESTAMP AS mature,
    pr.spend, pr.leads, pr.mqls, pr.sqls, pr.mql_sqls, pr.mql_won,
    coalesce(dc.won_deals, 0) AS won_deals,
    coalesce(dc.won_customers, 0) AS won_customers,
    coalesce(dc.won_revenue, 0) AS won_revenue
  FROM periods pr
  LEFT JOIN deal_counts dc
    ON dc.channel = pr.channel
    AND dc.period_start IS NOT DISTINCT FROM pr.period_start
    AND dc.period_end IS NOT DISTINCT FROM pr.period_end
),
all_rows AS (
  SELECT * FROM period_rows
  UNION ALL
  SELECT
    channel, true, NULL, NULL, 'total', true,
    sum(spend), sum(leads), sum(mqls), sum(sqls), sum(mql_sqls), sum(mql_won),
    sum(won_deals), sum(won_customers), sum(won_revenue)
  FROM period_rows
  WHERE mature AND spend IS NOT NULL
  GROUP BY channel
)
SELECT
  channel, is_total, period_start, period_end, status, mature, spend::DOUBLE AS spend,
  leads::INTEGER AS leads, mqls::INTEGER AS mqls, sqls::INTEGER AS sqls,
  mql_sqls::INTEGER AS mql_sqls, mql_won::INTEGER AS mql_won,
  won_deals::INTEGER AS won_deals, won_customers::INTEGER AS won_customers,
  won_revenue::DOUBLE AS won_revenue,
  spend::DOUBLE / nullif(leads, 0) AS cost_per_lead,
  spend::DOUBLE / nullif(mqls, 0) AS cost_per_mql,
  spend::DOUBLE / nullif(sqls, 0) AS cost_per_sql,
  spend::DOUBLE / nullif(won_deals, 0) AS cost_per_won_deal,
  spend::DOUBLE / nullif(won_customers, 0) AS cac,
  won_revenue::DOUBLE / nullif(spend::DOUBLE, 0) AS revenue_per_spend,
  bool_or(spend IS NOT NULL) OVER (PARTITION BY channel) AS channel_has_spend,
  bool_or(leads > 0) OVER (PARTITION BY channel) AS channel_has_leads
FROM all_rows
ORDER BY channel, is_total, period_start NULLS LAST;
