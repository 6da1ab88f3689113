-- population-fingerprint: what bt_population holds, cheaply and independent of row order: the
-- number of leads and two order-free folds of each lead's hash(lead_id, created_at,
-- score_until). Part of the key stored score records are reused under
-- (src/backtest/backtest-result-key.ts: scoreRecordsKey): other leads, creation times or
-- scoring ends mean other records.
-- params: none. Reads bt_population.
-- Output: one row, leads BIGINT, hash_xor VARCHAR, hash_sum VARCHAR.
SELECT count(*)::BIGINT AS leads,
       coalesce(bit_xor(h), 0)::VARCHAR AS hash_xor,
       coalesce(sum(h::HUGEINT), 0)::VARCHAR AS hash_sum
FROM (SELECT hash(lead_id, created_at, score_until) AS h FROM bt_population)
