-- time-to-won: how long won deals take to close after their lead's decision time; the basis
-- of `windows.maturity_days: auto`.
-- A lead's won time is the earliest close (closed_at, else created_at) of the won deals linked
-- to it through deal_leads; days = (won time - decision time) in days, clamped at 0 (a deal
-- won before the decision time took 0 days). Leads without a decision time or won time are
-- left out.
-- params: $decision ('created' | 'mql'), $scoring_days (DOUBLE).
-- columns: won_leads INTEGER, p50_days, p90_days, max_days (DOUBLE; NULL when won_leads = 0).
WITH won AS (
  SELECT dl.lead_id, min(coalesce(d.closed_at, d.created_at)) AS won_at
  FROM deal_leads dl JOIN deals d ON d.deal_id = dl.deal_id
  WHERE d.is_won
  GROUP BY dl.lead_id
), days AS (
  SELECT greatest(0, epoch(w.won_at - decision_at_of(l.created_at, l.mql_at, $decision, $scoring_days)) / 86400.0) AS d
  FROM won w JOIN leads l ON l.lead_id = w.lead_id
  WHERE w.won_at IS NOT NULL
    AND decision_at_of(l.created_at, l.mql_at, $decision, $scoring_days) IS NOT NULL
)
SELECT count(*)::INTEGER AS won_leads,
       quantile_cont(d, 0.5) AS p50_days,
       quantile_cont(d, 0.9) AS p90_days,
       max(d) AS max_days
FROM days;
