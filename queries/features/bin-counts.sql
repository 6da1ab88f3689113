-- bin-counts: outcome counts per feature and bin among training leads: the profile's and the
-- monotonic merging's input.
-- params: none. Reads lead_bins, fit_sample, lead_labels.
-- columns: feature, bin, leads, won, handed (handed to sales), sql, events / non_events (target
--   y true / false), mean_num (mean raw value, numeric features), max_num.
SELECT b.feature, b.bin,
       count(*)::INTEGER AS leads,
       count(*) FILTER (WHERE l.won)::INTEGER AS won,
       count(*) FILTER (WHERE l.handed_to_sales)::INTEGER AS handed,
       count(*) FILTER (WHERE l.sql)::INTEGER AS sql,
       count(*) FILTER (WHERE s.y)::INTEGER AS events,
       count(*) FILTER (WHERE NOT s.y)::INTEGER AS non_events,
       avg(b.num) AS mean_num,
       max(b.num) AS max_num
FROM lead_bins b
JOIN fit_sample s ON s.lead_id = b.lead_id AND s.split = 'train'
JOIN lead_labels l ON l.lead_id = b.lead_id
GROUP BY b.feature, b.bin
ORDER BY b.feature, b.bin;
