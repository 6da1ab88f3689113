-- funnel-rates: the data's own funnel figures for the volume back-solve, over mature leads.
-- params: none. Reads lead_labels. Output: one row: sql (mature SQLs), won_of_sql (of those,
--   won), won (mature won leads), won_amount (their total won amount).
SELECT (count(*) FILTER (WHERE mature AND sql))::INTEGER AS sql,
       (count(*) FILTER (WHERE mature AND sql AND won))::INTEGER AS won_of_sql,
       (count(*) FILTER (WHERE mature AND won))::INTEGER AS won,
       coalesce(sum(won_amount::DECIMAL(38, 6)) FILTER (WHERE mature AND won), 0)::DOUBLE AS won_amount
FROM lead_labels
